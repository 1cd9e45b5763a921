import { stalenessBound } from "../../../components/discovery/staleness";
import { shippedPlatform } from "../../helpers/input";

const dns = (overrides: Partial<{ allowStale: boolean; maxStaleSeconds: number; serviceTtlSeconds: number; nodeTtlSeconds: number; coreDnsCacheSeconds: number }>) => ({
  clusterIP: "10.100.0.53",
  serviceCidr: "10.100.0.0/16",
  allowStale: true,
  maxStaleSeconds: 3,
  serviceTtlSeconds: 5,
  nodeTtlSeconds: 5,
  coreDnsCacheSeconds: 5,
  ...overrides,
});

describe("the worst-case staleness of Consul DNS discovery", () => {
  it.each([
    ["the shipped prod stack", shippedPlatform("prod").discovery!, { catalogSyncSeconds: 5, serverStaleSeconds: 3, dnsCacheSeconds: 5, totalSeconds: 13 }],
    ["the shipped staging stack", shippedPlatform("staging").discovery!, { catalogSyncSeconds: 5, serverStaleSeconds: 3, dnsCacheSeconds: 5, totalSeconds: 13 }],
    ["the shipped dev stack", shippedPlatform("dev").discovery!, { catalogSyncSeconds: 5, serverStaleSeconds: 5, dnsCacheSeconds: 5, totalSeconds: 15 }],
    ["the chart's 30 s write interval", { catalogSyncIntervalSeconds: 30, dns: dns({}) }, { catalogSyncSeconds: 30, serverStaleSeconds: 3, dnsCacheSeconds: 5, totalSeconds: 38 }],
    ["leader-only reads", { catalogSyncIntervalSeconds: 5, dns: dns({ allowStale: false, maxStaleSeconds: 0 }) }, { catalogSyncSeconds: 5, serverStaleSeconds: 0, dnsCacheSeconds: 5, totalSeconds: 10 }],
    ["Consul's zero TTLs, raised to CoreDNS's 5 s minimum", { catalogSyncIntervalSeconds: 5, dns: dns({ serviceTtlSeconds: 0, nodeTtlSeconds: 0, coreDnsCacheSeconds: 30 }) }, { catalogSyncSeconds: 5, serverStaleSeconds: 3, dnsCacheSeconds: 5, totalSeconds: 13 }],
    ["a TTL longer than the CoreDNS cap", { catalogSyncIntervalSeconds: 5, dns: dns({ serviceTtlSeconds: 60, coreDnsCacheSeconds: 30 }) }, { catalogSyncSeconds: 5, serverStaleSeconds: 3, dnsCacheSeconds: 30, totalSeconds: 38 }],
    ["a node TTL longer than the service TTL", { catalogSyncIntervalSeconds: 5, dns: dns({ serviceTtlSeconds: 5, nodeTtlSeconds: 20, coreDnsCacheSeconds: 30 }) }, { catalogSyncSeconds: 5, serverStaleSeconds: 3, dnsCacheSeconds: 20, totalSeconds: 28 }],
  ])("adds sync interval, stale read and DNS cache for %s", (_case, discovery, expected) => {
    expect(stalenessBound(discovery)).toEqual(expected);
  });
});
