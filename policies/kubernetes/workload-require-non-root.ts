import { WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";
import { containerLabel, eachContainer, effectiveSecurity } from "../lib/workloads";

/** K-SEC-03: containers run as a named non-root user (the stock TF Serving image would run as root). */
export const workloadRequireNonRoot = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-non-root",
  description: "Every container runs with runAsNonRoot and an explicit non-zero numeric user id.",
  severity: "high",
  rules: ["K-SEC-03"],
  sources: ["PSS runAsNonRoot", "PSS runAsUser", "kube-linter run-as-non-root", "Polaris runAsRootAllowed", "CKV_K8S_23"],
  enforcement: levels("M/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: "Set securityContext.runAsNonRoot: true and runAsUser to a numeric UID other than 0, on the pod or each container.",
  validate(resource, report) {
    eachContainer(resource, (container, template) => {
      const nonRoot = effectiveSecurity(template, container, "runAsNonRoot");
      const user = effectiveSecurity(template, container, "runAsUser");
      if (nonRoot !== true) report(`${containerLabel(container)} may run as root; got runAsNonRoot ${shown(nonRoot, "unset")}. Set runAsNonRoot: true.`);
      if (typeof user !== "number" || user === 0) report(`${containerLabel(container)} does not name a non-root user; got runAsUser ${shown(user, "unset")}. Set runAsUser to a numeric UID such as 10001.`);
    });
  },
});
