import { renderFilebeatConfig } from "../../../components/logging/filebeat";
import { renderLogging } from "../../../components/logging/render";
import { loggingAccess } from "../../../components/logging/report";
import { loadPlatform, type ResolvedPlatform } from "../../../components/resolve";
import { validateKubernetesObject } from "../../../components/validate/kubernetes";
import { inputFrom } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, PROD_STACK, withEnvironmentKeys } from "../../helpers/samples";

const DEV_WITH_LOGGING = withEnvironmentKeys(DEV_STACK, "    logging:\n      enabled: true\n");
const STAGING_STACK = DEV_STACK.replace("tier: dev", "tier: staging");
const platformOf = (stack: string, yaml: string, catalog: Record<string, string> = { "catalog/resnet50.yaml": ONNX_MODEL }): ResolvedPlatform =>
  loadPlatform(inputFrom(stack, yaml, catalog));
const rendered = (platform: ResolvedPlatform) => renderLogging(platform.environment, platform.logging!, platform.serverPools);

const dev = rendered(platformOf("dev", DEV_WITH_LOGGING));
const staging = rendered(platformOf("staging", STAGING_STACK));
const prod = rendered(platformOf("prod", PROD_STACK));

const labels = (name: string, instance: string, component: string, environment: string) => ({
  "app.kubernetes.io/name": name,
  "app.kubernetes.io/instance": instance,
  "app.kubernetes.io/component": component,
  "app.kubernetes.io/part-of": "inferstack",
  "app.kubernetes.io/managed-by": "pulumi",
  "inferstack.io/environment": environment,
});
const restrictedContainer = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true };
const elasticPod = { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } };

/** Every Kubernetes object the logging area renders. */
const objectsOf = (r: ReturnType<typeof renderLogging>) => [
  r.operatorNamespace,
  r.namespace,
  r.networkPolicies.defaultDeny,
  r.networkPolicies.elasticsearch,
  r.rbac.serviceAccount,
  r.rbac.clusterRole,
  r.rbac.clusterRoleBinding,
  r.ilmConfigMap,
  r.elasticsearch,
  r.kibana,
  r.beat,
];

describe("Elasticsearch", () => {
  it("runs one node on an emptyDir in dev, without zone awareness", () => {
    const esLabels = labels("elasticsearch", "logs", "log-store", "dev");
    expect(dev.elasticsearch).toEqual({
      apiVersion: "elasticsearch.k8s.elastic.co/v1",
      kind: "Elasticsearch",
      metadata: { name: "logs", namespace: "logging", labels: esLabels },
      spec: {
        version: "9.4.3",
        http: { service: { spec: { type: "ClusterIP" } }, tls: { selfSignedCertificate: { disabled: false } } },
        nodeSets: [
          {
            name: "default",
            count: 1,
            config: { "node.roles": ["master", "data", "ingest"], "node.store.allow_mmap": false },
            podTemplate: {
              metadata: { labels: esLabels },
              spec: {
                automountServiceAccountToken: false,
                nodeSelector: { "inferstack.io/node-pool": "system" },
                securityContext: elasticPod,
                containers: [
                  {
                    name: "elasticsearch",
                    resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } },
                    securityContext: restrictedContainer,
                  },
                ],
                volumes: [{ name: "elasticsearch-data", emptyDir: { sizeLimit: "10Gi" } }],
              },
            },
          },
        ],
      },
    });
  });

  it("runs three master-eligible nodes spread over zones with zone-aware allocation and encrypted claims in prod", () => {
    const esLabels = labels("elasticsearch", "logs", "log-store", "prod");
    expect(prod.elasticsearch).toEqual({
      apiVersion: "elasticsearch.k8s.elastic.co/v1",
      kind: "Elasticsearch",
      metadata: { name: "logs", namespace: "logging", labels: esLabels, annotations: { "eck.k8s.elastic.co/downward-node-labels": "topology.kubernetes.io/zone" } },
      spec: {
        version: "9.4.3",
        http: { service: { spec: { type: "ClusterIP" } }, tls: { selfSignedCertificate: { disabled: false } } },
        nodeSets: [
          {
            name: "default",
            count: 3,
            config: {
              "node.roles": ["master", "data", "ingest"],
              "node.store.allow_mmap": false,
              "node.attr.zone": "${ZONE}",
              "cluster.routing.allocation.awareness.attributes": "k8s_node_name,zone",
            },
            podTemplate: {
              metadata: { labels: esLabels },
              spec: {
                automountServiceAccountToken: false,
                nodeSelector: { "inferstack.io/node-pool": "system" },
                securityContext: elasticPod,
                containers: [
                  {
                    name: "elasticsearch",
                    resources: { requests: { cpu: "2", memory: "8Gi" }, limits: { cpu: "4", memory: "8Gi" } },
                    securityContext: restrictedContainer,
                    env: [{ name: "ZONE", valueFrom: { fieldRef: { fieldPath: "metadata.annotations['topology.kubernetes.io/zone']" } } }],
                  },
                ],
                topologySpreadConstraints: [
                  {
                    maxSkew: 1,
                    topologyKey: "topology.kubernetes.io/zone",
                    whenUnsatisfiable: "DoNotSchedule",
                    labelSelector: { matchLabels: { "elasticsearch.k8s.elastic.co/cluster-name": "logs", "elasticsearch.k8s.elastic.co/statefulset-name": "logs-es-default" } },
                  },
                ],
              },
            },
            volumeClaimTemplates: [
              {
                metadata: { name: "elasticsearch-data" },
                spec: { accessModes: ["ReadWriteOnce"], storageClassName: "inferstack-encrypted-gp3", resources: { requests: { storage: "300Gi" } } },
              },
            ],
          },
        ],
      },
    });
  });

  it("keeps one persistent claim named elasticsearch-data per node in staging, and no emptyDir", () => {
    const [nodeSet] = staging.elasticsearch.spec.nodeSets;
    expect(nodeSet!.count).toBe(3);
    expect(nodeSet!.volumeClaimTemplates!.map((c) => [c.metadata.name, c.spec.storageClassName, c.spec.resources.requests.storage])).toEqual([
      ["elasticsearch-data", "inferstack-encrypted-gp3", "100Gi"],
    ]);
    expect(nodeSet!.podTemplate.spec.volumes).toBeUndefined();
  });

  it.each([
    ["dev", dev],
    ["staging", staging],
    ["prod", prod],
  ])("keeps TLS, ECK's disruption budget and ECK's generated password (%s)", (_tier, r) => {
    expect(r.elasticsearch.spec.http.tls).toEqual({ selfSignedCertificate: { disabled: false } });
    expect(r.kibana.spec.http.tls).toEqual({ selfSignedCertificate: { disabled: false } });
    expect(Object.keys(r.elasticsearch.spec).sort()).toEqual(["http", "nodeSets", "version"]);
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/password|elastic-user|"kind":"Secret"/i);
  });
});

describe("Kibana", () => {
  it("is internal only: a ClusterIP Service with TLS, two replicas over zones in prod", () => {
    const kbLabels = labels("kibana", "logs", "log-ui", "prod");
    expect(prod.kibana).toEqual({
      apiVersion: "kibana.k8s.elastic.co/v1",
      kind: "Kibana",
      metadata: { name: "logs", namespace: "logging", labels: kbLabels },
      spec: {
        version: "9.4.3",
        count: 2,
        elasticsearchRef: { name: "logs" },
        http: { service: { spec: { type: "ClusterIP" } }, tls: { selfSignedCertificate: { disabled: false } } },
        podTemplate: {
          metadata: { labels: kbLabels },
          spec: {
            automountServiceAccountToken: false,
            nodeSelector: { "inferstack.io/node-pool": "system" },
            securityContext: elasticPod,
            containers: [
              { name: "kibana", resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } }, securityContext: restrictedContainer },
            ],
            topologySpreadConstraints: [
              { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "kibana.k8s.elastic.co/name": "logs" } } },
            ],
          },
        },
      },
    });
  });

  it("runs one replica without spread in dev and staging", () => {
    for (const r of [dev, staging]) {
      expect([r.kibana.spec.count, r.kibana.spec.http.service.spec.type, r.kibana.spec.podTemplate.spec.topologySpreadConstraints]).toEqual([1, "ClusterIP", undefined]);
    }
  });

  it("is reached by port-forward, with the elastic user's password read from ECK's Secret", () => {
    expect(loggingAccess(platformOf("prod", PROD_STACK).logging!)).toEqual({
      namespace: "logging",
      kibana: { service: "logs-kb-http", port: 5601, portForward: "kubectl -n logging port-forward service/logs-kb-http 5601", url: "https://localhost:5601" },
      elasticsearch: { service: "logs-es-http", url: "https://logs-es-http.logging.svc:9200" },
      elasticPassword: "kubectl -n logging get secret logs-es-elastic-user -o go-template='{{.data.elastic | base64decode}}'",
      retentionDays: 30,
    });
  });
});

describe("the ECK operator release", () => {
  it("pins eck-operator 3.5.0 from Elastic's repository, on the system nodes, managing the logging namespace only", () => {
    expect(prod.operator).toEqual({
      name: "elastic-operator",
      namespace: "elastic-system",
      chart: "eck-operator",
      version: "3.5.0",
      repository: "https://helm.elastic.co",
      values: {
        installCRDs: true,
        replicaCount: 1,
        managedNamespaces: ["logging"],
        createClusterScopedResources: true,
        webhook: { enabled: true },
        nodeSelector: { "inferstack.io/node-pool": "system" },
        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "256Mi" } },
        podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true, runAsNonRoot: true },
        config: { exposedNodeLabels: ["topology.kubernetes.io/zone"] },
        telemetry: { disabled: true },
      },
    });
  });
});

describe("namespaces and network policies", () => {
  it("enforces privileged Pod Security only in the logging namespace, and warns and audits restricted there", () => {
    expect(prod.namespace.metadata).toEqual({
      name: "logging",
      labels: {
        ...labels("inferstack", "logging", "namespace", "prod"),
        "pod-security.kubernetes.io/enforce": "privileged",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
      },
    });
    expect(prod.operatorNamespace.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
    });
    expect(prod.operatorNamespace.metadata.name).toBe("elastic-system");
  });

  it("denies ingress by default and opens Elasticsearch to its namespace, the operator and its own nodes only", () => {
    expect(prod.networkPolicies.defaultDeny.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"], ingress: [] });
    const esPods = { "common.k8s.elastic.co/type": "elasticsearch", "elasticsearch.k8s.elastic.co/cluster-name": "logs" };
    expect(prod.networkPolicies.elasticsearch.spec).toEqual({
      podSelector: { matchLabels: esPods },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "logging" } } },
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "elastic-system" } } },
          ],
          ports: [{ protocol: "TCP", port: 9200 }],
        },
        { from: [{ podSelector: { matchLabels: esPods } }], ports: [{ protocol: "TCP", port: 9300 }] },
      ],
    });
  });
});

describe("every rendered object", () => {
  it.each([
    ["dev", dev],
    ["staging", staging],
    ["prod", prod],
  ])("validates against its schema: Kubernetes objects against kubernetes-models, ECK resources against the ECK 3.5 CRDs (%s)", (_tier, r) => {
    const results = objectsOf(r).map((o) => ({ kind: o.kind, errors: validateKubernetesObject(o as unknown as Record<string, unknown>) }));
    expect(results.filter((x) => x.errors.length > 0)).toEqual([]);
    expect(results.map((x) => x.kind)).toEqual([
      "Namespace",
      "Namespace",
      "NetworkPolicy",
      "NetworkPolicy",
      "ServiceAccount",
      "ClusterRole",
      "ClusterRoleBinding",
      "ConfigMap",
      "Elasticsearch",
      "Kibana",
      "Beat",
    ]);
  });

  it("is deterministic", () => {
    expect(rendered(platformOf("prod", PROD_STACK))).toEqual(prod);
    expect(renderFilebeatConfig(platformOf("prod", PROD_STACK).environment, platformOf("prod", PROD_STACK).logging!, [])).toEqual(prod.filebeatConfig);
  });
});
