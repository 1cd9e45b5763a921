import { parse } from "yaml";
import { renderConsul, renderConsulNamespace } from "../../../components/discovery/render";
import { renderConsulServerConfig, renderConsulValues } from "../../../components/discovery/values";
import { ConsulValues } from "../../../components/discovery/values-schema";
import { validateKubernetesObject } from "../../../components/validate/kubernetes";
import { shippedPlatform } from "../../helpers/input";

const SYSTEM = "inferstack.io/node-pool: system\n";
const ANTI_AFFINITY = `podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - labelSelector:
        matchLabels:
          app: consul
          release: consul
          component: server
      topologyKey: kubernetes.io/hostname
`;
const ZONE_SPREAD = `- maxSkew: 1
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: DoNotSchedule
  labelSelector:
    matchLabels:
      app: consul
      release: consul
      component: server
`;

/** The chart values of the shipped prod stack, stated in full. */
const PROD_VALUES = {
  global: {
    name: "consul",
    domain: "consul",
    datacenter: "dc1",
    image: "hashicorp/consul:2.0.3",
    imageK8S: "hashicorp/consul-k8s-control-plane:2.0.3",
    imageConsulDataplane: "hashicorp/consul-dataplane:2.0.3",
    tls: { enabled: true, enableAutoEncrypt: true, verify: true, httpsOnly: true },
    gossipEncryption: { autoGenerate: true },
    acls: { manageSystemACLs: true, nodeSelector: SYSTEM },
  },
  server: {
    replicas: 3,
    bootstrapExpect: 3,
    storage: "20Gi",
    storageClass: "inferstack-encrypted-gp3",
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
    nodeSelector: SYSTEM,
    affinity: ANTI_AFFINITY,
    topologySpreadConstraints: ZONE_SPREAD,
    disruptionBudget: { enabled: true, maxUnavailable: 1 },
    exposeService: { enabled: false },
    extraConfig: '{"dns_config":{"allow_stale":true,"max_stale":"3s","node_ttl":"5s","service_ttl":{"*":"5s"}}}',
  },
  client: { enabled: false },
  dns: { enabled: true, enableRedirection: false, type: "ClusterIP", clusterIP: "10.100.0.53" },
  ui: { enabled: true, service: { enabled: true, type: "ClusterIP" }, ingress: { enabled: false } },
  syncCatalog: {
    enabled: true,
    default: false,
    toConsul: true,
    toK8S: false,
    k8sAllowNamespaces: ["inferstack"],
    k8sDenyNamespaces: ["kube-system", "kube-public"],
    addK8SNamespaceSuffix: false,
    syncClusterIPServices: true,
    consulWriteInterval: "5s",
    nodeSelector: SYSTEM,
    resources: { requests: { cpu: "50m", memory: "50Mi" }, limits: { cpu: "50m", memory: "50Mi" } },
  },
  connectInject: { enabled: false },
};

const valuesOf = (stack: string) => {
  const platform = shippedPlatform(stack);
  return renderConsulValues(platform.environment, platform.discovery!);
};

describe("Consul chart values of the shipped stacks", () => {
  it("prod: three servers spread over hosts and zones on the system nodes, budget of one, encrypted 20 GiB volumes, every security switch on", () => {
    expect(valuesOf("prod")).toEqual(PROD_VALUES);
  });

  it("staging: prod's shape with smaller servers", () => {
    expect(valuesOf("staging")).toEqual({
      ...PROD_VALUES,
      server: {
        ...PROD_VALUES.server,
        storage: "10Gi",
        resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "512Mi" } },
      },
    });
  });

  it("dev: one server, no zone spread and no disruption budget (it would block every node drain), 5 s stale reads", () => {
    expect(valuesOf("dev")).toEqual({
      ...PROD_VALUES,
      server: {
        ...PROD_VALUES.server,
        replicas: 1,
        bootstrapExpect: 1,
        storage: "10Gi",
        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        topologySpreadConstraints: "",
        disruptionBudget: { enabled: false },
        extraConfig: '{"dns_config":{"allow_stale":true,"max_stale":"5s","node_ttl":"5s","service_ttl":{"*":"5s"}}}',
      },
    });
  });

  it("never exposes the UI or the servers outside the cluster", () => {
    for (const stack of ["dev", "staging", "prod"]) {
      const values = valuesOf(stack);
      expect([values.ui.service.type, values.ui.ingress.enabled, values.server.exposeService.enabled]).toEqual(["ClusterIP", false, false]);
    }
  });
});

describe("the pod-spec fragments in the values", () => {
  it("are valid Kubernetes once the chart puts them into a pod spec", () => {
    for (const stack of ["dev", "prod"]) {
      const { server, syncCatalog } = valuesOf(stack);
      const pod = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "consul-server-0", labels: { app: "consul", release: "consul", component: "server" } },
        spec: {
          containers: [{ name: "consul", image: "hashicorp/consul:2.0.3" }],
          nodeSelector: parse(server.nodeSelector) as unknown,
          affinity: parse(server.affinity) as unknown,
          ...(server.topologySpreadConstraints === "" ? {} : { topologySpreadConstraints: parse(server.topologySpreadConstraints) as unknown }),
        },
      };
      expect(validateKubernetesObject(pod)).toEqual([]);
      expect(parse(syncCatalog.nodeSelector)).toEqual({ "inferstack.io/node-pool": "system" });
    }
  });

  it("select the chart's server pods, so one server per host and zone is what Kubernetes enforces", () => {
    const { server } = valuesOf("prod");
    const labels = { app: "consul", release: "consul", component: "server" };
    expect((parse(server.affinity) as { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { labelSelector: unknown }[] } }).podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]!.labelSelector).toEqual({ matchLabels: labels });
    expect(parse(server.topologySpreadConstraints)).toEqual([
      { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: labels } },
    ]);
  });
});

describe("Consul server configuration", () => {
  it("leaves max_stale out when only the leader answers", () => {
    const { discovery } = shippedPlatform("prod");
    expect(renderConsulServerConfig({ ...discovery!, dns: { ...discovery!.dns, allowStale: false, maxStaleSeconds: 0 } })).toEqual({
      dns_config: { allow_stale: false, node_ttl: "5s", service_ttl: { "*": "5s" } },
    });
  });

  it("switches TLS, auto-encrypt, HTTPS-only, ACLs and gossip encryption off together with the settings (dev only)", () => {
    const platform = shippedPlatform("dev");
    const values = renderConsulValues(platform.environment, { ...platform.discovery!, tls: false, acls: false, gossipEncryption: false });
    expect(values.global.tls).toEqual({ enabled: false, enableAutoEncrypt: false, verify: true, httpsOnly: false });
    expect([values.global.acls.manageSystemACLs, values.global.gossipEncryption.autoGenerate]).toEqual([false, false]);
  });
});

describe("the Consul values schema", () => {
  it.each([
    ["a misspelt key the chart would ignore", { ...PROD_VALUES, syncCatalog: { ...PROD_VALUES.syncCatalog, toK8s: false } }, "syncCatalog"],
    ["a public UI", { ...PROD_VALUES, ui: { ...PROD_VALUES.ui, service: { enabled: true, type: "LoadBalancer" } } }, "ui.service.type"],
    ["two-way catalog sync", { ...PROD_VALUES, syncCatalog: { ...PROD_VALUES.syncCatalog, toK8S: true } }, "syncCatalog.toK8S"],
    ["TLS without verification", { ...PROD_VALUES, global: { ...PROD_VALUES.global, tls: { ...PROD_VALUES.global.tls, verify: false } } }, "global.tls.verify"],
    ["an unpinned image", { ...PROD_VALUES, global: { ...PROD_VALUES.global, image: "hashicorp/consul:latest" } }, "global.image"],
    ["server config that is not JSON", { ...PROD_VALUES, server: { ...PROD_VALUES.server, extraConfig: "dns_config {}" } }, "server.extraConfig"],
    ["a node selector that is not a YAML block", { ...PROD_VALUES, server: { ...PROD_VALUES.server, nodeSelector: "inferstack.io/node-pool: system" } }, "server.nodeSelector"],
  ])("rejects %s", (_case, values, path) => {
    const result = ConsulValues.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join("."))).toEqual([path]);
  });

  it("accepts the rendered values of every shipped stack", () => {
    for (const stack of ["dev", "staging", "prod"]) expect(ConsulValues.safeParse(valuesOf(stack)).success).toBe(true);
  });
});

describe("Consul's Kubernetes objects", () => {
  it("puts Consul in its own namespace, enforcing baseline pod security and warning on restricted", () => {
    const { environment } = shippedPlatform("prod");
    const namespace = renderConsulNamespace(environment);
    expect(namespace.metadata).toEqual({
      name: "consul",
      labels: {
        "app.kubernetes.io/name": "consul",
        "app.kubernetes.io/instance": "consul",
        "app.kubernetes.io/component": "discovery",
        "app.kubernetes.io/part-of": "inferstack",
        "app.kubernetes.io/managed-by": "pulumi",
        "inferstack.io/environment": "prod",
        "pod-security.kubernetes.io/enforce": "baseline",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
      },
    });
    expect(validateKubernetesObject(namespace)).toEqual([]);
  });

  it("pins the official chart and release name", () => {
    const platform = shippedPlatform("prod");
    const { release } = renderConsul(platform.environment, platform.discovery!);
    expect({ ...release, values: undefined }).toEqual({
      name: "consul",
      namespace: "consul",
      chart: "consul",
      version: "2.0.3",
      repository: "https://helm.releases.hashicorp.com",
      values: undefined,
    });
  });

  it("patches CoreDNS only when asked to", () => {
    const staging = shippedPlatform("staging");
    const prod = shippedPlatform("prod");
    expect([staging.discovery!.coreDns, renderConsul(staging.environment, staging.discovery!).coreDnsPatch?.metadata.name]).toEqual(["configmap-patch", "coredns"]);
    expect(renderConsul(staging.environment, { ...staging.discovery!, coreDns: "none" }).coreDnsPatch).toBeUndefined();
    // A created cluster's CoreDNS is an EKS add-on, configured through the foundation instead.
    expect([prod.discovery!.coreDns, renderConsul(prod.environment, prod.discovery!).coreDnsPatch]).toEqual(["eks-addon", undefined]);
  });
});
