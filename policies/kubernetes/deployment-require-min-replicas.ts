import { K8S } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";
import { replicaBounds } from "../lib/scaling";

/** Fewest replicas a Deployment keeps: one node loss (or one drain) must leave one serving. */
const MIN_REPLICAS = 2;

/** K-REL-05: replicas (or the autoscaler's minimum) of at least two where it counts. */
export const deploymentRequireMinReplicas = stackPolicy({
  name: "inferstack-kubernetes-deployment-require-min-replicas",
  description: "Deployments keep at least two replicas, counting their autoscaler's minimum.",
  severity: "high",
  rules: ["K-REL-05"],
  sources: ["kube-score deployment-replicas", "Polaris deploymentMissingReplicas", "kube-linter minimum-three-replicas", "pulumi-cp min-replica-count"],
  enforcement: levels("D/A/M"),
  resourceTypes: [K8S.deployment, K8S.hpa],
  remediation: "Set the autoscaler's minReplicas (scaling.minReplicas in the catalog) to 2 or more; 3 where the GPU budget allows.",
  validate(resources, report, runtime) {
    const deployments = ofType(resources, K8S.deployment);
    if (deployments.length === 0) runtime.notApplicable("no Deployment in the stack");
    for (const deployment of deployments) {
      const { min, autoscaled } = replicaBounds(deployment, resources);
      if (min < MIN_REPLICAS) {
        report(deployment, `can run a single replica, so one node loss stops it; got ${autoscaled ? "autoscaler minReplicas" : "replicas"} ${min}. Keep at least ${MIN_REPLICAS}.`);
      }
    }
  },
});
