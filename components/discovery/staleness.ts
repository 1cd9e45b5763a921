import { type ResolvedDiscovery } from "../resolve/types";

/**
 * Shortest time CoreDNS keeps a cached answer, whatever its TTL (the cache plugin's MINTTL default).
 * @see https://coredns.io/plugins/cache/
 */
export const COREDNS_MIN_TTL_SECONDS = 5;

/** The worst-case age of a discovery answer, and what it is made of, in seconds. */
export interface StalenessBound {
  /**
   * Catalog sync merges Kubernetes changes and writes them to Consul only every interval
   * (`-consul-write-interval`), so a pod turning ready or unready reaches the catalog at most one
   * interval later.
   */
  readonly catalogSyncSeconds: number;
  /** A follower answers from a copy at most `max_stale` behind the leader; 0 when only the leader answers. */
  readonly serverStaleSeconds: number;
  /**
   * How long one answer may be served from a cache: CoreDNS keeps it for its TTL (the larger of the
   * service and node TTLs), raised to CoreDNS's 5 s minimum and capped by `cache <seconds>`, and hands
   * clients the remaining time as TTL, so a client that honours TTLs expires it no later.
   */
  readonly dnsCacheSeconds: number;
  /** The sum: how long after a pod turns unready a client may still be sent to it. */
  readonly totalSeconds: number;
}

/**
 * The worst-case staleness of Consul DNS discovery in an environment. Pure.
 *
 * Not included, because nothing here can bound them: Kubernetes' own delay between a pod's readiness
 * change and its EndpointSlice update (usually well under a second), the time one catalog-sync pass
 * takes, caches in clients that ignore DNS TTLs (the JVM's default `networkaddress.cache.ttl` is 30 s),
 * and any time catalog sync is not running (registrations then stay as last written).
 */
export function stalenessBound(discovery: Pick<ResolvedDiscovery, "catalogSyncIntervalSeconds" | "dns">): StalenessBound {
  const { dns } = discovery;
  const catalogSyncSeconds = discovery.catalogSyncIntervalSeconds;
  const serverStaleSeconds = dns.allowStale ? dns.maxStaleSeconds : 0;
  const recordTtlSeconds = Math.max(dns.serviceTtlSeconds, dns.nodeTtlSeconds);
  const dnsCacheSeconds = Math.min(dns.coreDnsCacheSeconds, Math.max(recordTtlSeconds, COREDNS_MIN_TTL_SECONDS));
  return { catalogSyncSeconds, serverStaleSeconds, dnsCacheSeconds, totalSeconds: catalogSyncSeconds + serverStaleSeconds + dnsCacheSeconds };
}
