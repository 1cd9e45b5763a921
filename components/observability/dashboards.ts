import { standardLabels } from "../labels";
import { type ResolvedEnvironment, type ResolvedModel, type ResolvedMonitoring, type ResolvedServerPool } from "../resolve/types";
import { dashboardUid, OVERVIEW_DASHBOARD_UID } from "./dashboard-names";
import { ALERT_DEFAULTS } from "./defaults";
import { common, dashboard as sdk, prometheus, stat as statPanel, timeseries as timeseriesPanel, type Dashboard } from "./grafana-sdk";
import { DASHBOARD_FOLDER_ANNOTATION, DASHBOARD_LABEL, DASHBOARD_LABEL_VALUE } from "./kube-prometheus-stack";
import { DCGM_METRICS, MICROSECONDS_PER_SECOND, RECORDS, selector, TFSERVING_METRICS, TRITON_METRICS } from "./metrics";
import { promNumber } from "./rules";

/** The Prometheus data source kube-prometheus-stack provisions in Grafana (uid `prometheus`). */
const DATASOURCE = { type: "prometheus", uid: "prometheus" };

/** Grafana folder of inferstack's dashboards. */
export const DASHBOARD_FOLDER = "inferstack";

/** A dashboard built with the Grafana foundation SDK, serialized. */
export interface RenderedDashboard {
  readonly uid: string;
  readonly title: string;
  /** The model it shows, for the per-model dashboards. */
  readonly model?: string;
  /** Dashboard JSON as Grafana provisions it. */
  readonly json: string;
}

interface Query {
  readonly expr: string;
  readonly legend: string;
}

const q = (expr: string, legend: string): Query => ({ expr, legend });

function timeseries(title: string, description: string, unit: string, queries: readonly Query[], range?: { min: number; max: number }) {
  const panel = new timeseriesPanel.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom).calcs([]))
    .span(12)
    .height(8);
  if (range) panel.min(range.min).max(range.max);
  queries.forEach((query, index) => panel.withTarget(target(query, index)));
  return panel;
}

function stat(title: string, unit: string, query: Query, redFrom?: number) {
  const steps = [{ value: null, color: "green" }, ...(redFrom === undefined ? [] : [{ value: redFrom, color: "red" }])];
  return new statPanel.PanelBuilder()
    .title(title)
    .datasource(DATASOURCE)
    .unit(unit)
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.Area)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false))
    .thresholds(new sdk.ThresholdsConfigBuilder().mode(sdk.ThresholdsMode.Absolute).steps(steps))
    .span(6)
    .height(4)
    .withTarget(target(query, 0));
}

function target(query: Query, index: number) {
  return new prometheus.DataqueryBuilder().expr(query.expr).legendFormat(query.legend).refId(String.fromCharCode(65 + index));
}

function base(uid: string, title: string, tags: readonly string[]) {
  return new sdk.DashboardBuilder(title).uid(uid).tags([...tags]).refresh("1m").time({ from: "now-6h", to: "now" }).timezone("utc").readonly();
}

function serialize(built: Dashboard, model?: string): RenderedDashboard {
  return { uid: built.uid!, title: built.title!, ...(model === undefined ? {} : { model }), json: `${JSON.stringify(built)}\n` };
}

/**
 * The platform overview: request rate, average latency, error ratio and queue time per model, GPU
 * utilization and memory per server pool (from the SLO records, as 0-1 ratios) and per GPU (DCGM's
 * own percent and MiB), and the number of firing model alerts.
 */
export function renderOverviewDashboard(environment: ResolvedEnvironment, monitoring: ResolvedMonitoring): RenderedDashboard {
  const env = selector({ environment: environment.stack });
  const builder = base(OVERVIEW_DASHBOARD_UID, `inferstack / ${environment.stack} / overview`, ["inferstack", environment.stack])
    .withRow(new sdk.RowBuilder("Models"))
    .withPanel(stat("Firing model alerts", "none", q(`count(ALERTS${selector({ alertstate: "firing", environment: environment.stack }, ['model!=""'])}) or vector(0)`, "alerts"), 1))
    .withPanel(timeseries("Requests per second", "Successful and failed requests, per model.", "reqps", [q(`sum by (model) (${RECORDS.requests}${env})`, "{{model}}")]))
    .withPanel(timeseries("Average latency", "Average request latency per model.", "s", [q(`max by (model) (${RECORDS.latencySeconds}${env})`, "{{model}}")]))
    .withPanel(timeseries("Error ratio", "Share of failed requests per model.", "percentunit", [q(`max by (model) (${RECORDS.errorRatio}${env})`, "{{model}}")]))
    .withPanel(timeseries("Queue time", "Average time requests wait in the runtime's queue, per model.", "s", [q(`max by (model) (${RECORDS.queueSeconds}${env})`, "{{model}}")]));
  if (monitoring.gpuNodePools.length > 0) {
    builder
      .withRow(new sdk.RowBuilder("GPUs"))
      .withPanel(timeseries("GPU utilization by server pool", "Average utilization of each pool's GPUs (0-1).", "percentunit", [q(`max by (pool) (${RECORDS.gpuUtilization}${env})`, "{{pool}}")], { min: 0, max: 1 }))
      .withPanel(timeseries("GPU memory used by server pool", "Highest memory use among each pool's GPUs (0-1).", "percentunit", [q(`max by (pool) (${RECORDS.gpuMemoryUsed}${env})`, "{{pool}}")], { min: 0, max: 1 }))
      .withPanel(timeseries("GPU utilization per GPU (DCGM)", "DCGM exporter, percent.", "percent", [q(`max by (Hostname, gpu) (${DCGM_METRICS.gpuUtilizationPercent})`, "{{Hostname}} GPU {{gpu}}")], { min: 0, max: 100 }))
      .withPanel(timeseries("GPU memory used per GPU (DCGM)", "DCGM exporter, MiB.", "mbytes", [q(`max by (Hostname, gpu) (${DCGM_METRICS.framebufferUsedMiB})`, "{{Hostname}} GPU {{gpu}}")]));
  }
  return serialize(builder.build());
}

/**
 * One model's dashboard: its objectives as stat panels (red above the objective), latency, queue time,
 * traffic and error ratio against their thresholds, and the GPU use of its server pool.
 */
export function renderModelDashboard(model: ResolvedModel, pool: ResolvedServerPool, environment: ResolvedEnvironment): RenderedDashboard {
  const labels = { environment: environment.stack, pool: pool.name, model: model.name };
  const sel = selector(labels);
  const objectiveSeconds = model.slo.latencyMs / 1000;
  const us = MICROSECONDS_PER_SECOND;
  const detail =
    model.runtime === "triton"
      ? q(
          `sum(rate(${TRITON_METRICS.computeInferDurationUs}${sel}[5m])) / sum(rate(${TRITON_METRICS.requestSuccess}${sel}[5m])) / ${us}`,
          "compute",
        )
      : q(`histogram_quantile(0.95, sum by (le) (rate(${TFSERVING_METRICS.requestLatencyUs}_bucket${sel}[5m]))) / ${us}`, "p95");
  const builder = base(dashboardUid(model.name), `inferstack / ${environment.stack} / ${model.name}`, ["inferstack", environment.stack, model.runtime])
    .description(`${model.description ?? model.name}: ${model.runtime} on server pool ${pool.name}; objectives ${model.slo.latencyMs} ms average latency, ${promNumber(model.slo.errorRatio * 100)}% errors.`)
    .withRow(new sdk.RowBuilder("Objectives"))
    .withPanel(stat("Average latency", "s", q(`${RECORDS.latencySeconds}${sel}`, "average"), objectiveSeconds))
    .withPanel(stat("Error ratio", "percentunit", q(`${RECORDS.errorRatio}${sel}`, "errors"), model.slo.errorRatio))
    .withPanel(stat("Requests per second", "reqps", q(`${RECORDS.requests}${sel}`, "requests")))
    .withPanel(stat("Firing alerts", "none", q(`count(ALERTS${selector({ alertstate: "firing", ...labels })}) or vector(0)`, "alerts"), 1))
    .withRow(new sdk.RowBuilder("Latency"))
    .withPanel(
      timeseries("Latency against the objective", "Average request latency, with compute time (Triton) or the 95th percentile (TF Serving).", "s", [
        q(`${RECORDS.latencySeconds}${sel}`, "average"),
        detail,
        q(`vector(${promNumber(objectiveSeconds)})`, "objective"),
      ]),
    )
    .withPanel(
      timeseries("Queue time", "Average wait in the runtime's queue; the alert fires above the threshold.", "s", [
        q(`${RECORDS.queueSeconds}${sel}`, "queue"),
        q(`vector(${promNumber(objectiveSeconds * ALERT_DEFAULTS.queueShareOfObjective)})`, "alert threshold"),
      ]),
    )
    .withRow(new sdk.RowBuilder("Traffic"))
    .withPanel(timeseries("Requests and errors per second", "All requests and failed ones.", "reqps", [q(`${RECORDS.requests}${sel}`, "requests"), q(`${RECORDS.errors}${sel}`, "errors")]))
    .withPanel(
      timeseries("Error ratio against the objective", "Share of failed requests.", "percentunit", [
        q(`${RECORDS.errorRatio}${sel}`, "errors"),
        q(`vector(${promNumber(model.slo.errorRatio)})`, "objective"),
      ]),
    );
  if (pool.gpu) {
    builder
      .withRow(new sdk.RowBuilder(`GPUs of server pool ${pool.name}`))
      .withPanel(
        timeseries("GPU utilization", "Average over the pool's GPUs (0-1).", "percentunit", [
          q(`${RECORDS.gpuUtilization}${sel}`, "utilization"),
          q(`vector(${promNumber(ALERT_DEFAULTS.gpuSaturationRatio)})`, "saturation threshold"),
        ], { min: 0, max: 1 }),
      )
      .withPanel(
        timeseries("GPU memory used", "Highest among the pool's GPUs (0-1).", "percentunit", [
          q(`${RECORDS.gpuMemoryUsed}${sel}`, "memory used"),
          q(`vector(${promNumber(ALERT_DEFAULTS.gpuMemoryUsedRatio)})`, "headroom threshold"),
        ], { min: 0, max: 1 }),
      );
  }
  return serialize(builder.build(), model.name);
}

/**
 * Most dashboard bytes one ConfigMap carries: half of Kubernetes' 1 MiB object limit, leaving room for
 * metadata and for dashboards to grow.
 */
export const MAX_DASHBOARD_BYTES_PER_CONFIGMAP = 512 * 1024;

/**
 * Packs dashboards, in the given order, into as few ConfigMaps as fit {@link MAX_DASHBOARD_BYTES_PER_CONFIGMAP}.
 * One ConfigMap per dashboard would cost a Kubernetes object per model: measured at 1,000 models, the
 * plan's peak memory doubled (1.75 GB instead of 0.86 GB) for no gain to Grafana, whose sidecar loads
 * every data key of every labelled ConfigMap alike.
 */
export function packDashboards(dashboards: readonly RenderedDashboard[], maxBytes: number = MAX_DASHBOARD_BYTES_PER_CONFIGMAP): RenderedDashboard[][] {
  const shards: RenderedDashboard[][] = [];
  let bytes = 0;
  for (const dashboard of dashboards) {
    const size = Buffer.byteLength(dashboard.json);
    const current = shards[shards.length - 1];
    if (current === undefined || (current.length > 0 && bytes + size > maxBytes)) {
      shards.push([dashboard]);
      bytes = size;
    } else {
      current.push(dashboard);
      bytes += size;
    }
  }
  return shards;
}

/**
 * The `index`-th ConfigMap of dashboards (one data key `<uid>.json` each) that the Grafana sidecar
 * loads into the inferstack folder.
 */
export function renderDashboardConfigMap(dashboards: readonly RenderedDashboard[], index: number, environment: ResolvedEnvironment, monitoring: ResolvedMonitoring) {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      namespace: monitoring.namespace,
      labels: {
        ...standardLabels({ name: "grafana", instance: `inferstack-dashboards-${index}`, component: "dashboards", environment: environment.stack }),
        [DASHBOARD_LABEL]: DASHBOARD_LABEL_VALUE,
      },
      annotations: { [DASHBOARD_FOLDER_ANNOTATION]: DASHBOARD_FOLDER },
    },
    data: Object.fromEntries(dashboards.map((d) => [`${d.uid}.json`, d.json])),
  } as const;
}

/** Every dashboard of an environment: the overview first, then one per model in model order. */
export function renderDashboards(environment: ResolvedEnvironment, monitoring: ResolvedMonitoring, models: readonly ResolvedModel[], serverPools: readonly ResolvedServerPool[]): RenderedDashboard[] {
  return [
    renderOverviewDashboard(environment, monitoring),
    ...models.map((model) => renderModelDashboard(model, serverPools.find((p) => p.name === model.serverPool)!, environment)),
  ];
}

/** Every PromQL expression of a dashboard's panels (rows included), in panel order. */
export function dashboardExpressions(json: string): string[] {
  const expressions: string[] = [];
  const walk = (panels: readonly { targets?: readonly { expr?: string }[]; panels?: readonly unknown[] }[]) => {
    for (const panel of panels) {
      for (const t of panel.targets ?? []) if (typeof t.expr === "string") expressions.push(t.expr);
      walk((panel.panels ?? []) as typeof panels);
    }
  };
  walk((JSON.parse(json) as { panels?: [] }).panels ?? []);
  return expressions;
}
