import { z } from "zod";
import { MASKED_ENDPOINTS } from "../../../components/observability/alertmanager";
import { autoscalingAdapterRule, expandAdapterQuery, PrometheusAdapterValues, renderPrometheusAdapterValues } from "../../../components/observability/autoscaling";
import { OBSERVABILITY_CHARTS } from "../../../components/observability/charts";
import { DcgmExporterValues, renderDcgmExporterValues } from "../../../components/observability/dcgm-exporter";
import { kubePrometheusStackValuesSchema, renderKubePrometheusStackValues } from "../../../components/observability/kube-prometheus-stack";
import { renderGrafanaAdminSecret, renderMonitoringNamespace } from "../../../components/observability/namespace";
import { renderDcgmServiceMonitor, renderPoolServiceMonitor } from "../../../components/observability/service-monitors";
import { loadPlatform, type ResolvedPlatform } from "../../../components/resolve";
import { validateKubernetesObject } from "../../../components/validate/kubernetes";
import { promqlSyntaxErrors } from "../../../components/validate/promql";
import { inputFrom, shippedPlatform } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL } from "../../helpers/samples";

const prod = shippedPlatform("prod");
const dev = shippedPlatform("dev");
const kpsValues = (platform: ResolvedPlatform) => renderKubePrometheusStackValues({ environment: platform.environment, monitoring: platform.monitoring!, endpoints: MASKED_ENDPOINTS });
const SYSTEM = { "inferstack.io/node-pool": "system" };

describe("pinned charts", () => {
  it("pins every chart to an exact version from its official repository", () => {
    expect(OBSERVABILITY_CHARTS).toEqual({
      kubePrometheusStack: { chart: "kube-prometheus-stack", version: "88.5.3", repo: "https://prometheus-community.github.io/helm-charts", releaseName: "kube-prometheus-stack" },
      dcgmExporter: { chart: "dcgm-exporter", version: "4.8.2", repo: "https://nvidia.github.io/dcgm-exporter/helm-charts", releaseName: "dcgm-exporter" },
      prometheusAdapter: { chart: "prometheus-adapter", version: "5.4.0", repo: "https://prometheus-community.github.io/helm-charts", releaseName: "prometheus-adapter" },
    });
  });
});

describe("kube-prometheus-stack values", () => {
  it("give prod's Prometheus two replicas on encrypted volumes, explicit retention below the volume and a disruption budget", () => {
    const { prometheus } = kpsValues(prod);
    expect(prometheus).toEqual({
      podDisruptionBudget: { enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" },
      prometheusSpec: {
        replicas: 2,
        retention: "15d",
        retentionSize: "80GiB",
        storageSpec: {
          volumeClaimTemplate: { spec: { storageClassName: "inferstack-encrypted-gp3", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "100Gi" } } } },
        },
        externalLabels: { environment: "prod" },
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
        serviceMonitorSelector: {},
        serviceMonitorNamespaceSelector: {},
        ruleSelector: {},
        ruleNamespaceSelector: {},
        nodeSelector: SYSTEM,
        resources: { requests: { cpu: "1", memory: "4Gi" }, limits: { memory: "8Gi" } },
      },
    });
  });

  it("give prod three Alertmanager replicas on encrypted volumes with a disruption budget", () => {
    const { alertmanager } = kpsValues(prod);
    expect(alertmanager.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    expect(alertmanager.alertmanagerSpec).toEqual({
      replicas: 3,
      storage: { volumeClaimTemplate: { spec: { storageClassName: "inferstack-encrypted-gp3", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } } } },
      nodeSelector: SYSTEM,
      resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    });
  });

  it("keep dev's single replicas without disruption budgets, which would block node drains", () => {
    const values = kpsValues(dev);
    expect([values.prometheus.prometheusSpec.replicas, values.prometheus.podDisruptionBudget.enabled]).toEqual([1, false]);
    expect([values.alertmanager.alertmanagerSpec.replicas, values.alertmanager.podDisruptionBudget.enabled]).toEqual([1, false]);
  });

  it("take Grafana's admin credentials from the Secret, with anonymous access off, secure cookies and the dashboard sidecar on", () => {
    const { grafana } = kpsValues(prod);
    expect(grafana).toEqual({
      admin: { existingSecret: "grafana-admin-credentials", userKey: "admin-user", passwordKey: "admin-password" },
      "grafana.ini": {
        "auth.anonymous": { enabled: false },
        security: { cookie_secure: true, cookie_samesite: "strict", strict_transport_security: true, disable_gravatar: true, allow_embedding: false },
        users: { allow_sign_up: false },
        analytics: { reporting_enabled: false, check_for_updates: false },
      },
      sidecar: {
        dashboards: {
          enabled: true,
          label: "grafana_dashboard",
          labelValue: "1",
          searchNamespace: "monitoring",
          folderAnnotation: "grafana_folder",
          provider: { foldersFromFilesStructure: true },
        },
      },
      nodeSelector: SYSTEM,
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
    });
    expect(JSON.stringify(kpsValues(prod))).not.toContain("adminPassword");
  });

  it("allow-list the server-pool pod label in kube-state-metrics and keep the operator on the system nodes", () => {
    const values = kpsValues(prod);
    expect(values["kube-state-metrics"].metricLabelsAllowlist).toEqual(["pods=[inferstack.io/server-pool]"]);
    expect(values.prometheusOperator.nodeSelector).toEqual(SYSTEM);
    expect(values.prometheusOperator.admissionWebhooks.patch.nodeSelector).toEqual(SYSTEM);
  });

  it.each([
    ["a literal Grafana password", (v: Record<string, unknown>) => ({ ...v, grafana: { ...(v.grafana as object), adminPassword: "prom-operator" } }), [["unrecognized_keys", ["grafana"]]]],
    [
      "anonymous Grafana access",
      (v: Record<string, unknown>) => ({ ...v, grafana: { ...(v.grafana as object), "grafana.ini": { ...((v.grafana as Record<string, object>)["grafana.ini"] as object), "auth.anonymous": { enabled: true } } } }),
      [["invalid_value", ["grafana", "grafana.ini", "auth.anonymous", "enabled"]]],
    ],
    [
      "an unencrypted storage class",
      (v: Record<string, unknown>) => {
        const copy = structuredClone(v) as { prometheus: { prometheusSpec: { storageSpec: { volumeClaimTemplate: { spec: { storageClassName: string } } } } } };
        copy.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName = "gp2";
        return copy;
      },
      [["invalid_value", ["prometheus", "prometheusSpec", "storageSpec", "volumeClaimTemplate", "spec", "storageClassName"]]],
    ],
  ])("are refused by their schema with %s", (_name, mutate, issues) => {
    const schema = kubePrometheusStackValuesSchema(z.string());
    expect(schema.safeParse(kpsValues(prod)).success).toBe(true);
    const result = schema.safeParse(mutate(kpsValues(prod) as unknown as Record<string, unknown>));
    expect(result.error?.issues.map((i) => [i.code, i.path])).toEqual(issues);
  });
});

describe("DCGM exporter values", () => {
  it("run the exporter only on the GPU node pools, tolerating the GPU taint, without the chart's own ServiceMonitor", () => {
    expect(renderDcgmExporterValues(prod.monitoring!)).toEqual({
      serviceMonitor: { enabled: false },
      tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "inferstack.io/node-pool", operator: "In", values: ["a10g"] }] }],
          },
        },
      },
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
    });
  });

  it("cannot be rendered for an environment without GPU pools", () => {
    expect(() => renderDcgmExporterValues({ ...dev.monitoring!, gpuNodePools: [] })).toThrow(z.ZodError);
    expect(DcgmExporterValues.safeParse({ ...renderDcgmExporterValues(dev.monitoring!), tolerations: [] }).success).toBe(false);
  });
});

describe("prometheus-adapter values", () => {
  it("serve only the autoscaling metric, from the recorded per-pod series, on the system nodes", () => {
    expect(renderPrometheusAdapterValues(prod.monitoring!)).toEqual({
      replicas: 2,
      prometheus: { url: "http://kube-prometheus-stack-prometheus.monitoring.svc", port: 9090, path: "" },
      rules: {
        default: false,
        custom: [
          {
            seriesQuery: 'pod:inferstack_queue_latency_microseconds:rate2m{namespace!="", pod!=""}',
            resources: { overrides: { namespace: { resource: "namespace" }, pod: { resource: "pod" } } },
            name: { matches: "^pod:inferstack_queue_latency_microseconds:rate2m$", as: "inferstack_queue_latency_microseconds" },
            metricsQuery: "max by (<<.GroupBy>>) (<<.Series>>{<<.LabelMatchers>>})",
          },
        ],
        external: [],
      },
      metricsRelistInterval: "1m",
      nodeSelector: SYSTEM,
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
      podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
    });
    expect(renderPrometheusAdapterValues(dev.monitoring!).podDisruptionBudget.enabled).toBe(false);
  });

  it("has a series query and an expanded metrics query that parse as PromQL", () => {
    const rule = autoscalingAdapterRule();
    const expanded = expandAdapterQuery(rule, { series: "pod:inferstack_queue_latency_microseconds:rate2m", labelMatchers: 'namespace="inferstack",pod=~"a|b"', groupBy: "pod" });
    expect(expanded).toBe('max by (pod) (pod:inferstack_queue_latency_microseconds:rate2m{namespace="inferstack",pod=~"a|b"})');
    expect([promqlSyntaxErrors(rule.seriesQuery), promqlSyntaxErrors(expanded)]).toEqual([[], []]);
  });

  it("refuses the chart's default rules, which would shadow metrics-server", () => {
    const values = renderPrometheusAdapterValues(prod.monitoring!);
    expect(PrometheusAdapterValues.safeParse({ ...values, rules: { ...values.rules, default: true } }).success).toBe(false);
  });
});

describe("ServiceMonitors", () => {
  const pool = (platform: ResolvedPlatform, name: string) => platform.serverPools.find((p) => p.name === name)!;

  it("select a Triton pool's metrics Service and scrape each pod at :metrics/metrics with pool and environment labels", () => {
    expect(renderPoolServiceMonitor(pool(dev, "resnet50"), dev.environment, dev.monitoring!)).toEqual({
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: {
        namespace: "inferstack",
        labels: {
          "app.kubernetes.io/name": "triton",
          "app.kubernetes.io/instance": "resnet50",
          "app.kubernetes.io/component": "metrics-monitor",
          "app.kubernetes.io/part-of": "inferstack",
          "app.kubernetes.io/managed-by": "pulumi",
          "inferstack.io/model": "resnet50",
          "inferstack.io/environment": "dev",
          "inferstack.io/server-pool": "resnet50",
        },
      },
      spec: {
        selector: { matchLabels: { "app.kubernetes.io/component": "metrics", "inferstack.io/server-pool": "resnet50" } },
        namespaceSelector: { matchNames: ["inferstack"] },
        endpoints: [
          {
            port: "metrics",
            path: "/metrics",
            scheme: "http",
            interval: "15s",
            honorLabels: false,
            relabelings: [
              { action: "replace", targetLabel: "pool", replacement: "resnet50" },
              { action: "replace", targetLabel: "environment", replacement: "dev" },
            ],
            metricRelabelings: [{ action: "replace", sourceLabels: ["model"], regex: "^$", targetLabel: "model", replacement: "resnet50" }],
          },
        ],
      },
    });
  });

  it("scrape TF Serving's Prometheus path on its REST port and copy model_name into model", () => {
    const [endpoint] = renderPoolServiceMonitor(pool(prod, "ctr-ranker"), prod.environment, prod.monitoring!).spec.endpoints;
    expect([endpoint!.port, endpoint!.path]).toEqual(["metrics", "/monitoring/prometheus/metrics"]);
    expect(endpoint!.metricRelabelings).toEqual([
      { action: "replace", sourceLabels: ["model_name"], regex: "(.+)", targetLabel: "model", replacement: "$1" },
      { action: "replace", sourceLabels: ["model"], regex: "^$", targetLabel: "model", replacement: "ctr-ranker" },
    ]);
  });

  it("do not pin a model on the series of a shared pool", () => {
    const shared = loadPlatform(
      inputFrom("dev", DEV_STACK, {
        "catalog/a.yaml": ONNX_MODEL.replace("  dev:\n    nodePool: t4\n", "  dev:\n    nodePool: t4\n    serverPool: vision\n"),
        "catalog/b.yaml": ONNX_MODEL.replace("name: resnet50", "name: mobilenet").replace("vision/resnet50", "vision/mobilenet").replace("  dev:\n    nodePool: t4\n", "  dev:\n    nodePool: t4\n    serverPool: vision\n"),
      }),
    );
    const monitor = renderPoolServiceMonitor(pool(shared, "vision"), shared.environment, shared.monitoring!);
    expect(monitor.spec.endpoints[0]!.metricRelabelings).toBeUndefined();
    expect(monitor.metadata.labels["inferstack.io/model"]).toBeUndefined();
  });

  it("keep the DCGM exporter's pod labels, which name the pod holding each GPU", () => {
    const monitor = renderDcgmServiceMonitor(prod.environment, prod.monitoring!);
    expect(monitor.spec).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "dcgm-exporter", "app.kubernetes.io/instance": "dcgm-exporter" } },
      namespaceSelector: { matchNames: ["monitoring"] },
      endpoints: [{ port: "metrics", path: "/metrics", scheme: "http", interval: "15s", honorLabels: true }],
    });
  });

  it("validate against the prometheus-operator schema", () => {
    const monitors = [...prod.serverPools.map((p) => renderPoolServiceMonitor(p, prod.environment, prod.monitoring!)), renderDcgmServiceMonitor(prod.environment, prod.monitoring!)];
    expect(monitors.map((m) => validateKubernetesObject({ ...m, metadata: { ...m.metadata, name: "x" } } as unknown as Record<string, unknown>))).toEqual(monitors.map(() => []));
  });
});

describe("the monitoring namespace and Grafana's admin Secret", () => {
  it("admit the exporters' privileged pods only in the monitoring namespace, warning on anything beyond baseline", () => {
    expect(renderMonitoringNamespace(prod.environment, prod.monitoring!).metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "privileged",
      "pod-security.kubernetes.io/warn": "baseline",
      "pod-security.kubernetes.io/audit": "baseline",
    });
  });

  it("build the admin Secret from the secret value the caller passes", () => {
    const secret = renderGrafanaAdminSecret(prod.environment, prod.monitoring!, "from-config");
    expect([secret.metadata.name, secret.metadata.namespace, secret.stringData]).toEqual([
      "grafana-admin-credentials",
      "monitoring",
      { "admin-user": "admin", "admin-password": "from-config" },
    ]);
    expect(validateKubernetesObject(secret as unknown as Record<string, unknown>)).toEqual([]);
  });
});
