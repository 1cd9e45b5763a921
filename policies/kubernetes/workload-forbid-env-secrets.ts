import { arr, obj, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, eachContainer } from "../lib/workloads";

/** Environment variable names that hold credentials. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

/** K-SEC-15: secrets reach processes as files, never through the environment (crash dumps, /proc, child processes). */
export const workloadForbidEnvSecrets = resourcePolicy({
  name: "inferstack-kubernetes-workload-forbid-env-secrets",
  description: "Containers receive secrets as mounted files, never as environment variables.",
  severity: "high",
  rules: ["K-SEC-15"],
  sources: ["kube-linter env-var-secret", "CKV_K8S_35", "CIS EKS 4.4.1", "Polaris sensitiveContainerEnvVar"],
  enforcement: levels("A/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: "Mount the Secret as a volume and point the process at the file.",
  validate(resource, report) {
    eachContainer(resource, (container) => {
      for (const env of arr(container.body.env).map(obj)) {
        const name = String(env.name);
        if (obj(env.valueFrom).secretKeyRef !== undefined) report(`${containerLabel(container)} reads a Secret into ${name}; got valueFrom.secretKeyRef. Mount the Secret as a file instead.`);
        else if (typeof env.value === "string" && env.value !== "" && SECRET_NAME.test(name)) report(`${containerLabel(container)} sets credential-like ${name} in plain text; got a literal value. Store it in a Secret mounted as a file.`);
      }
      for (const source of arr(container.body.envFrom).map(obj)) {
        if (source.secretRef !== undefined) report(`${containerLabel(container)} loads a whole Secret into its environment; got envFrom.secretRef ${JSON.stringify(obj(source.secretRef).name)}. Mount it as files instead.`);
      }
    });
  },
});
