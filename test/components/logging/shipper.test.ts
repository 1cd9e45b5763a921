import { labelField } from "../../../components/logging/filebeat";
import { renderLogging } from "../../../components/logging/render";
import { loadPlatform, type ResolvedPlatform } from "../../../components/resolve";
import { inputFrom } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, PROD_STACK, withEnvironmentKeys } from "../../helpers/samples";

const STAGING_STACK = DEV_STACK.replace("tier: dev", "tier: staging");
const DEV_WITH_LOGGING = withEnvironmentKeys(DEV_STACK, "    logging:\n      enabled: true\n");
const platformOf = (stack: string, yaml: string, catalog: Record<string, string> = { "catalog/resnet50.yaml": ONNX_MODEL }): ResolvedPlatform =>
  loadPlatform(inputFrom(stack, yaml, catalog));
const rendered = (platform: ResolvedPlatform) => renderLogging(platform.environment, platform.logging!, platform.serverPools);

/** Two models sharing server pool `vision` in prod, plus resnet50 on a pool of its own. */
const SHARED_CATALOG = {
  "catalog/resnet50.yaml": ONNX_MODEL,
  "catalog/a.yaml": ONNX_MODEL.replace("name: resnet50", "name: detector-a").replace("vision/resnet50", "vision/detector-a").replace("  prod:\n    nodePool: t4\n", "  prod:\n    nodePool: t4\n    serverPool: vision\n"),
  "catalog/b.yaml": ONNX_MODEL.replace("name: resnet50", "name: detector-b").replace("vision/resnet50", "vision/detector-b").replace("  prod:\n    nodePool: t4\n", "  prod:\n    nodePool: t4\n    serverPool: vision\n"),
};

const prod = rendered(platformOf("prod", PROD_STACK));

describe("label enrichment", () => {
  it("puts labels where Filebeat's Kubernetes metadata puts them: dots become underscores", () => {
    expect(["inferstack.io/model", "inferstack.io/server-pool", "inferstack.io/environment"].map(labelField)).toEqual([
      "kubernetes.labels.inferstack_io/model",
      "kubernetes.labels.inferstack_io/server-pool",
      "kubernetes.labels.inferstack_io/environment",
    ]);
  });

  it("copies the model, server pool and environment labels of serving pods into inferstack.* fields", () => {
    expect(prod.filebeatConfig.processors).toEqual([
      {
        copy_fields: {
          fields: [
            { from: "kubernetes.labels.inferstack_io/model", to: "inferstack.model" },
            { from: "kubernetes.labels.inferstack_io/server-pool", to: "inferstack.server_pool" },
            { from: "kubernetes.labels.inferstack_io/environment", to: "inferstack.environment" },
          ],
          fail_on_error: false,
          ignore_missing: true,
          when: { has_fields: ["kubernetes.labels.inferstack_io/server-pool"] },
        },
      },
    ]);
  });

  it("names the models of a shared pool on its lines, whose pods carry no single model label", () => {
    const shared = rendered(platformOf("prod", PROD_STACK, SHARED_CATALOG));
    expect(shared.filebeatConfig.processors.slice(1)).toEqual([
      {
        add_fields: {
          target: "inferstack",
          fields: { models: ["detector-a", "detector-b"] },
          when: { and: [{ equals: { "kubernetes.namespace": "inferstack" } }, { equals: { "kubernetes.labels.inferstack_io/server-pool": "vision" } }] },
        },
      },
    ]);
  });
});

describe("the Filebeat configuration", () => {
  it("reads every container of the node through Kubernetes autodiscover and installs the ILM policy at start", () => {
    const { processors: _processors, ...rest } = prod.filebeatConfig;
    expect(rest).toEqual({
      filebeat: {
        autodiscover: {
          providers: [
            {
              type: "kubernetes",
              node: "${NODE_NAME}",
              hints: {
                enabled: true,
                default_config: {
                  type: "filestream",
                  id: "kubernetes-container-logs-${data.kubernetes.pod.name}-${data.kubernetes.container.id}",
                  paths: ["/var/log/containers/*-${data.kubernetes.container.id}.log"],
                  parsers: [{ container: {} }],
                  prospector: { scanner: { symlinks: true, fingerprint: { enabled: true } } },
                  file_identity: { fingerprint: {} },
                },
              },
            },
          ],
        },
      },
      setup: {
        ilm: { enabled: true, policy_name: "inferstack-logs", policy_file: "/usr/share/filebeat/ilm/policy.json", overwrite: true },
        template: { settings: { index: { number_of_shards: 1, number_of_replicas: 1 } } },
      },
    });
  });

  it("asks for no replica shard on a one-node cluster", () => {
    expect(rendered(platformOf("dev", DEV_WITH_LOGGING)).filebeatConfig.setup.template.settings.index).toEqual({ number_of_shards: 1, number_of_replicas: 0 });
  });
});

describe("index lifecycle retention", () => {
  it.each([
    ["dev", "3d", DEV_WITH_LOGGING],
    ["staging", "7d", STAGING_STACK],
    ["prod", "30d", PROD_STACK],
  ])("deletes a backing index its tier's retention after rollover (%s: %s)", (stack, minAge, yaml) => {
    const { ilmPolicy } = rendered(platformOf(stack, yaml));
    expect(ilmPolicy.policy.phases.delete).toEqual({ min_age: minAge, actions: { delete: {} } });
    expect(ilmPolicy.policy.phases.hot).toEqual({ min_age: "0ms", actions: { rollover: { max_age: "1d", max_primary_shard_size: "50gb" } } });
    expect(Object.keys(ilmPolicy.policy.phases)).toEqual(["hot", "delete"]);
  });

  it("ships the policy as the file Filebeat is told to load", () => {
    expect(prod.ilmConfigMap.metadata).toMatchObject({ name: "filebeat-ilm-policy", namespace: "logging" });
    expect(JSON.parse(prod.ilmConfigMap.data["policy.json"])).toEqual(prod.ilmPolicy);
    const pod = prod.beat.spec.daemonSet.podTemplate.spec;
    const mount = pod.containers[0]!.volumeMounts.find((m) => m.name === "ilm-policy")!;
    expect(`${mount.mountPath}/policy.json`).toBe(prod.filebeatConfig.setup.ilm.policy_file);
    expect(pod.volumes.find((v) => v.name === "ilm-policy")).toEqual({ name: "ilm-policy", configMap: { name: "filebeat-ilm-policy" } });
  });

  it("rolls the shippers when the retention changes, since Filebeat installs the policy at start", () => {
    const digest = (r: typeof prod) => r.beat.spec.daemonSet.podTemplate.metadata.annotations["inferstack.io/ilm-policy-sha256"];
    const longer = rendered(platformOf("prod", PROD_STACK.replace("    nodePools:", "    logging:\n      retentionDays: 31\n    nodePools:")));
    expect(digest(prod)).toMatch(/^[0-9a-f]{64}$/);
    expect(digest(longer)).not.toBe(digest(prod));
    expect(digest(rendered(platformOf("prod", PROD_STACK)))).toBe(digest(prod));
  });
});

describe("the Filebeat DaemonSet (Beat)", () => {
  it("runs on every node, GPU nodes included, as root with read-only host log mounts and nothing else elevated", () => {
    const { config, ...spec } = prod.beat.spec;
    expect(config).toEqual(prod.filebeatConfig);
    const shipperLabels = {
      "app.kubernetes.io/name": "filebeat",
      "app.kubernetes.io/instance": "logs",
      "app.kubernetes.io/component": "log-shipper",
      "app.kubernetes.io/part-of": "inferstack",
      "app.kubernetes.io/managed-by": "pulumi",
      "inferstack.io/environment": "prod",
    };
    expect(prod.beat.metadata).toEqual({ name: "logs", namespace: "logging", labels: shipperLabels });
    const { annotations: _digest, ...podMetadata } = spec.daemonSet.podTemplate.metadata;
    expect(podMetadata).toEqual({ labels: shipperLabels });
    expect({ ...spec, daemonSet: { podTemplate: { spec: spec.daemonSet.podTemplate.spec } } }).toEqual({
      type: "filebeat",
      version: "9.4.3",
      elasticsearchRef: { name: "logs" },
      daemonSet: {
        podTemplate: {
          spec: {
            serviceAccountName: "filebeat",
            automountServiceAccountToken: true,
            tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
            securityContext: { runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "filebeat",
                env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
                resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { cpu: "500m", memory: "300Mi" } },
                securityContext: { runAsUser: 0, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, privileged: false, readOnlyRootFilesystem: true },
                volumeMounts: [
                  { name: "varlogcontainers", mountPath: "/var/log/containers", readOnly: true },
                  { name: "varlogpods", mountPath: "/var/log/pods", readOnly: true },
                  { name: "ilm-policy", mountPath: "/usr/share/filebeat/ilm", readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: "varlogcontainers", hostPath: { path: "/var/log/containers", type: "Directory" } },
              { name: "varlogpods", hostPath: { path: "/var/log/pods", type: "Directory" } },
              { name: "ilm-policy", configMap: { name: "filebeat-ilm-policy" } },
            ],
          },
        },
      },
    });
  });

  it("uses no host network, host PID or host IPC and no node selector", () => {
    const pod = prod.beat.spec.daemonSet.podTemplate.spec as Record<string, unknown>;
    expect(["hostNetwork", "hostPID", "hostIPC", "nodeSelector", "affinity"].filter((key) => key in pod)).toEqual([]);
  });
});

describe("the shippers' RBAC", () => {
  it("reads pods, namespaces, nodes, ReplicaSets and Jobs cluster-wide, and nothing else", () => {
    expect(prod.rbac.clusterRole.rules).toEqual([
      { apiGroups: [""], resources: ["namespaces", "nodes", "pods"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["apps"], resources: ["replicasets"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["batch"], resources: ["jobs"], verbs: ["get", "list", "watch"] },
    ]);
    expect(prod.rbac.clusterRoleBinding).toMatchObject({
      metadata: { name: "inferstack-logging-filebeat" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "inferstack-logging-filebeat" },
      subjects: [{ kind: "ServiceAccount", name: "filebeat", namespace: "logging" }],
    });
    expect(prod.rbac.serviceAccount.metadata).toMatchObject({ name: "filebeat", namespace: "logging" });
  });
});
