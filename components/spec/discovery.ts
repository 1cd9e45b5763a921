import { z } from "../zod";
import { nonNegativeInt, positiveInt } from "./common";

/** Dotted-quad IPv4 address, each octet 0-255 without leading zeros. */
export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Prefix lengths EKS accepts for a cluster's service CIDR (`serviceIpv4Cidr`: "between /24 and /12").
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html
 */
export const SERVICE_CIDR_PREFIX = Object.freeze({ min: 12, max: 24 });

/** The 32-bit value of a dotted-quad IPv4 address (the caller has checked the form). */
export function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

/** A dotted-quad address from its 32-bit value. */
export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** True for `a.b.c.d/n` with a valid address, n in the EKS range and no host bits set. */
function isServiceCidr(text: string): boolean {
  const [address, prefixText, ...rest] = text.split("/");
  if (rest.length > 0 || address === undefined || prefixText === undefined || !IPV4.test(address) || !/^\d{1,2}$/.test(prefixText)) return false;
  const prefix = Number(prefixText);
  if (prefix < SERVICE_CIDR_PREFIX.min || prefix > SERVICE_CIDR_PREFIX.max) return false;
  return ipv4ToNumber(address) % 2 ** (32 - prefix) === 0;
}

/** How clients resolve models: Consul DNS settings and the CoreDNS forwarding to it. */
export const DiscoveryDnsSpec = z.strictObject({
  /**
   * ClusterIP pinned on the Consul DNS Service, so the CoreDNS forwarding never goes stale. Must lie
   * in `serviceCidr`, in its lower band reserved for static addresses (Kubernetes hands out dynamic
   * addresses from the upper band first), and must not be the network, broadcast, API-server (first)
   * or cluster-DNS (tenth) address.
   * @default "10.100.0.53"
   */
  clusterIP: z
    .string()
    .regex(IPV4, {
      error: (issue) => `must be an IPv4 address such as "10.100.0.53"; got ${JSON.stringify(issue.input)}. Write four numbers 0-255 separated by dots.`,
    })
    .optional(),
  /**
   * The cluster's Service CIDR (EKS: `aws eks describe-cluster --query cluster.kubernetesNetworkConfig.serviceIpv4Cidr`).
   * EKS picks 10.100.0.0/16, or 172.20.0.0/16 when the VPC uses 10.0.0.0/8.
   * @default "10.100.0.0/16"
   */
  serviceCidr: z
    .string()
    .refine(isServiceCidr, {
      error: (issue) =>
        `must be an IPv4 CIDR between /${SERVICE_CIDR_PREFIX.min} and /${SERVICE_CIDR_PREFIX.max} with no host bits set, such as "10.100.0.0/16"; got ${JSON.stringify(issue.input)}. Copy the cluster's serviceIpv4Cidr.`,
    })
    .optional(),
  /** Let every Consul server, not only the leader, answer DNS from its own copy of the catalog. @default true */
  allowStale: z.boolean().optional(),
  /**
   * Oldest copy a server may answer from before it asks the leader (`dns_config.max_stale`). Only
   * meaningful with `allowStale`. @default 5 in dev, 3 in staging and prod
   */
  maxStaleSeconds: nonNegativeInt.optional(),
  /** DNS TTL of service answers (`dns_config.service_ttl["*"]`); Consul's own default is 0. @default 5 */
  serviceTtlSeconds: nonNegativeInt.optional(),
  /** DNS TTL of node answers (`dns_config.node_ttl`). @default 5 */
  nodeTtlSeconds: nonNegativeInt.optional(),
  /**
   * Longest time CoreDNS caches an answer from Consul (`cache <seconds>` in the `consul` block).
   * CoreDNS keeps every answer at least 5 seconds, so smaller values are refused. @default 5
   */
  coreDnsCacheSeconds: z
    .int()
    .min(5, { error: (issue) => `must be at least 5: CoreDNS caches every answer for at least 5 seconds; got ${JSON.stringify(issue.input)}. Use 5 or more.` })
    .optional(),
  /**
   * Patch the `coredns` ConfigMap in `kube-system` with the forwarding block (bring-your-own
   * cluster). Turn it off when the cluster's CoreDNS is an EKS managed add-on: then set the add-on's
   * `corefile` configuration value to the Corefile the plan writes (`discovery/Corefile`). Not allowed
   * with `cluster.mode: create`, where inferstack configures the add-on itself. @default true
   */
  patchCoreDns: z.boolean().optional(),
});
export type DiscoveryDnsSpec = z.infer<typeof DiscoveryDnsSpec>;

/**
 * Service registration and discovery with Consul: the value of `inferstack:environment.discovery`.
 * Every field is optional; defaults depend on the tier (`components/resolve/discovery-defaults.ts`).
 */
export const DiscoverySpec = z.strictObject({
  /** Run Consul and register every model in it. @default true */
  enabled: z.boolean().optional(),
  /** Consul servers: odd, at least 3 outside dev (one may be lost without losing quorum). @default 1 in dev, 3 in staging and prod */
  servers: positiveInt
    .max(7, { error: (issue) => `must be at most 7: more Consul servers slow every write without adding useful fault tolerance; got ${JSON.stringify(issue.input)}. Use 3 or 5.` })
    .optional(),
  /** TLS between Consul agents and clients, with certificate verification; required in prod. @default true */
  tls: z.boolean().optional(),
  /** ACLs managed by the chart, default deny; required in prod. @default true */
  acls: z.boolean().optional(),
  /** Gossip encryption with a key the chart generates; required in prod. @default true */
  gossipEncryption: z.boolean().optional(),
  /** Size of each server's encrypted volume. @default 10 in dev and staging, 20 in prod */
  storageGiB: positiveInt.optional(),
  /**
   * How often catalog sync writes Kubernetes changes (new, ready, unready pods) to Consul
   * (`syncCatalog.consulWriteInterval`; the chart's own default is 30). @default 5
   */
  catalogSyncIntervalSeconds: positiveInt.optional(),
  dns: DiscoveryDnsSpec.optional(),
});
export type DiscoverySpec = z.infer<typeof DiscoverySpec>;
