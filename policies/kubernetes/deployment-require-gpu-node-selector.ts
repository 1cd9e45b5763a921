import { NODE_POOL_LABEL } from "../../components/compute/scheduling";
import { K8S, podGpus, selectedNodePool } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

/** K-REL-17: GPU pods land on their own GPU node pool, not on whichever GPU node has room. */
export const deploymentRequireGpuNodeSelector = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-gpu-node-selector",
  description: `Deployments whose pods request GPUs select their node pool through the ${NODE_POOL_LABEL} label.`,
  severity: "high",
  rules: ["K-REL-17"],
  sources: ["inferstack scheduling contract"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.deployment],
  remediation: `Set nodeSelector { "${NODE_POOL_LABEL}": <node pool> } (or a required node affinity on that label).`,
  validate(resource, report) {
    const template = templateOf(resource);
    if (!template || podGpus(template) === 0) return;
    if (selectedNodePool(template) === undefined) {
      report(`requests GPUs without choosing a node pool; got no "${NODE_POOL_LABEL}" node selector or required affinity. Select the model's GPU node pool.`);
    }
  },
});
