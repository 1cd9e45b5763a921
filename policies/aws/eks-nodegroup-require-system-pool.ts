import { SYSTEM_NODE_POOL } from "../../components/compute/scheduling";
import { AWS } from "../lib/aws";
import { gpusPerNode, nodeGroupInstanceTypes, nodeGroupPool, scalingOf } from "../lib/nodes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** NODE-07: Consul, Prometheus and Elasticsearch run on CPU nodes of their own, three or more in prod (Consul's quorum). */
export const eksNodegroupRequireSystemPool = stackPolicy({
  name: "inferstack-aws-eks-nodegroup-require-system-pool",
  description: "A cluster's node groups include a CPU system pool for platform services, with at least three nodes in prod.",
  severity: "medium",
  rules: ["NODE-07"],
  sources: ["Consul reference architecture", "inferstack scheduling contract"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.eksNodeGroup],
  remediation: `Add a node group of CPU instances labelled inferstack.io/node-pool=${SYSTEM_NODE_POOL} with scalingConfig.minSize 3 in prod (1 elsewhere).`,
  validate(resources, report, runtime) {
    const nodeGroups = ofType(resources, AWS.eksNodeGroup);
    if (nodeGroups.length === 0) runtime.notApplicable("no EKS node group in the stack");
    const system = nodeGroups.filter((g) => nodeGroupPool(g) === SYSTEM_NODE_POOL);
    const minimum = runtime.tier === "prod" ? 3 : 1;
    if (system.length === 0) {
      report(undefined, `has no system node pool for Consul, Prometheus and Elasticsearch; got node pools [${nodeGroups.map((g) => nodeGroupPool(g) ?? g.name).join(", ")}]. Add a CPU node group labelled inferstack.io/node-pool=${SYSTEM_NODE_POOL}.`);
    }
    for (const group of system) {
      if (gpusPerNode(nodeGroupInstanceTypes(group, resources)) > 0) {
        report(group, `runs platform services on GPU instances; got ${nodeGroupInstanceTypes(group, resources).join(", ")}. Use CPU instance types for the system pool.`);
      }
      if (scalingOf(group).min < minimum) {
        report(group, `can shrink below ${minimum} nodes in ${runtime.tier}; got scalingConfig.minSize ${scalingOf(group).min}. Keep at least ${minimum} so Consul's servers keep their quorum on separate nodes.`);
      }
    }
  },
});
