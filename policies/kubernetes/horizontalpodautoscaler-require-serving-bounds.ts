import { arr, at, K8S, namespaceOf, objectName, obj, podGpus, selectedNodePool, serverPoolOf } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";
import { firstByKey } from "../lib/resource-index";
import { autoscalerOf } from "../lib/scaling";
import { templateOf } from "../lib/workloads";

/**
 * K-REL-12: each server pool scales between a floor that survives a node loss and a ceiling its GPU
 * node pool can hold, on a latency or queue signal rather than CPU alone.
 */
export const horizontalpodautoscalerRequireServingBounds = stackPolicy({
  name: "inferstack-kubernetes-horizontalpodautoscaler-require-serving-bounds",
  description: "Every server pool has an autoscaler targeting an existing Deployment, with a tier-safe minimum, a maximum above it that its GPU node pool can hold, and a non-CPU metric.",
  severity: "high",
  rules: ["K-REL-12", "MLREL-12"],
  sources: ["Polaris hpaMinAvailability", "Polaris hpaMaxAvailability", "kube-score horizontalpodautoscaler-has-target", "kube-linter dangling-horizontalpodautoscaler"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.hpa, K8S.deployment],
  usesContext: true,
  remediation: "Give each server pool an autoscaling/v2 HPA on the queue-latency Pods metric with minReplicas ≥ 2 in prod and maxReplicas within its node pool's GPUs.",
  validate(resources, report, runtime) {
    const context = runtime.context();
    const hpas = ofType(resources, K8S.hpa);
    const deployments = ofType(resources, K8S.deployment);
    if (hpas.length === 0 && deployments.length === 0) runtime.notApplicable("no Deployment or autoscaler in the stack");
    const floor = runtime.tier === "prod" ? 2 : 1;
    for (const deployment of deployments.filter((d) => serverPoolOf(templateOf(d) ?? { metadata: {}, spec: {} }) !== undefined)) {
      if (!autoscalerOf(deployment, resources)) report(deployment, `is a server pool that never scales; got no HorizontalPodAutoscaler targeting ${objectName(deployment)}. Add one.`);
    }
    const byName = firstByKey(deployments, (d) => `${namespaceOf(d)}\u0000${objectName(d)}`);
    for (const hpa of hpas) {
      const targetName = at(hpa.props, "spec.scaleTargetRef.name");
      const targetKind = at(hpa.props, "spec.scaleTargetRef.kind");
      const target = targetKind === "Deployment" && typeof targetName === "string" ? byName.get(`${namespaceOf(hpa)}\u0000${targetName}`) : undefined;
      if (!target) {
        report(hpa, `scales nothing the stack creates; got scaleTargetRef ${JSON.stringify(at(hpa.props, "spec.scaleTargetRef"))}. Point it at the server pool's Deployment.`);
        continue;
      }
      const min = Number(at(hpa.props, "spec.minReplicas") ?? 1);
      const max = Number(at(hpa.props, "spec.maxReplicas"));
      if (min < floor) report(hpa, `can scale ${target.name} down to ${min} replica in ${runtime.tier}; got minReplicas ${min}. Use at least ${floor}.`);
      if (!(max > min)) report(hpa, `cannot scale ${target.name} out; got maxReplicas ${max} for minReplicas ${min}. Set maxReplicas above minReplicas.`);
      const types = arr(at(hpa.props, "spec.metrics")).map((m) => String(obj(m).type));
      if (!types.some((t) => t === "Pods" || t === "Object" || t === "External")) {
        report(hpa, `scales ${target.name} on ${types.length === 0 ? "the default CPU target" : types.join(", ")} only; got no Pods, Object or External metric. Scale on the queue-latency Pods metric, with CPU as a fallback.`);
      }
      const template = templateOf(target);
      const pool = template ? context.nodePools.find((p) => p.name === selectedNodePool(template)) : undefined;
      const gpus = template ? podGpus(template) : 0;
      if (pool && gpus > 0 && max * gpus > pool.maxNodes * pool.gpusPerNode) {
        report(hpa, `can ask for ${max * gpus} GPUs but node pool ${pool.name} holds ${pool.maxNodes * pool.gpusPerNode}; got maxReplicas ${max}. Lower maxReplicas or raise the node pool's maxNodes.`);
      }
    }
  },
});
