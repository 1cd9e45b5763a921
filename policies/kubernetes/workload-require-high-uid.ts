import { WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";
import { containerLabel, eachContainer, effectiveSecurity } from "../lib/workloads";

/** Lowest UID/GID that cannot collide with users of the host. */
const MIN_ID = 10000;

/** K-SEC-04: user and group ids above the host's range, so a container escape does not map to a host user. */
export const workloadRequireHighUid = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-high-uid",
  description: "Every container runs with a user id and group id of at least 10000.",
  severity: "low",
  rules: ["K-SEC-04"],
  sources: ["kube-score container-security-context-user-group-id", "CKV_K8S_40"],
  enforcement: levels("A/A/A"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: `Set runAsUser and runAsGroup to ${MIN_ID} or more.`,
  validate(resource, report) {
    eachContainer(resource, (container, template) => {
      for (const field of ["runAsUser", "runAsGroup"]) {
        const id = effectiveSecurity(template, container, field);
        if (typeof id !== "number" || id < MIN_ID) report(`${containerLabel(container)} uses a low or unset ${field}; got ${shown(id, "unset")}. Use ${MIN_ID} or more.`);
      }
    });
  },
});
