import { at, K8S, labelsOf, namespaceOf } from "../lib/kubernetes";
import { levels, ofType, shown, stackPolicy } from "../lib/policy";
import { LabelledIndex } from "../lib/selectors";
import { replicaBounds } from "../lib/scaling";
import { templateOf } from "../lib/workloads";

const isZero = (value: unknown) => value === 0 || value === "0" || value === "0%";

/** K-REL-08: a budget that allows no eviction blocks every node drain and cluster upgrade. */
export const poddisruptionbudgetRequireEvictionHeadroom = stackPolicy({
  name: "inferstack-kubernetes-poddisruptionbudget-require-eviction-headroom",
  description: "PodDisruptionBudgets always allow at least one eviction, also at the autoscaler's minimum.",
  severity: "high",
  rules: ["K-REL-08"],
  sources: ["kube-linter pdb-min-available", "kube-linter pdb-max-unavailable", "Polaris pdbDisruptionsIsZero", "Polaris pdbMinAvailableGreaterThanHPAMinReplicas", "pulumi-cp disallow-zero-voluntary-disruption"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.pdb, K8S.deployment, K8S.hpa],
  remediation: "Use maxUnavailable: 1, or a minAvailable below the Deployment's minimum replicas.",
  validate(resources, report, runtime) {
    const budgets = ofType(resources, K8S.pdb);
    if (budgets.length === 0) runtime.notApplicable("no PodDisruptionBudget in the stack");
    const pods = new LabelledIndex(ofType(resources, K8S.deployment), namespaceOf, (d) => labelsOf(templateOf(d) ?? {}));
    for (const budget of budgets) {
      const maxUnavailable = at(budget.props, "spec.maxUnavailable");
      const minAvailable = at(budget.props, "spec.minAvailable");
      if (maxUnavailable !== undefined && isZero(maxUnavailable)) {
        report(budget, `allows no eviction; got maxUnavailable ${shown(maxUnavailable, "unset")}. Use maxUnavailable 1.`);
        continue;
      }
      if (minAvailable === "100%") {
        report(budget, 'allows no eviction; got minAvailable "100%". Use maxUnavailable 1.');
        continue;
      }
      if (typeof minAvailable !== "number") continue;
      for (const deployment of pods.selectedBy(namespaceOf(budget), at(budget.props, "spec.selector"))) {
        const { min } = replicaBounds(deployment, resources);
        if (minAvailable >= min) {
          report(budget, `allows no eviction when ${deployment.name} runs its minimum of ${min} replicas; got minAvailable ${minAvailable}. Use maxUnavailable 1, or minAvailable below ${min}.`);
        }
      }
    }
  },
});
