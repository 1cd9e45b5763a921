import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";
import { templateOf } from "../lib/workloads";

/** K-REL-15: serving pods outrank batch work when the cluster is full. */
export const deploymentRequirePriorityClass = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-priority-class",
  description: "Deployments name a PriorityClass so serving pods are scheduled ahead of batch workloads.",
  severity: "low",
  rules: ["K-REL-15"],
  sources: ["Polaris priorityClassNotSet", "kube-linter priority-class-name"],
  enforcement: levels("A/A/A"),
  resourceTypes: [K8S.deployment],
  remediation: "Set priorityClassName to a PriorityClass above the cluster's batch workloads.",
  validate(resource, report) {
    const name = templateOf(resource)?.spec.priorityClassName;
    if (typeof name !== "string" || name === "") report(`competes with batch pods at the default priority; got priorityClassName ${shown(name, "unset")}. Name a PriorityClass above batch workloads.`);
  },
});
