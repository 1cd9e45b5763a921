import { at, K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

const isZero = (value: unknown) => value === 0 || value === "0" || value === "0%";

/** K-REL-06: a rollout adds a new pod before removing an old one, so capacity never dips (needs one spare GPU: see NODE-06). */
export const deploymentRequireSurgeRollout = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-surge-rollout",
  description: "Deployments roll out with maxUnavailable 0 and maxSurge 1.",
  severity: "medium",
  rules: ["K-REL-06", "MLREL-11"],
  sources: ["kube-score deployment-strategy", "kube-linter no-rolling-update-strategy"],
  enforcement: levels("A/A/M"),
  resourceTypes: [K8S.deployment],
  remediation: 'Set strategy { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } and keep one spare GPU node for the surge pod.',
  validate(resource, report) {
    const type = at(resource.props, "spec.strategy.type");
    if (type === "Recreate") {
      report('stops every replica before starting the new ones; got strategy "Recreate". Use RollingUpdate with maxUnavailable 0 and maxSurge 1.');
      return;
    }
    const unavailable = at(resource.props, "spec.strategy.rollingUpdate.maxUnavailable");
    const surge = at(resource.props, "spec.strategy.rollingUpdate.maxSurge");
    if (!isZero(unavailable) || surge !== 1) {
      report(`can drop serving capacity during a rollout; got maxUnavailable ${shown(unavailable, "25% (the default)")} and maxSurge ${shown(surge, "25% (the default)")}. Set maxUnavailable 0 and maxSurge 1.`);
    }
  },
});
