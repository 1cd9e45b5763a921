import { nodePoolCapacity } from "../../components/resolve/policy";
import { K8S } from "../lib/kubernetes";
import { levels, stackPolicy } from "../lib/policy";
import { gpuDemands } from "../lib/scaling";

/**
 * inferstack's budget rule on the Kubernetes side: serving pods at their autoscalers' maximum fit the
 * environment's GPU count and monthly cost (nodes of their node pool at on-demand prices).
 */
export const deploymentLimitGpuBudget = stackPolicy({
  name: "inferstack-kubernetes-deployment-limit-gpu-budget",
  description: "Serving Deployments at their autoscalers' maximum use no more GPUs, and no more monthly cost, than the environment's budget.",
  severity: "high",
  rules: ["OWN GPU budget"],
  sources: ["inferstack budget (inferstack:environment.budget)"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.deployment, K8S.hpa],
  usesContext: true,
  remediation: "Lower the models' scaling.maxReplicas, or raise inferstack:environment.budget.maxGpus / maxMonthlyUsd.",
  validate(resources, report, runtime) {
    const { budget, nodePools } = runtime.context();
    const demands = gpuDemands(resources);
    if (demands.length === 0) runtime.notApplicable("no Deployment requests GPUs");
    const gpus = demands.reduce((sum, d) => sum + d.gpusPerPod * d.maxReplicas, 0);
    const parts = demands.map((d) => `${d.deployment.name} ${d.maxReplicas} × ${d.gpusPerPod}`).join(", ");
    if (gpus > budget.maxGpus) {
      report(undefined, `serving pods can use ${gpus} GPUs at full scale (${parts}) but the budget allows ${budget.maxGpus}; got ${gpus}. Lower maxReplicas or raise budget.maxGpus.`);
    }
    let monthlyUsd = 0;
    for (const pool of nodePools.filter((p) => p.gpu)) {
      const poolGpus = demands.filter((d) => d.nodePool === pool.name).reduce((sum, d) => sum + d.gpusPerPod * d.maxReplicas, 0);
      const nodes = Math.ceil(poolGpus / Math.max(pool.gpusPerNode, 1));
      monthlyUsd += nodePoolCapacity(pool.instanceTypes, nodes).monthlyUsd;
    }
    if (Math.round(monthlyUsd) > budget.maxMonthlyUsd) {
      report(undefined, `serving pods at full scale need GPU nodes costing ${Math.round(monthlyUsd)} USD a month on demand but the budget allows ${budget.maxMonthlyUsd}; got ${Math.round(monthlyUsd)}. Lower maxReplicas or raise budget.maxMonthlyUsd.`);
    }
  },
});
