import { CONSUL_CHART } from "../resolve/discovery-defaults";
import { type ResolvedDiscovery, type ResolvedPlatform } from "../resolve/types";
import { consulEndpoint } from "./names";
import { stalenessBound, type StalenessBound } from "./staleness";

/** The discovery facts a stack exports: where Consul DNS answers and how stale its answers may be. */
export interface DiscoveryOutputs {
  readonly chart: string;
  readonly servers: number;
  readonly datacenter: string;
  readonly domain: string;
  /** Pinned ClusterIP of the Consul DNS Service. */
  readonly dnsClusterIP: string;
  /** How CoreDNS forwards the domain: `configmap-patch`, or `none` (EKS add-on values or by hand). */
  readonly coreDns: ResolvedDiscovery["coreDns"];
  readonly staleness: StalenessBound;
}

/** The stack outputs of discovery. Pure. */
export function discoveryOutputs(discovery: ResolvedDiscovery): DiscoveryOutputs {
  return {
    chart: `${CONSUL_CHART.chart} ${CONSUL_CHART.version}`,
    servers: discovery.servers,
    datacenter: CONSUL_CHART.datacenter,
    domain: CONSUL_CHART.domain,
    dnsClusterIP: discovery.dns.clusterIP,
    coreDns: discovery.coreDns,
    staleness: stalenessBound(discovery),
  };
}

/**
 * The "Discovery" section of the plan summary (Markdown): Consul's shape, the staleness bound with
 * its parts, and each model's Consul names. Pure.
 */
export function discoverySummary(platform: ResolvedPlatform): string {
  const { discovery } = platform;
  if (discovery === undefined) return "Discovery is off in this environment: no Consul, no registration, no `.consul` forwarding.";
  const bound = stalenessBound(discovery);
  const on = (flag: boolean) => (flag ? "on" : "OFF");
  const lines = [
    `Consul chart \`${CONSUL_CHART.chart}\` ${CONSUL_CHART.version} in namespace \`${CONSUL_CHART.namespace}\`: ${discovery.servers} server${discovery.servers === 1 ? "" : "s"} on the system nodes` +
      `${discovery.spreadAcrossZones ? ", spread over zones" : ""}, ${discovery.storageGiB} GiB encrypted volume each; TLS ${on(discovery.tls)}, ACLs ${on(discovery.acls)}, gossip encryption ${on(discovery.gossipEncryption)}; UI on a ClusterIP Service only.`,
    `Catalog sync Kubernetes → Consul only, for annotated Services in \`${platform.environment.namespace}\`. Consul DNS on \`${discovery.dns.clusterIP}\` (service CIDR ${discovery.dns.serviceCidr});` +
      ` CoreDNS forwards \`${CONSUL_CHART.domain}\` ${discovery.coreDns === "configmap-patch" ? "through a patch of the `coredns` ConfigMap" : "only once `discovery/Corefile` is applied (EKS add-on `corefile` value or by hand)"}.`,
    "",
    `**Worst-case staleness: ${bound.totalSeconds} s** — how long after a pod turns unready a client may still be sent to it (clients that honour DNS TTLs).`,
    "",
    table(
      ["Part", "Seconds", "Setting"],
      [
        ["catalog sync writes to Consul", String(bound.catalogSyncSeconds), `syncCatalog.consulWriteInterval ${discovery.catalogSyncIntervalSeconds}s`],
        [
          "stale read on a follower",
          String(bound.serverStaleSeconds),
          discovery.dns.allowStale ? `dns_config.allow_stale, max_stale ${discovery.dns.maxStaleSeconds}s` : "allow_stale false (leader answers)",
        ],
        [
          "DNS cache (CoreDNS, then client)",
          String(bound.dnsCacheSeconds),
          `service_ttl ${discovery.dns.serviceTtlSeconds}s, node_ttl ${discovery.dns.nodeTtlSeconds}s, CoreDNS cache ${discovery.dns.coreDnsCacheSeconds} (minimum 5)`,
        ],
      ],
    ),
    "",
    `Serving pools should keep serving for at least ${bound.totalSeconds} s after turning unready (preStop delay) so no client reaches a stopped pod.`,
  ];
  if (platform.models.length > 0) {
    const rows = platform.models.map((model) => {
      const e = consulEndpoint(model);
      return [`\`${e.service}\``, `\`${e.dnsA}\``, `\`${e.dnsSrv}\``, `\`${e.httpUrl}\``, `\`${e.grpcAddress}\``];
    });
    lines.push("", table(["Consul service", "A", "SRV (HTTP port)", "HTTP", "gRPC"], rows));
  }
  return lines.join("\n");
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
