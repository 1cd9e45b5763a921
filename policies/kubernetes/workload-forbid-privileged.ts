import { WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, eachContainer } from "../lib/workloads";

/** K-SEC-01: no container runs with the host's full privileges. */
export const workloadForbidPrivileged = resourcePolicy({
  name: "inferstack-kubernetes-workload-forbid-privileged",
  description: "No container runs privileged.",
  severity: "critical",
  rules: ["K-SEC-01"],
  sources: ["PSS privileged", "kube-linter privileged-container", "kube-score container-security-context-privileged", "Polaris runAsPrivileged", "CKV_K8S_16"],
  enforcement: levels("M/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: "Remove securityContext.privileged; GPUs are granted through the device plugin's nvidia.com/gpu resource, not privileges.",
  validate(resource, report) {
    eachContainer(resource, (container) => {
      if (container.body.securityContext !== undefined && (container.body.securityContext as Record<string, unknown>).privileged === true) {
        report(`${containerLabel(container)} runs privileged; got securityContext.privileged true. Remove it: request nvidia.com/gpu for GPU access.`);
      }
    });
  },
});
