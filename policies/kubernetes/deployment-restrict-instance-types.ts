import { NODE_POOL_LABEL } from "../../components/compute/scheduling";
import { K8S, selectedNodePool } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

/**
 * inferstack's instance-type allow-list on the Kubernetes side: on a cluster inferstack does not
 * create, the node pools workloads select are the instances they run on.
 */
export const deploymentRestrictInstanceTypes = resourcePolicy({
  name: "inferstack-kubernetes-deployment-restrict-instance-types",
  description: "Deployments run only on node pools of the environment whose instance types are all on its allow-list.",
  severity: "high",
  rules: ["OWN instance-type allow-list"],
  sources: ["inferstack allow-list (inferstack:environment.policy.allowedInstanceTypes)"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.deployment],
  usesContext: true,
  remediation: "Place the model on a node pool of allowed instance types, or extend inferstack:environment.policy.allowedInstanceTypes.",
  validate(resource, report, runtime) {
    const template = templateOf(resource);
    const name = template ? selectedNodePool(template) : undefined;
    if (name === undefined) return;
    const context = runtime.context();
    const pool = context.nodePools.find((p) => p.name === name);
    if (!pool) {
      report(`selects a node pool the environment does not define; got ${NODE_POOL_LABEL}=${name}. Use one of ${context.nodePools.map((p) => p.name).join(", ")}.`);
      return;
    }
    const outside = pool.instanceTypes.filter((t) => !context.allowedInstanceTypes.includes(t));
    if (outside.length > 0) {
      report(`runs on node pool ${name} whose instance types are outside ${context.stack}'s allow-list; got ${outside.join(", ")}. Use a node pool of ${context.allowedInstanceTypes.join(", ")}.`);
    }
  },
});
