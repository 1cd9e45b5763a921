import { at, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";
import { containerLabel, eachContainer, effectiveSecurity } from "../lib/workloads";

const CONFINED = ["RuntimeDefault", "Localhost"];

/** K-SEC-06: system calls are filtered by the runtime's default seccomp profile. */
export const workloadRequireRuntimeDefaultSeccomp = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-runtime-default-seccomp",
  description: "Every pod runs under the RuntimeDefault (or a Localhost) seccomp profile.",
  severity: "high",
  rules: ["K-SEC-06"],
  sources: ["PSS seccompProfile_restricted", "CKV_K8S_31", "Polaris linuxHardening", "kube-score container-seccomp-profile"],
  enforcement: levels("M/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: 'Set the pod\'s securityContext.seccompProfile: { type: "RuntimeDefault" }.',
  validate(resource, report) {
    eachContainer(resource, (container, template) => {
      const type = at(effectiveSecurity(template, container, "seccompProfile"), "type");
      if (!CONFINED.includes(String(type))) report(`${containerLabel(container)} runs without a seccomp profile; got seccompProfile.type ${shown(type, "unset")}. Set the pod's seccompProfile.type to "RuntimeDefault".`);
    });
  },
});
