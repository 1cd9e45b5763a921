import { at, K8S } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";
import { autoscalerOf } from "../lib/scaling";

/** K-REL-13: `pulumi up` never resets the autoscaler's replica count to a hard-coded one. */
export const deploymentForbidReplicasUnderAutoscaler = stackPolicy({
  name: "inferstack-kubernetes-deployment-forbid-replicas-under-autoscaler",
  description: "Deployments scaled by an autoscaler do not set spec.replicas.",
  severity: "medium",
  rules: ["K-REL-13"],
  sources: ["kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.deployment, K8S.hpa],
  remediation: "Leave spec.replicas unset on autoscaled Deployments.",
  validate(resources, report, runtime) {
    const deployments = ofType(resources, K8S.deployment);
    if (deployments.length === 0) runtime.notApplicable("no Deployment in the stack");
    for (const deployment of deployments) {
      const replicas = at(deployment.props, "spec.replicas");
      const hpa = autoscalerOf(deployment, resources);
      if (hpa && replicas !== undefined) {
        report(deployment, `fights its autoscaler ${hpa.name}: every update resets the replica count; got spec.replicas ${String(replicas)}. Leave spec.replicas unset.`);
      }
    }
  },
});
