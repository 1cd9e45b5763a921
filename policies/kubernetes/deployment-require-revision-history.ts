import { at, K8S } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** K-REL-18: the previous ReplicaSet stays available, so `kubectl rollout undo` works. */
export const deploymentRequireRevisionHistory = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-revision-history",
  description: "Deployments keep at least one previous revision to roll back to.",
  severity: "medium",
  rules: ["K-REL-18", "MLREL-11", "MLREL-13"],
  sources: ["AWS Well-Architected ML Lens MLREL-13"],
  enforcement: levels("A/A/M"),
  resourceTypes: [K8S.deployment],
  remediation: "Leave spec.revisionHistoryLimit unset (10) or set it to 1 or more.",
  validate(resource, report) {
    const limit = at(resource.props, "spec.revisionHistoryLimit");
    if (limit === 0) report("keeps no previous revision to roll back to; got revisionHistoryLimit 0. Keep at least 1.");
  },
});
