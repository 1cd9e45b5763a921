import { ENCRYPTED_STORAGE_CLASS } from "../../components/kubernetes/storage";
import { arr, at, K8S, obj } from "../lib/kubernetes";
import { count, levels, resourcePolicy } from "../lib/policy";

const ZONE = "topology.kubernetes.io/zone";

/** A nodeSet holds master-eligible nodes when its roles include master, or when it leaves roles unset (all roles). */
function isMasterEligible(nodeSet: Record<string, unknown>): boolean {
  const roles = obj(nodeSet.config)["node.roles"];
  return roles === undefined || arr(roles).includes("master");
}

/**
 * OBS-09: Elasticsearch survives a node or zone loss: three master-eligible nodes, zone spread,
 * encrypted volumes and ECK's disruption budget. Snapshots (S3 via IRSA, SLM) and ILM are configured
 * through the Elasticsearch API and are not visible here.
 */
export const elasticsearchRequireResilientCluster = resourcePolicy({
  name: "inferstack-kubernetes-elasticsearch-require-resilient-cluster",
  description: "Elasticsearch runs at least three master-eligible nodes spread over zones on encrypted volumes, and keeps ECK's disruption budget.",
  severity: "medium",
  rules: ["OBS-09"],
  sources: ["ECK high availability", "Elasticsearch resilience guidance"],
  enforcement: levels("D/A/M"),
  resourceTypes: [K8S.elasticsearch],
  remediation: `Use nodeSets with 3+ master-eligible nodes, podTemplate topologySpreadConstraints on ${ZONE}, volumeClaimTemplates on "${ENCRYPTED_STORAGE_CLASS}", and no spec.podDisruptionBudget override.`,
  validate(resource, report) {
    const nodeSets = arr(at(resource.props, "spec.nodeSets")).map(obj);
    const masters = nodeSets.filter(isMasterEligible).reduce((sum, n) => sum + (typeof n.count === "number" ? n.count : 0), 0);
    if (masters < 3) report(`loses its cluster state with one node; got ${count(masters, "master-eligible node")}. Run at least 3.`);
    for (const nodeSet of nodeSets) {
      const name = String(nodeSet.name);
      const spread = arr(at(nodeSet, "podTemplate.spec.topologySpreadConstraints")).some((c) => obj(c).topologyKey === ZONE);
      if (!spread) report(`nodeSet "${name}" may sit in one zone; got no topologySpreadConstraints on ${ZONE}. Spread it over zones.`);
      for (const claim of arr(nodeSet.volumeClaimTemplates).map(obj)) {
        if (at(claim, "spec.storageClassName") !== ENCRYPTED_STORAGE_CLASS) report(`nodeSet "${name}" stores data outside the encrypted class; got storageClassName ${JSON.stringify(at(claim, "spec.storageClassName") ?? null)}. Use "${ENCRYPTED_STORAGE_CLASS}".`);
      }
    }
    const budget = at(resource.props, "spec.podDisruptionBudget");
    if (budget !== undefined && Object.keys(obj(budget)).length === 0) report("turns off ECK's disruption budget; got spec.podDisruptionBudget {}. Remove the override.");
  },
});
