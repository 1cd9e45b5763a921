import { GPU_TAINT, NODE_POOL_LABEL } from "../../components/compute/scheduling";
import { AWS } from "../lib/aws";
import { arr, obj } from "../lib/kubernetes";
import { gpusPerNode } from "../lib/nodes";
import { levels, resourcePolicy } from "../lib/policy";

/** The node-group API spelling of the GPU taint's effect. */
const TAINT_EFFECT = "NO_SCHEDULE";

/** NODE-07: GPU nodes repel everything that does not ask for a GPU, and every node names its pool. */
export const eksNodegroupRequireGpuTaint = resourcePolicy({
  name: "inferstack-aws-eks-nodegroup-require-gpu-taint",
  description: "GPU node groups carry the nvidia.com/gpu=true:NoSchedule taint, and every node group carries its inferstack.io/node-pool label.",
  severity: "high",
  rules: ["NODE-07", "K-REL-17"],
  sources: ["NVIDIA k8s-device-plugin taint convention"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.eksNodeGroup],
  remediation: `Set taints: [{ key: "${GPU_TAINT.key}", value: "${GPU_TAINT.value}", effect: "${TAINT_EFFECT}" }] on GPU node groups and labels: { "${NODE_POOL_LABEL}": <pool> } on every node group.`,
  validate(resource, report) {
    if (typeof obj(resource.props.labels)[NODE_POOL_LABEL] !== "string") {
      report(`does not label its nodes with their pool; got no "${NODE_POOL_LABEL}" label. Add labels { "${NODE_POOL_LABEL}": <pool name> }: workloads select nodes by it.`);
    }
    const types = arr(resource.props.instanceTypes).map(String);
    if (gpusPerNode(types) === 0) return;
    const tainted = arr(resource.props.taints)
      .map(obj)
      .some((t) => t.key === GPU_TAINT.key && t.value === GPU_TAINT.value && t.effect === TAINT_EFFECT);
    if (!tainted) {
      report(`lets pods without GPUs onto GPU nodes (${types.join(", ")}); got no ${GPU_TAINT.key}=${GPU_TAINT.value}:${TAINT_EFFECT} taint. Add the taint.`);
    }
  },
});
