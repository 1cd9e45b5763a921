import { arr, at, K8S, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

const HOSTNAME = "kubernetes.io/hostname";

/** K-REL-10: replicas prefer different nodes, so one node failure takes one replica. */
export const deploymentRequireHostAntiAffinity = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-host-anti-affinity",
  description: "Deployments ask the scheduler to spread their replicas over different nodes.",
  severity: "medium",
  rules: ["K-REL-10"],
  sources: ["kube-linter no-anti-affinity", "kube-score deployment-has-host-podantiaffinity"],
  enforcement: levels("A/A/M"),
  resourceTypes: [K8S.deployment],
  remediation: `Add affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution with topologyKey "${HOSTNAME}" selecting the Deployment's pods.`,
  validate(resource, report) {
    const affinity = obj(at(templateOf(resource)?.spec, "affinity.podAntiAffinity"));
    const terms = [
      ...arr(affinity.preferredDuringSchedulingIgnoredDuringExecution).map((t) => obj(obj(t).podAffinityTerm)),
      ...arr(affinity.requiredDuringSchedulingIgnoredDuringExecution).map(obj),
    ];
    if (!terms.some((t) => t.topologyKey === HOSTNAME)) {
      report(`may place every replica on one node; got no pod anti-affinity on ${HOSTNAME}. Prefer spreading replicas over nodes.`);
    }
  },
});
