import { at, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";
import { containerLabel, eachContainer } from "../lib/workloads";

/** K-SEC-02: a process cannot gain more privileges than its parent (setuid binaries, file capabilities). */
export const workloadForbidPrivilegeEscalation = resourcePolicy({
  name: "inferstack-kubernetes-workload-forbid-privilege-escalation",
  description: "Every container sets allowPrivilegeEscalation to false.",
  severity: "high",
  rules: ["K-SEC-02"],
  sources: ["PSS allowPrivilegeEscalation", "kube-linter privilege-escalation-container", "Polaris privilegeEscalationAllowed", "CKV_K8S_20"],
  enforcement: levels("M/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
  validate(resource, report) {
    eachContainer(resource, (container) => {
      const value = at(container.body, "securityContext.allowPrivilegeEscalation");
      if (value !== false) report(`${containerLabel(container)} may escalate privileges; got allowPrivilegeEscalation ${shown(value, "unset")}. Set it to false.`);
    });
  },
});
