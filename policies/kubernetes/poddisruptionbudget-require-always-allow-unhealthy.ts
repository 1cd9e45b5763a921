import { at, K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** K-REL-09: pods that never became healthy (a model that fails to load) do not block drains. */
export const poddisruptionbudgetRequireAlwaysAllowUnhealthy = resourcePolicy({
  name: "inferstack-kubernetes-poddisruptionbudget-require-always-allow-unhealthy",
  description: "PodDisruptionBudgets let unhealthy pods be evicted at any time.",
  severity: "low",
  rules: ["K-REL-09"],
  sources: ["kube-linter pdb-unhealthy-pod-eviction-policy"],
  enforcement: levels("A/A/M"),
  resourceTypes: [K8S.pdb],
  remediation: 'Set spec.unhealthyPodEvictionPolicy: "AlwaysAllow".',
  validate(resource, report) {
    const policy = at(resource.props, "spec.unhealthyPodEvictionPolicy");
    if (policy !== "AlwaysAllow") report(`lets a pod that never became ready block a node drain; got unhealthyPodEvictionPolicy ${shown(policy, "IfHealthyBudget (the default)")}. Set it to "AlwaysAllow".`);
  },
});
