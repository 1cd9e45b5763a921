import { at, K8S, labelsOf, namespaceOf } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";
import { SelectorIndex } from "../lib/selectors";
import { templateOf } from "../lib/workloads";

/** K-REL-07: node drains and upgrades respect the Deployment's capacity. */
export const deploymentRequireDisruptionBudget = stackPolicy({
  name: "inferstack-kubernetes-deployment-require-disruption-budget",
  description: "Every Deployment has a PodDisruptionBudget whose selector matches its pods.",
  severity: "medium",
  rules: ["K-REL-07"],
  sources: ["kube-score deployment-has-poddisruptionbudget", "kube-score poddisruptionbudget-has-policy", "Polaris missingPodDisruptionBudget"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.deployment, K8S.pdb],
  remediation: "Add a policy/v1 PodDisruptionBudget { maxUnavailable: 1 } selecting the Deployment's pod labels.",
  validate(resources, report, runtime) {
    const deployments = ofType(resources, K8S.deployment);
    if (deployments.length === 0) runtime.notApplicable("no Deployment in the stack");
    const budgets = new SelectorIndex(ofType(resources, K8S.pdb), (b) => at(b.props, "spec.selector"), namespaceOf);
    for (const deployment of deployments) {
      const labels = labelsOf(templateOf(deployment) ?? {});
      if (budgets.selecting(labels, namespaceOf(deployment)).length === 0) {
        report(deployment, "has no disruption budget, so a node drain may evict every replica at once; got no PodDisruptionBudget selecting its pods. Add one with maxUnavailable 1.");
      }
    }
  },
});
