import { NODE_POOL_LABEL, SYSTEM_NODE_POOL } from "../compute/scheduling";
import { ENCRYPTED_STORAGE_CLASS } from "../kubernetes/storage";
import { CONSUL_CHART } from "../resolve/discovery-defaults";
import { type ResolvedDiscovery, type ResolvedEnvironment } from "../resolve/types";
import { ConsulValues } from "./values-schema";

/** Requests and limits of the catalog-sync pod (the chart's defaults, stated so a reviewer sees them). */
export const CATALOG_SYNC_RESOURCES = Object.freeze({
  requests: Object.freeze({ cpu: "50m", memory: "50Mi" }),
  limits: Object.freeze({ cpu: "50m", memory: "50Mi" }),
});

/**
 * The labels the chart puts on server pods (`app`, `release`, `component`), as YAML lines indented by
 * `indent` spaces, for anti-affinity and spreading.
 */
function serverPodLabels(indent: number): string[] {
  const pad = " ".repeat(indent);
  return [`${pad}app: ${CONSUL_CHART.chart}`, `${pad}release: ${CONSUL_CHART.name}`, `${pad}component: server`];
}

/** Pins a pod to the CPU system nodes, as a multi-line YAML string (the chart's format). */
const SYSTEM_NODE_SELECTOR = `${NODE_POOL_LABEL}: ${SYSTEM_NODE_POOL}\n`;

/**
 * The server configuration inferstack adds to the chart's (`server.extraConfig`): the DNS settings
 * that bound discovery staleness. Consul's own defaults are `allow_stale` true with `max_stale`
 * 87600h and TTLs of 0.
 * @see https://developer.hashicorp.com/consul/docs/reference/agent/configuration-file/dns
 */
export function renderConsulServerConfig(discovery: ResolvedDiscovery): Record<string, unknown> {
  const { dns } = discovery;
  return {
    dns_config: {
      allow_stale: dns.allowStale,
      ...(dns.allowStale ? { max_stale: `${dns.maxStaleSeconds}s` } : {}),
      node_ttl: `${dns.nodeTtlSeconds}s`,
      service_ttl: { "*": `${dns.serviceTtlSeconds}s` },
    },
  };
}

/**
 * The Consul chart values of an environment. Pure and deterministic; the result is checked against
 * {@link ConsulValues} before it is returned, so a renderer bug fails here rather than in Helm.
 *
 * - Servers: `discovery.servers` replicas on the system nodes, one per host (required anti-affinity,
 *   as the chart's default) and, outside dev, spread over zones; a disruption budget of one when
 *   there are several servers (the chart computes 0 for one server, which would block node drains);
 *   persistent volumes on the encrypted gp3 class.
 * - Security: TLS with verification and auto-encrypt, gossip encryption with a generated key, ACLs
 *   managed by the chart (default deny; the chart grants DNS read to the anonymous token).
 * - No client agents, no service mesh, servers not exposed, UI on a ClusterIP Service only.
 * - Catalog sync one way, Kubernetes to Consul, only for Services annotated `service-sync: "true"` in
 *   the serving namespace.
 * - The DNS Service on the pinned ClusterIP that CoreDNS forwards the `consul` domain to.
 */
export function renderConsulValues(environment: ResolvedEnvironment, discovery: ResolvedDiscovery): ConsulValues {
  const several = discovery.servers > 1;
  const values = {
    global: {
      name: CONSUL_CHART.name,
      domain: CONSUL_CHART.domain,
      datacenter: CONSUL_CHART.datacenter,
      image: CONSUL_CHART.images.consul,
      imageK8S: CONSUL_CHART.images.consulK8s,
      imageConsulDataplane: CONSUL_CHART.images.dataplane,
      tls: { enabled: discovery.tls, enableAutoEncrypt: discovery.tls, verify: true as const, httpsOnly: discovery.tls },
      gossipEncryption: { autoGenerate: discovery.gossipEncryption },
      acls: { manageSystemACLs: discovery.acls, nodeSelector: SYSTEM_NODE_SELECTOR },
    },
    server: {
      replicas: discovery.servers,
      bootstrapExpect: discovery.servers,
      storage: `${discovery.storageGiB}Gi`,
      storageClass: ENCRYPTED_STORAGE_CLASS,
      resources: discovery.serverResources,
      nodeSelector: SYSTEM_NODE_SELECTOR,
      affinity: [
        "podAntiAffinity:",
        "  requiredDuringSchedulingIgnoredDuringExecution:",
        "    - labelSelector:",
        "        matchLabels:",
        ...serverPodLabels(10),
        "      topologyKey: kubernetes.io/hostname",
        "",
      ].join("\n"),
      topologySpreadConstraints: discovery.spreadAcrossZones
        ? [
            "- maxSkew: 1",
            "  topologyKey: topology.kubernetes.io/zone",
            "  whenUnsatisfiable: DoNotSchedule",
            "  labelSelector:",
            "    matchLabels:",
            ...serverPodLabels(6),
            "",
          ].join("\n")
        : "",
      disruptionBudget: several ? { enabled: true, maxUnavailable: 1 } : { enabled: false },
      exposeService: { enabled: false as const },
      extraConfig: JSON.stringify(renderConsulServerConfig(discovery)),
    },
    client: { enabled: false as const },
    dns: { enabled: true as const, enableRedirection: false as const, type: "ClusterIP" as const, clusterIP: discovery.dns.clusterIP },
    ui: { enabled: true, service: { enabled: true, type: "ClusterIP" as const }, ingress: { enabled: false as const } },
    syncCatalog: {
      enabled: true as const,
      default: false as const,
      toConsul: true as const,
      toK8S: false as const,
      k8sAllowNamespaces: [environment.namespace],
      k8sDenyNamespaces: ["kube-system", "kube-public"],
      addK8SNamespaceSuffix: false,
      syncClusterIPServices: true as const,
      consulWriteInterval: `${discovery.catalogSyncIntervalSeconds}s`,
      nodeSelector: SYSTEM_NODE_SELECTOR,
      resources: CATALOG_SYNC_RESOURCES,
    },
    connectInject: { enabled: false as const },
  };
  return ConsulValues.parse(values);
}
