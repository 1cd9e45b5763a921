import { type CatalogModel } from "../spec/catalog";
import { DNS_LABEL, suggestDnsLabel } from "../spec/common";
import { ipv4ToNumber, numberToIpv4 } from "../spec/discovery";
import { type EnvironmentSpec } from "../spec/environment";
import { problemAt, type Origin } from "../spec/issues";
import { describeValue, type Problem } from "../spec/problems";
import { DISCOVERY_DEFAULTS, DISCOVERY_TIER_DEFAULTS, RESERVED_CONSUL_SERVICE_NAMES } from "./discovery-defaults";
import { stalenessBound } from "../discovery/staleness";
import { type ResolvedFoundation } from "./foundation-types";
import { type ResolvedDiscovery, type ResolvedEnvironment, type ResolvedModel, type ResolvedServerPool } from "./types";

/** Fewest Consul servers outside dev: with three, one may fail and the other two still form a quorum. */
export const MIN_SERVERS_OUTSIDE_DEV = 3;

/**
 * Applies the discovery defaults of the environment's tier and checks the settings that need more
 * than one field: server count against the tier, security switches in prod, the pinned DNS ClusterIP
 * against the service CIDR, and every deployed model's name as a Consul service name.
 * Returns no discovery when it is switched off (and then checks nothing).
 *
 * Every cluster mode today (`existing`) brings a Kubernetes cluster, so discovery always has one to
 * run on; a mode without Kubernetes would have to refuse `discovery.enabled` here.
 */
export function resolveDiscovery(
  spec: EnvironmentSpec["discovery"],
  environment: ResolvedEnvironment,
  models: readonly ResolvedModel[],
  catalog: readonly CatalogModel[],
  origin: Origin,
): { discovery?: ResolvedDiscovery; problems: Problem[] } {
  if (!environment.discovery.enabled) return { problems: [] };
  const problems: Problem[] = [];
  const tier = DISCOVERY_TIER_DEFAULTS[environment.tier];
  const at = (...path: string[]) => ["discovery", ...path];

  const servers = spec?.servers ?? tier.servers;
  if (servers % 2 === 0) {
    problems.push(
      problemAt(
        origin,
        at("servers"),
        `must be odd: an even number of Consul servers tolerates no more failures than one server fewer and can split the vote; got ${servers}. Use ${servers - 1} or ${servers + 1}.`,
      ),
    );
  } else if (servers < MIN_SERVERS_OUTSIDE_DEV && environment.tier !== "dev") {
    problems.push(
      problemAt(
        origin,
        at("servers"),
        `needs at least ${MIN_SERVERS_OUTSIDE_DEV} Consul servers in ${environment.tier} so that losing one keeps a quorum; got ${servers}. Use 3 or 5.`,
      ),
    );
  }

  const tls = spec?.tls ?? DISCOVERY_DEFAULTS.tls;
  const acls = spec?.acls ?? DISCOVERY_DEFAULTS.acls;
  const gossipEncryption = spec?.gossipEncryption ?? DISCOVERY_DEFAULTS.gossipEncryption;
  if (environment.tier === "prod") {
    const why = {
      tls: "without TLS, registrations and ACL tokens cross the network in clear text and no server proves who it is",
      acls: "without ACLs any pod can register, deregister or read every service",
      gossipEncryption: "without it, any pod that reaches port 8301 can join or disturb the Consul cluster",
    } as const;
    for (const [key, on] of [["tls", tls], ["acls", acls], ["gossipEncryption", gossipEncryption]] as const) {
      if (!on) problems.push(problemAt(origin, at(key), `must be on in prod: ${why[key]}; got false. Remove the setting or set it to true.`));
    }
  }

  const allowStale = spec?.dns?.allowStale ?? DISCOVERY_DEFAULTS.allowStale;
  if (!allowStale && spec?.dns?.maxStaleSeconds !== undefined) {
    problems.push(
      problemAt(
        origin,
        at("dns", "maxStaleSeconds"),
        `has no effect with allowStale false (only the leader answers); got ${spec.dns.maxStaleSeconds}. Remove maxStaleSeconds or set allowStale to true.`,
      ),
    );
  }

  if (environment.cluster.mode === "create" && spec?.dns?.patchCoreDns !== undefined) {
    problems.push(
      problemAt(
        origin,
        at("dns", "patchCoreDns"),
        `is for an existing cluster; got ${spec.dns.patchCoreDns}. Remove it: a cluster inferstack creates gets the forwarding through its EKS CoreDNS add-on configuration.`,
      ),
    );
  }

  const clusterIP = spec?.dns?.clusterIP ?? DISCOVERY_DEFAULTS.clusterIP;
  const serviceCidr = spec?.dns?.serviceCidr ?? DISCOVERY_DEFAULTS.serviceCidr;
  const addressProblem = clusterIpProblem(clusterIP, serviceCidr);
  if (addressProblem) {
    // Report where the user typed: the address, or the CIDR that the default address does not fit.
    const path = spec?.dns?.clusterIP !== undefined || spec?.dns?.serviceCidr === undefined ? at("dns", "clusterIP") : at("dns", "serviceCidr");
    problems.push(problemAt(origin, path, addressProblem));
  }

  for (const model of models) {
    const message = consulServiceNameProblem(model.name);
    const modelOrigin = catalog.find((m) => m.spec.name === model.name)?.origin;
    if (message && modelOrigin) problems.push(problemAt(modelOrigin, ["name"], message));
  }

  if (problems.length > 0) return { problems };
  return {
    discovery: {
      servers,
      tls,
      acls,
      gossipEncryption,
      storageGiB: spec?.storageGiB ?? tier.storageGiB,
      spreadAcrossZones: environment.spreadAcrossZones && servers > 1,
      catalogSyncIntervalSeconds: spec?.catalogSyncIntervalSeconds ?? tier.catalogSyncIntervalSeconds,
      serverResources: tier.serverResources,
      dns: {
        clusterIP,
        serviceCidr,
        allowStale,
        maxStaleSeconds: allowStale ? (spec?.dns?.maxStaleSeconds ?? tier.maxStaleSeconds) : 0,
        serviceTtlSeconds: spec?.dns?.serviceTtlSeconds ?? tier.serviceTtlSeconds,
        nodeTtlSeconds: spec?.dns?.nodeTtlSeconds ?? tier.nodeTtlSeconds,
        coreDnsCacheSeconds: spec?.dns?.coreDnsCacheSeconds ?? tier.coreDnsCacheSeconds,
      },
      coreDns: coreDnsMode(environment, spec?.dns?.patchCoreDns),
    },
    problems,
  };
}

/** Addresses Kubernetes keeps for static ClusterIPs at the bottom of a range of `size` addresses (KEP-3070). */
export function staticBandSize(size: number): number {
  return Math.min(Math.max(16, size / 16), 256);
}

/**
 * Why `clusterIP` cannot be the pinned Consul DNS address in `serviceCidr`, or undefined when it can.
 * Both arguments have the right form (the schema checked it).
 * @see https://kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/
 */
export function clusterIpProblem(clusterIP: string, serviceCidr: string): string | undefined {
  const [base, prefixText] = serviceCidr.split("/") as [string, string];
  const size = 2 ** (32 - Number(prefixText));
  const offset = ipv4ToNumber(clusterIP) - ipv4ToNumber(base);
  const got = describeValue(clusterIP);
  const suggestion = `Use an address such as "${numberToIpv4(ipv4ToNumber(base) + 53)}"`;
  if (offset < 0 || offset >= size) {
    return `is outside the cluster's service CIDR ${serviceCidr}, so Kubernetes would refuse the Service; got ${got}. ${suggestion}, or set dns.serviceCidr to the cluster's serviceIpv4Cidr.`;
  }
  if (offset === 0 || offset === size - 1) return `is the network or broadcast address of ${serviceCidr}; got ${got}. ${suggestion}.`;
  if (offset === 1) return `is the first address of ${serviceCidr}, which the kubernetes API Service always takes; got ${got}. ${suggestion}.`;
  if (offset === 10) return `is the tenth address of ${serviceCidr}, which the cluster DNS Service (kube-dns) takes; got ${got}. ${suggestion}.`;
  const band = staticBandSize(size);
  if (offset > band) {
    return `is outside the lowest ${band} addresses of ${serviceCidr} that Kubernetes keeps for fixed ClusterIPs, so another Service may take it first; got ${got}. ${suggestion}.`;
  }
  return undefined;
}

/**
 * Why `name` cannot be a model's Consul service name, or undefined when it can. Consul DNS needs
 * names made of letters, digits and dashes (consul-template does not support dots either), and the
 * servers register themselves as `consul`.
 */
export function consulServiceNameProblem(name: string): string | undefined {
  if (!DNS_LABEL.test(name)) {
    return `is not a valid Consul service name: Consul DNS answers only for lowercase letters, digits and "-"; got ${describeValue(name)}. Try "${suggestDnsLabel(name)}".`;
  }
  if (RESERVED_CONSUL_SERVICE_NAMES.includes(name)) {
    return `is reserved in Consul: the Consul servers register themselves as service "${name}", so the model would share their DNS name; got ${describeValue(name)}. Rename the model, e.g. "${name}-model".`;
  }
  return undefined;
}

/**
 * How CoreDNS learns to forward the `consul` domain: a cluster inferstack creates runs CoreDNS as an
 * EKS managed add-on, configured through the add-on's `corefile` value (a ConfigMap patch would be
 * overwritten on the next add-on update); on an existing cluster, a patch of the `coredns` ConfigMap
 * unless `dns.patchCoreDns` is false.
 */
function coreDnsMode(environment: ResolvedEnvironment, patchCoreDns: boolean | undefined): ResolvedDiscovery["coreDns"] {
  if (environment.cluster.mode === "create") return "eks-addon";
  return (patchCoreDns ?? DISCOVERY_DEFAULTS.patchCoreDns) ? "configmap-patch" : "none";
}

/**
 * Raises each pool's preStop delay to the worst-case discovery staleness: a stopping pod leaves
 * Consul DNS only after catalog sync, stale reads and the DNS caches have all caught up, and it must
 * keep answering until then.
 */
export function withDiscoveryDrain(serverPools: readonly ResolvedServerPool[], discovery: ResolvedDiscovery | undefined): readonly ResolvedServerPool[] {
  if (discovery === undefined) return serverPools;
  const bound = stalenessBound(discovery).totalSeconds;
  return serverPools.map((pool) => (pool.preStopSeconds >= bound ? pool : { ...pool, preStopSeconds: bound }));
}

/**
 * Consul servers require one system node each (required host anti-affinity, `components/discovery/values.ts`):
 * in a cluster inferstack creates, the system node group must never shrink below the server count,
 * or a server stays Pending and the quorum has no spare. Reported where the user can fix it.
 */
export function consulPlacementProblems(
  spec: EnvironmentSpec,
  discovery: ResolvedDiscovery | undefined,
  foundation: ResolvedFoundation | undefined,
  origin: Origin,
): Problem[] {
  const system = foundation?.nodeGroups.find((g) => g.system);
  if (discovery === undefined || system === undefined || system.minNodes >= discovery.servers) return [];
  const path = spec.cluster.mode === "create" && spec.cluster.systemNodes?.minNodes !== undefined ? ["cluster", "systemNodes", "minNodes"] : ["discovery", "servers"];
  return [
    problemAt(
      origin,
      path,
      `runs ${discovery.servers} Consul servers, one per system node, on a system node group that may shrink to ${system.minNodes}; got servers ${discovery.servers} and systemNodes.minNodes ${system.minNodes}. Raise cluster.systemNodes.minNodes to ${discovery.servers} or run fewer servers.`,
    ),
  ];
}
