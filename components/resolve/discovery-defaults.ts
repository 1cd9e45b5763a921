import { type Tier } from "../spec/environment";

/** Discovery defaults that differ by environment tier. */
export interface DiscoveryTierDefaults {
  /** Consul servers (odd; HashiCorp's deployment table recommends 3 or 5 for fault tolerance). */
  readonly servers: number;
  readonly catalogSyncIntervalSeconds: number;
  readonly maxStaleSeconds: number;
  readonly serviceTtlSeconds: number;
  readonly nodeTtlSeconds: number;
  readonly coreDnsCacheSeconds: number;
  readonly storageGiB: number;
  /** Requests and limits of each Consul server container. */
  readonly serverResources: ConsulResources;
}

/** Requests and limits of one container, in Kubernetes quantity strings. */
export interface ConsulResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/**
 * Every tier-dependent discovery default. dev runs one server (a lost server only costs a restart);
 * staging and prod run three, spread over zones, so one may fail without losing the quorum.
 *
 * The DNS settings bound how stale a client's answer can be (see `components/discovery/staleness.ts`):
 * catalog sync writes every 5 s (the chart's 30 s default would let a stopping pod stay in DNS for
 * half a minute), a follower answers from a copy at most 3 s behind the leader (Consul's own default,
 * 87600h, bounds nothing), and Consul's TTL and CoreDNS's cache are both 5 s, CoreDNS's minimum.
 * That makes 13 s in staging and prod, under the 15 s preStop delay of their serving pools.
 */
export const DISCOVERY_TIER_DEFAULTS: Readonly<Record<Tier, DiscoveryTierDefaults>> = Object.freeze({
  dev: Object.freeze({
    servers: 1,
    catalogSyncIntervalSeconds: 5,
    maxStaleSeconds: 5,
    serviceTtlSeconds: 5,
    nodeTtlSeconds: 5,
    coreDnsCacheSeconds: 5,
    storageGiB: 10,
    serverResources: Object.freeze({ requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } }),
  }),
  staging: Object.freeze({
    servers: 3,
    catalogSyncIntervalSeconds: 5,
    maxStaleSeconds: 3,
    serviceTtlSeconds: 5,
    nodeTtlSeconds: 5,
    coreDnsCacheSeconds: 5,
    storageGiB: 10,
    serverResources: Object.freeze({ requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "512Mi" } }),
  }),
  prod: Object.freeze({
    servers: 3,
    catalogSyncIntervalSeconds: 5,
    maxStaleSeconds: 3,
    serviceTtlSeconds: 5,
    nodeTtlSeconds: 5,
    coreDnsCacheSeconds: 5,
    storageGiB: 20,
    serverResources: Object.freeze({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }),
  }),
} satisfies Record<Tier, DiscoveryTierDefaults>);

/** Discovery defaults that do not depend on the tier. */
export const DISCOVERY_DEFAULTS = Object.freeze({
  tls: true,
  acls: true,
  gossipEncryption: true,
  allowStale: true,
  /**
   * In EKS's default service range 10.100.0.0/16 and in its lower 256 addresses, which Kubernetes
   * keeps for static assignment (KEP-3070, GA in 1.26): dynamic ClusterIPs come from the upper band
   * first, so another Service is unlikely to take it before Consul's. Clear of .1 (API server) and .10
   * (cluster DNS).
   * @see https://kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/
   */
  clusterIP: "10.100.0.53",
  /**
   * EKS's default service CIDR when the VPC is not in 10.0.0.0/8 (otherwise 172.20.0.0/16).
   * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html
   */
  serviceCidr: "10.100.0.0/16",
  patchCoreDns: true,
});

/**
 * The pinned Consul chart and what inferstack names after it. Chart 2.0.3 (appVersion 2.0.3, images
 * `hashicorp/consul:2.0.3`, `hashicorp/consul-k8s-control-plane:2.0.3`,
 * `hashicorp/consul-dataplane:2.0.3`) is the latest release in hashicorp/consul-k8s at tag v2.0.3,
 * 2026-08-12; checked 2026-08 (FACTS §3). A version change is a reviewed change here.
 */
export const CONSUL_CHART = Object.freeze({
  chart: "consul",
  version: "2.0.3",
  repository: "https://helm.releases.hashicorp.com",
  images: Object.freeze({
    consul: "hashicorp/consul:2.0.3",
    consulK8s: "hashicorp/consul-k8s-control-plane:2.0.3",
    dataplane: "hashicorp/consul-dataplane:2.0.3",
  }),
  /** Helm release name and `global.name`: resource prefix, so the Services are `consul-server`, `consul-dns`, `consul-ui`. */
  name: "consul",
  /** Namespace Consul runs in. */
  namespace: "consul",
  /** Consul datacenter; it cannot change once the servers run. */
  datacenter: "dc1",
  /** DNS domain Consul answers for (`global.domain`). */
  domain: "consul",
});

/** Consul service names clients must never get for a model: the servers register themselves as `consul`. */
export const RESERVED_CONSUL_SERVICE_NAMES: readonly string[] = Object.freeze(["consul"]);
