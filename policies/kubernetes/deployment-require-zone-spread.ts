import { arr, at, K8S, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

const ZONE = "topology.kubernetes.io/zone";

/** K-REL-11: replicas spread over availability zones (ScheduleAnyway unless every zone has GPU capacity). */
export const deploymentRequireZoneSpread = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-zone-spread",
  description: "Deployments spread their replicas over availability zones with a maximum skew of one.",
  severity: "medium",
  rules: ["K-REL-11"],
  sources: ["Polaris topologySpreadConstraint", "kube-score pod-topology-spread-constraints"],
  enforcement: levels("A/A/M"),
  resourceTypes: [K8S.deployment],
  remediation: `Add topologySpreadConstraints [{ maxSkew: 1, topologyKey: "${ZONE}", whenUnsatisfiable: "ScheduleAnyway", labelSelector: <pod labels> }].`,
  validate(resource, report) {
    const constraints = arr(at(templateOf(resource)?.spec, "topologySpreadConstraints")).map(obj);
    const zone = constraints.find((c) => c.topologyKey === ZONE);
    if (!zone) report(`may run every replica in one zone; got no topology spread on ${ZONE}. Add a constraint with maxSkew 1.`);
    else if (zone.maxSkew !== 1) report(`spreads unevenly over zones; got maxSkew ${String(zone.maxSkew)}. Use maxSkew 1.`);
  },
});
