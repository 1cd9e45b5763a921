import { arr, at, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, eachContainer } from "../lib/workloads";

/** The only capability a restricted pod may add back. */
const ADDABLE = ["NET_BIND_SERVICE"];

/** K-SEC-05: containers drop every Linux capability and add none back (NET_BIND_SERVICE at most). */
export const workloadRequireDroppedCapabilities = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-dropped-capabilities",
  description: "Every container drops all Linux capabilities and adds back at most NET_BIND_SERVICE.",
  severity: "high",
  rules: ["K-SEC-05"],
  sources: ["PSS capabilities_restricted", "kube-linter drop-net-raw-capability", "Polaris dangerousCapabilities", "Polaris insecureCapabilities", "CKV_K8S_25", "CKV_K8S_28", "CKV_K8S_37", "CKV_K8S_39"],
  enforcement: levels("M/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: 'Set securityContext.capabilities: { drop: ["ALL"] } on every container.',
  validate(resource, report) {
    eachContainer(resource, (container) => {
      const drop = arr(at(container.body, "securityContext.capabilities.drop")).map(String);
      const added = arr(at(container.body, "securityContext.capabilities.add")).map(String).filter((c) => !ADDABLE.includes(c));
      if (!drop.includes("ALL")) report(`${containerLabel(container)} keeps Linux capabilities; got drop [${drop.join(", ")}]. Drop "ALL".`);
      if (added.length > 0) report(`${containerLabel(container)} adds capabilities back; got add [${added.join(", ")}]. Add none (NET_BIND_SERVICE at most).`);
    });
  },
});
