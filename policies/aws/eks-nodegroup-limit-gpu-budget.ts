import { nodePoolCapacity } from "../../components/resolve/policy";
import { AWS } from "../lib/aws";
import { nodeGroupInstanceTypes, scalingOf } from "../lib/nodes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** inferstack's budget rule on the AWS side: GPU node groups at maxSize stay within the environment's GPUs and dollars. */
export const eksNodegroupLimitGpuBudget = stackPolicy({
  name: "inferstack-aws-eks-nodegroup-limit-gpu-budget",
  description: "GPU node groups at their maximum size stay within the environment's GPU count and monthly cost budget.",
  severity: "high",
  rules: ["OWN GPU budget"],
  sources: ["inferstack budget (inferstack:environment.budget)"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.eksNodeGroup],
  usesContext: true,
  remediation: "Lower the GPU node groups' scalingConfig.maxSize, or raise inferstack:environment.budget.maxGpus / maxMonthlyUsd.",
  validate(resources, report, runtime) {
    const { budget } = runtime.context();
    const groups = ofType(resources, AWS.eksNodeGroup)
      .map((group) => ({ group, ...nodePoolCapacity(nodeGroupInstanceTypes(group, resources), scalingOf(group).max) }))
      .filter((g) => g.gpus > 0);
    if (groups.length === 0) runtime.notApplicable("no GPU node group in the stack");
    const gpus = groups.reduce((sum, g) => sum + g.gpus, 0);
    const monthlyUsd = Math.round(groups.reduce((sum, g) => sum + g.monthlyUsd, 0));
    const parts = groups.map((g) => `${g.group.name} ${g.gpus}`).join(", ");
    if (gpus > budget.maxGpus) {
      report(undefined, `GPU node groups can grow to ${gpus} GPUs (${parts}) but the budget allows ${budget.maxGpus}; got ${gpus}. Lower their maxSize or raise budget.maxGpus.`);
    }
    if (monthlyUsd > budget.maxMonthlyUsd) {
      report(undefined, `GPU node groups at maxSize cost ${monthlyUsd} USD a month on demand but the budget allows ${budget.maxMonthlyUsd}; got ${monthlyUsd}. Lower their maxSize or raise budget.maxMonthlyUsd.`);
    }
  },
});
