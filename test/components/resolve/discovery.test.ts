import { loadPlatform } from "../../../components/resolve";
import { clusterIpProblem, consulServiceNameProblem, staticBandSize } from "../../../components/resolve/discovery";
import { inputFrom, problemsOf } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, PROD_STACK, withEnvironmentKeys } from "../../helpers/samples";

const MODEL_FILE = "catalog/resnet50.yaml";
const STAGING_STACK = DEV_STACK.replace("tier: dev", "tier: staging");

/** The stack file with `inferstack:environment.discovery` set to `yaml` (lines relative to `discovery:`); it starts on line 18. */
const withDiscovery = (stackYaml: string, yaml: string) =>
  withEnvironmentKeys(
    stackYaml,
    `    discovery:\n${yaml
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => `      ${line}\n`)
    .join("")}`,
  );
const resolve = (stack: string, stackYaml: string, model: string = ONNX_MODEL) => loadPlatform(inputFrom(stack, stackYaml, { [MODEL_FILE]: model }));
const problems = (stack: string, stackYaml: string, model: string = ONNX_MODEL) => problemsOf(() => resolve(stack, stackYaml, model));

describe("discovery defaults", () => {
  it("runs one Consul server in dev, with every security switch on and a 5 s DNS chain", () => {
    expect(resolve("dev", DEV_STACK).discovery).toEqual({
      servers: 1,
      tls: true,
      acls: true,
      gossipEncryption: true,
      storageGiB: 10,
      spreadAcrossZones: false,
      catalogSyncIntervalSeconds: 5,
      serverResources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
      dns: {
        clusterIP: "10.100.0.53",
        serviceCidr: "10.100.0.0/16",
        allowStale: true,
        maxStaleSeconds: 5,
        serviceTtlSeconds: 5,
        nodeTtlSeconds: 5,
        coreDnsCacheSeconds: 5,
      },
      coreDns: "configmap-patch",
    });
  });

  it("runs three servers spread over zones in prod, with 3 s stale reads", () => {
    const discovery = resolve("prod", PROD_STACK).discovery!;
    expect([discovery.servers, discovery.spreadAcrossZones, discovery.storageGiB, discovery.dns.maxStaleSeconds]).toEqual([3, true, 20, 3]);
    expect(discovery.serverResources).toEqual({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } });
  });

  it("takes every setting from the stack when given", () => {
    const yaml = withDiscovery(
      PROD_STACK,
      `servers: 5
storageGiB: 50
catalogSyncIntervalSeconds: 2
dns:
  clusterIP: 172.20.0.60
  serviceCidr: 172.20.0.0/16
  maxStaleSeconds: 1
  serviceTtlSeconds: 0
  nodeTtlSeconds: 10
  coreDnsCacheSeconds: 8
  patchCoreDns: false`,
    );
    expect(resolve("prod", yaml).discovery).toMatchObject({
      servers: 5,
      storageGiB: 50,
      catalogSyncIntervalSeconds: 2,
      dns: { clusterIP: "172.20.0.60", serviceCidr: "172.20.0.0/16", allowStale: true, maxStaleSeconds: 1, serviceTtlSeconds: 0, nodeTtlSeconds: 10, coreDnsCacheSeconds: 8 },
      coreDns: "none",
    });
  });

  it("turns stale reads off entirely, leaving no staleness on the servers", () => {
    expect(resolve("dev", withDiscovery(DEV_STACK, "dns:\n  allowStale: false")).discovery!.dns).toMatchObject({ allowStale: false, maxStaleSeconds: 0 });
  });

  it("resolves no discovery, and checks none of its settings, when it is off", () => {
    const platform = resolve("prod", withDiscovery(PROD_STACK, "enabled: false\ntls: false\nservers: 2"));
    expect(platform.discovery).toBeUndefined();
    expect(platform.environment.discovery).toEqual({ enabled: false });
  });

  it("returns frozen settings", () => {
    expect(Object.isFrozen(resolve("dev", DEV_STACK).discovery!.dns)).toBe(true);
  });
});

describe("discovery checks", () => {
  it.each([
    [
      "an even number of servers",
      "prod",
      withDiscovery(PROD_STACK, "servers: 4"),
      "stacks/Pulumi.prod.yaml:19: inferstack:environment.discovery.servers: must be odd: an even number of Consul servers tolerates no more failures than one server fewer and can split the vote; got 4. Use 3 or 5.",
    ],
    [
      "two servers in dev too",
      "dev",
      withDiscovery(DEV_STACK, "servers: 2"),
      "stacks/Pulumi.dev.yaml:19: inferstack:environment.discovery.servers: must be odd: an even number of Consul servers tolerates no more failures than one server fewer and can split the vote; got 2. Use 1 or 3.",
    ],
    [
      "a single server in staging",
      "staging",
      withDiscovery(STAGING_STACK, "servers: 1"),
      "stacks/Pulumi.staging.yaml:19: inferstack:environment.discovery.servers: needs at least 3 Consul servers in staging so that losing one keeps a quorum; got 1. Use 3 or 5.",
    ],
    [
      "more than seven servers",
      "prod",
      withDiscovery(PROD_STACK, "servers: 9"),
      "stacks/Pulumi.prod.yaml:19: inferstack:environment.discovery.servers: must be at most 7: more Consul servers slow every write without adding useful fault tolerance; got 9. Use 3 or 5.",
    ],
    [
      "stale-read bound without stale reads",
      "dev",
      withDiscovery(DEV_STACK, "dns:\n  allowStale: false\n  maxStaleSeconds: 2"),
      "stacks/Pulumi.dev.yaml:21: inferstack:environment.discovery.dns.maxStaleSeconds: has no effect with allowStale false (only the leader answers); got 2. Remove maxStaleSeconds or set allowStale to true.",
    ],
    [
      "a CoreDNS cache below CoreDNS's minimum",
      "dev",
      withDiscovery(DEV_STACK, "dns:\n  coreDnsCacheSeconds: 2"),
      "stacks/Pulumi.dev.yaml:20: inferstack:environment.discovery.dns.coreDnsCacheSeconds: must be at least 5: CoreDNS caches every answer for at least 5 seconds; got 2. Use 5 or more.",
    ],
    [
      "a ClusterIP that is not an IPv4 address",
      "dev",
      withDiscovery(DEV_STACK, "dns:\n  clusterIP: 10.100.0.300"),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.discovery.dns.clusterIP: must be an IPv4 address such as "10.100.0.53"; got "10.100.0.300". Write four numbers 0-255 separated by dots.',
    ],
    [
      "a service CIDR with host bits set",
      "dev",
      withDiscovery(DEV_STACK, "dns:\n  serviceCidr: 10.100.0.1/16"),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.discovery.dns.serviceCidr: must be an IPv4 CIDR between /12 and /24 with no host bits set, such as "10.100.0.0/16"; got "10.100.0.1/16". Copy the cluster\'s serviceIpv4Cidr.',
    ],
    [
      "a service CIDR smaller than EKS allows",
      "dev",
      withDiscovery(DEV_STACK, "dns:\n  serviceCidr: 10.100.0.0/28"),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.discovery.dns.serviceCidr: must be an IPv4 CIDR between /12 and /24 with no host bits set, such as "10.100.0.0/16"; got "10.100.0.0/28". Copy the cluster\'s serviceIpv4Cidr.',
    ],
    [
      "a ClusterIP outside the service CIDR",
      "dev",
      withDiscovery(DEV_STACK, "dns:\n  clusterIP: 172.20.0.53"),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.discovery.dns.clusterIP: is outside the cluster\'s service CIDR 10.100.0.0/16, so Kubernetes would refuse the Service; got "172.20.0.53". Use an address such as "10.100.0.53", or set dns.serviceCidr to the cluster\'s serviceIpv4Cidr.',
    ],
    [
      "a service CIDR the default ClusterIP does not fit, reported on the CIDR",
      "dev",
      withDiscovery(DEV_STACK, "dns:\n  serviceCidr: 172.20.0.0/16"),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.discovery.dns.serviceCidr: is outside the cluster\'s service CIDR 172.20.0.0/16, so Kubernetes would refuse the Service; got "10.100.0.53". Use an address such as "172.20.0.53", or set dns.serviceCidr to the cluster\'s serviceIpv4Cidr.',
    ],
    [
      "the cluster DNS address",
      "dev",
      withDiscovery(DEV_STACK, "dns:\n  clusterIP: 10.100.0.10"),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.discovery.dns.clusterIP: is the tenth address of 10.100.0.0/16, which the cluster DNS Service (kube-dns) takes; got "10.100.0.10". Use an address such as "10.100.0.53".',
    ],
    [
      "an address a dynamic Service may take first",
      "dev",
      withDiscovery(DEV_STACK, "dns:\n  clusterIP: 10.100.40.53"),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.discovery.dns.clusterIP: is outside the lowest 256 addresses of 10.100.0.0/16 that Kubernetes keeps for fixed ClusterIPs, so another Service may take it first; got "10.100.40.53". Use an address such as "10.100.0.53".',
    ],
    [
      "an unknown discovery key",
      "dev",
      withDiscovery(DEV_STACK, "server: 3"),
      'stacks/Pulumi.dev.yaml:19: inferstack:environment.discovery.server: unknown key; got "server". Did you mean "servers"?',
    ],
  ])("rejects %s", (_case, stack, stackYaml, expected) => {
    expect(problems(stack, stackYaml)).toEqual([expected]);
  });

  it("refuses TLS, ACLs and gossip encryption off in prod, each on its own line", () => {
    expect(problems("prod", withDiscovery(PROD_STACK, "tls: false\nacls: false\ngossipEncryption: false"))).toEqual([
      "stacks/Pulumi.prod.yaml:19: inferstack:environment.discovery.tls: must be on in prod: without TLS, registrations and ACL tokens cross the network in clear text and no server proves who it is; got false. Remove the setting or set it to true.",
      "stacks/Pulumi.prod.yaml:20: inferstack:environment.discovery.acls: must be on in prod: without ACLs any pod can register, deregister or read every service; got false. Remove the setting or set it to true.",
      "stacks/Pulumi.prod.yaml:21: inferstack:environment.discovery.gossipEncryption: must be on in prod: without it, any pod that reaches port 8301 can join or disturb the Consul cluster; got false. Remove the setting or set it to true.",
    ]);
  });

  it("lets dev and staging switch security off (the policy pack warns there)", () => {
    const off = "tls: false\nacls: false\ngossipEncryption: false";
    expect(resolve("dev", withDiscovery(DEV_STACK, off)).discovery).toMatchObject({ tls: false, acls: false, gossipEncryption: false });
    expect(resolve("staging", withDiscovery(STAGING_STACK, off)).discovery).toMatchObject({ tls: false, acls: false, gossipEncryption: false });
  });

  it("refuses a model named like Consul's own service, on the model's name", () => {
    expect(problems("dev", DEV_STACK, ONNX_MODEL.replace("name: resnet50", "name: consul").replace("vision/resnet50", "vision/consul"))).toEqual([
      'catalog/resnet50.yaml:1: name: is reserved in Consul: the Consul servers register themselves as service "consul", so the model would share their DNS name; got "consul". Rename the model, e.g. "consul-model".',
    ]);
  });

  it("allows a model named consul where discovery is off", () => {
    const model = ONNX_MODEL.replace("name: resnet50", "name: consul").replace("vision/resnet50", "vision/consul");
    expect(resolve("dev", withDiscovery(DEV_STACK, "enabled: false"), model).models.map((m) => m.name)).toEqual(["consul"]);
  });
});

describe("Consul service names", () => {
  it.each([
    ["resnet50", undefined],
    ["bert-encoder", undefined],
    ["my_model", 'is not a valid Consul service name: Consul DNS answers only for lowercase letters, digits and "-"; got "my_model". Try "my-model".'],
    ["vision.resnet", 'is not a valid Consul service name: Consul DNS answers only for lowercase letters, digits and "-"; got "vision.resnet". Try "vision-resnet".'],
    ["ResNet", 'is not a valid Consul service name: Consul DNS answers only for lowercase letters, digits and "-"; got "ResNet". Try "resnet".'],
  ])("judges %s", (name, expected) => {
    expect(consulServiceNameProblem(name)).toEqual(expected);
  });
});

describe("the pinned DNS ClusterIP", () => {
  it.each([
    [256, 16],
    [4096, 256],
    [65536, 256],
    [1048576, 256],
  ])("keeps the lowest addresses of a range of %i for fixed IPs: %i", (size, band) => {
    expect(staticBandSize(size)).toBe(band);
  });

  it.each([
    ["10.100.0.53", "10.100.0.0/16", undefined],
    ["10.100.0.16", "10.100.0.0/24", undefined],
    ["10.100.0.17", "10.100.0.0/24", "is outside the lowest 16 addresses"],
    ["10.100.0.0", "10.100.0.0/16", "is the network or broadcast address"],
    ["10.100.255.255", "10.100.0.0/16", "is the network or broadcast address"],
    ["10.100.0.1", "10.100.0.0/16", "is the first address of 10.100.0.0/16, which the kubernetes API Service always takes"],
    ["10.99.255.254", "10.100.0.0/16", "is outside the cluster's service CIDR"],
  ])("judges %s in %s", (address, cidr, start) => {
    const problem = clusterIpProblem(address, cidr);
    if (start === undefined) expect(problem).toBeUndefined();
    else expect(problem?.startsWith(start)).toBe(true);
  });
});
