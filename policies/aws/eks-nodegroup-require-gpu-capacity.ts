import { AWS } from "../lib/aws";
import { gpusPerNode, nodeGroupInstanceTypes, nodeGroupPool, scalingOf } from "../lib/nodes";
import { count, levels, ofType, stackPolicy } from "../lib/policy";
import { gpuDemands } from "../lib/scaling";

/** Smallest GPU node group per tier: two nodes in prod so one loss keeps serving, one in staging, scale-to-zero in dev. */
const MIN_NODES = { dev: 0, staging: 1, prod: 2 } as const;

/** NODE-06: GPU node groups can hold every serving pod at full scale, and never shrink below the tier's floor. */
export const eksNodegroupRequireGpuCapacity = stackPolicy({
  name: "inferstack-aws-eks-nodegroup-require-gpu-capacity",
  description: "GPU node groups keep the tier's minimum of nodes and can grow to fit every serving pod at its autoscaler's maximum.",
  severity: "high",
  rules: ["NODE-06", "MLREL-12"],
  sources: ["inferstack replicas and disruption-budget sizing"],
  enforcement: levels("D/A/M"),
  resourceTypes: [AWS.eksNodeGroup, "kubernetes:apps/v1:Deployment", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"],
  remediation: "Raise the node group's scalingConfig.maxSize to cover sum(maxReplicas × GPUs per pod) ÷ GPUs per node, and minSize to the tier's floor.",
  validate(resources, report, runtime) {
    const gpuGroups = ofType(resources, AWS.eksNodeGroup).filter((g) => gpusPerNode(nodeGroupInstanceTypes(g, resources)) > 0);
    if (gpuGroups.length === 0) runtime.notApplicable("no GPU node group in the stack");
    const demands = gpuDemands(resources);
    for (const group of gpuGroups) {
      const { min, max } = scalingOf(group);
      const perNode = gpusPerNode(nodeGroupInstanceTypes(group, resources));
      if (min < MIN_NODES[runtime.tier]) {
        report(group, `can shrink to ${count(min, "GPU node")} in ${runtime.tier}; got scalingConfig.minSize ${min}. Keep at least ${MIN_NODES[runtime.tier]}.`);
      }
      const mine = demands.filter((d) => d.nodePool !== undefined && d.nodePool === nodeGroupPool(group));
      const gpus = mine.reduce((sum, d) => sum + d.gpusPerPod * d.maxReplicas, 0);
      const needed = Math.ceil(gpus / perNode);
      if (needed > max) {
        const parts = mine.map((d) => `${d.deployment.name} ${d.maxReplicas} × ${d.gpusPerPod}`).join(", ");
        report(group, `cannot fit its serving pods at full scale: they need ${count(gpus, "GPU")} (${parts}), ${count(needed, "node")} of ${count(perNode, "GPU")}; got scalingConfig.maxSize ${max}. Raise maxSize to ${needed} or lower the models' maxReplicas.`);
      }
    }
  },
});
