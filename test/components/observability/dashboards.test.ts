import { dashboardUid, MAX_DASHBOARD_UID_LENGTH } from "../../../components/observability/dashboard-names";
import {
  dashboardExpressions,
  MAX_DASHBOARD_BYTES_PER_CONFIGMAP,
  packDashboards,
  renderDashboardConfigMap,
  renderDashboards,
  renderModelDashboard,
  renderOverviewDashboard,
  type RenderedDashboard,
} from "../../../components/observability/dashboards";
import { renderSloRule } from "../../../components/observability/slo-rules";
import { type ResolvedPlatform } from "../../../components/resolve";
import { validateKubernetesObject } from "../../../components/validate/kubernetes";
import { promqlSyntaxErrors } from "../../../components/validate/promql";
import { shippedPlatform } from "../../helpers/input";

const prod = shippedPlatform("prod");
const dev = shippedPlatform("dev");

interface Panel {
  type: string;
  title: string;
  fieldConfig?: { defaults: { unit?: string; min?: number; max?: number; thresholds?: { steps: { value: number | null; color: string }[] } } };
  targets?: { expr: string; legendFormat: string; refId: string }[];
}
const panels = (d: RenderedDashboard) => (JSON.parse(d.json) as { panels: Panel[] }).panels;
const modelDashboard = (platform: ResolvedPlatform, name: string) => {
  const model = platform.models.find((m) => m.name === name)!;
  return renderModelDashboard(model, platform.serverPools.find((p) => p.name === model.serverPool)!, platform.environment);
};
const allDashboards = (platform: ResolvedPlatform) => [renderOverviewDashboard(platform.environment, platform.monitoring!), ...platform.models.map((m) => modelDashboard(platform, m.name))];

describe("the overview dashboard", () => {
  it("shows requests, latency, errors and queue time by model and GPU use by pool and per GPU, in each source's unit", () => {
    const dashboard = renderOverviewDashboard(prod.environment, prod.monitoring!);
    expect([dashboard.uid, dashboard.title]).toEqual(["inferstack-overview", "inferstack / prod / overview"]);
    expect(panels(dashboard).map((p) => [p.type, p.title, p.fieldConfig?.defaults.unit, p.targets?.map((t) => t.expr)])).toEqual([
      ["row", "Models", undefined, undefined],
      ["stat", "Firing model alerts", "none", ['count(ALERTS{alertstate="firing", environment="prod", model!=""}) or vector(0)']],
      ["timeseries", "Requests per second", "reqps", ['sum by (model) (model:inferstack_requests:rate5m{environment="prod"})']],
      ["timeseries", "Average latency", "s", ['max by (model) (model:inferstack_request_latency_seconds:mean5m{environment="prod"})']],
      ["timeseries", "Error ratio", "percentunit", ['max by (model) (model:inferstack_error_ratio:rate5m{environment="prod"})']],
      ["timeseries", "Queue time", "s", ['max by (model) (model:inferstack_queue_latency_seconds:mean5m{environment="prod"})']],
      ["row", "GPUs", undefined, undefined],
      ["timeseries", "GPU utilization by server pool", "percentunit", ['max by (pool) (model:inferstack_gpu_utilization:ratio{environment="prod"})']],
      ["timeseries", "GPU memory used by server pool", "percentunit", ['max by (pool) (model:inferstack_gpu_memory_used:ratio{environment="prod"})']],
      ["timeseries", "GPU utilization per GPU (DCGM)", "percent", ["max by (Hostname, gpu) (DCGM_FI_DEV_GPU_UTIL)"]],
      ["timeseries", "GPU memory used per GPU (DCGM)", "mbytes", ["max by (Hostname, gpu) (DCGM_FI_DEV_FB_USED)"]],
    ]);
  });

  it("bounds ratio panels to 0-1 and DCGM's percent panel to 0-100", () => {
    const byTitle = new Map(panels(renderOverviewDashboard(prod.environment, prod.monitoring!)).map((p) => [p.title, p.fieldConfig?.defaults]));
    expect([byTitle.get("GPU utilization by server pool")?.max, byTitle.get("GPU utilization per GPU (DCGM)")?.max]).toEqual([1, 100]);
  });

  it("has no GPU row without GPU node pools", () => {
    const dashboard = renderOverviewDashboard(prod.environment, { ...prod.monitoring!, gpuNodePools: [] });
    expect(panels(dashboard).filter((p) => p.type === "row").map((p) => p.title)).toEqual(["Models"]);
  });
});

describe("the per-model dashboards", () => {
  it("show a model's objectives as thresholds: red above its latency and error objectives", () => {
    const stats = panels(modelDashboard(prod, "resnet50")).filter((p) => p.type === "stat");
    expect(stats.map((p) => [p.title, p.fieldConfig!.defaults.unit, p.fieldConfig!.defaults.thresholds!.steps])).toEqual([
      ["Average latency", "s", [{ value: null, color: "green" }, { value: 0.04, color: "red" }]],
      ["Error ratio", "percentunit", [{ value: null, color: "green" }, { value: 0.005, color: "red" }]],
      ["Requests per second", "reqps", [{ value: null, color: "green" }]],
      ["Firing alerts", "none", [{ value: null, color: "green" }, { value: 1, color: "red" }]],
    ]);
  });

  it("compare latency with the objective: Triton compute time in µs counters, TF Serving's p95 from its µs histogram", () => {
    const latency = (name: string) => panels(modelDashboard(prod, name)).find((p) => p.title === "Latency against the objective")!.targets!;
    expect(latency("resnet50").map((t) => [t.legendFormat, t.expr])).toEqual([
      ["average", 'model:inferstack_request_latency_seconds:mean5m{environment="prod", pool="triton-a10g", model="resnet50"}'],
      [
        "compute",
        'sum(rate(nv_inference_compute_infer_duration_us{environment="prod", pool="triton-a10g", model="resnet50"}[5m])) / sum(rate(nv_inference_request_success{environment="prod", pool="triton-a10g", model="resnet50"}[5m])) / 1000000',
      ],
      ["objective", "vector(0.04)"],
    ]);
    expect(latency("ctr-ranker")[1]).toEqual({
      expr: 'histogram_quantile(0.95, sum by (le) (rate(:tensorflow:serving:request_latency_bucket{environment="prod", pool="ctr-ranker", model="ctr-ranker"}[5m]))) / 1000000',
      legendFormat: "p95",
      refId: "B",
    });
  });

  it("show GPU panels only for models on GPU pools", () => {
    const rows = (platform: ResolvedPlatform, name: string) => panels(modelDashboard(platform, name)).filter((p) => p.type === "row").map((p) => p.title);
    expect(rows(prod, "ctr-ranker")).toEqual(["Objectives", "Latency", "Traffic", "GPUs of server pool ctr-ranker"]);
    expect(rows(dev, "ctr-ranker")).toEqual(["Objectives", "Latency", "Traffic"]);
  });

  it("keep uids within Grafana's 40 characters, stable and distinct for long model names", () => {
    const long = "a".repeat(48);
    expect(dashboardUid("resnet50")).toBe("inferstack-resnet50");
    expect(dashboardUid(long).length).toBe(MAX_DASHBOARD_UID_LENGTH);
    expect(dashboardUid(long)).toBe(dashboardUid(long));
    expect(dashboardUid(long)).not.toBe(dashboardUid(`${"a".repeat(47)}b`));
  });
});

describe("packing dashboards into ConfigMaps", () => {
  const dashboard = (uid: string, bytes: number): RenderedDashboard => ({ uid, title: uid, json: "x".repeat(bytes) });

  it("fills each ConfigMap up to the byte budget, in order, and never splits a dashboard", () => {
    const dashboards = [dashboard("a", 300), dashboard("b", 300), dashboard("c", 400), dashboard("d", 1500), dashboard("e", 100)];
    expect(packDashboards(dashboards, 1000).map((s) => s.map((d) => d.uid))).toEqual([["a", "b", "c"], ["d"], ["e"]]);
  });

  it("keeps a thousand model dashboards within half of Kubernetes' object limit per ConfigMap", () => {
    const model = prod.models[0]!;
    const pool = prod.serverPools.find((p) => p.name === model.serverPool)!;
    const many = Array.from({ length: 1000 }, (_, i) => renderModelDashboard({ ...model, name: `model-${i}` }, pool, prod.environment));
    const shards = packDashboards(many);
    expect(shards.flat()).toHaveLength(1000);
    expect(Math.max(...shards.map((s) => s.reduce((sum, d) => sum + Buffer.byteLength(d.json), 0)))).toBeLessThanOrEqual(MAX_DASHBOARD_BYTES_PER_CONFIGMAP);
    expect(shards.length).toBeLessThan(20);
  });
});

describe.each([
  ["prod", prod],
  ["dev", dev],
])("the dashboards of %s", (_name, platform) => {
  it("parse as PromQL in every query", () => {
    for (const dashboard of allDashboards(platform)) {
      for (const expr of dashboardExpressions(dashboard.json)) expect({ expr, errors: promqlSyntaxErrors(expr) }).toEqual({ expr, errors: [] });
    }
  });

  it("read only recorded series that the SLO rules record", () => {
    const recorded = new Set(platform.models.flatMap((m) => renderSloRule({ model: m, pool: platform.serverPools.find((p) => p.name === m.serverPool)!, environment: platform.environment }).spec.groups.flatMap((g) => g.rules.map((r) => ("record" in r ? r.record : "")))));
    const used = allDashboards(platform).flatMap((d) => dashboardExpressions(d.json).flatMap((e) => e.match(/model:inferstack_[a-z_]+:[a-z0-9]+/g) ?? []));
    expect(used.length).toBeGreaterThan(0);
    expect([...new Set(used)].filter((name) => !recorded.has(name))).toEqual([]);
  });

  it("are delivered in ConfigMaps the Grafana sidecar loads into the inferstack folder, one data key per dashboard", () => {
    const dashboards = renderDashboards(platform.environment, platform.monitoring!, platform.models, platform.serverPools);
    const shards = packDashboards(dashboards);
    expect(shards.map((s) => s.map((d) => d.uid))).toEqual([["inferstack-overview", ...platform.models.map((m) => `inferstack-${m.name}`)]]);
    const configMap = renderDashboardConfigMap(shards[0]!, 0, platform.environment, platform.monitoring!);
    expect(configMap.metadata).toEqual({
      namespace: "monitoring",
      labels: {
        "app.kubernetes.io/name": "grafana",
        "app.kubernetes.io/instance": "inferstack-dashboards-0",
        "app.kubernetes.io/component": "dashboards",
        "app.kubernetes.io/part-of": "inferstack",
        "app.kubernetes.io/managed-by": "pulumi",
        "inferstack.io/environment": platform.environment.stack,
        grafana_dashboard: "1",
      },
      annotations: { grafana_folder: "inferstack" },
    });
    expect(Object.keys(configMap.data)).toEqual(dashboards.map((d) => `${d.uid}.json`));
    expect(JSON.parse(configMap.data["inferstack-resnet50.json"]!).uid).toBe("inferstack-resnet50");
    expect(validateKubernetesObject({ ...configMap, metadata: { ...configMap.metadata, name: "x" } })).toEqual([]);
  });
});
