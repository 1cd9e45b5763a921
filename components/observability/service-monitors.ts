import { LABELS, standardLabels } from "../labels";
import { type ResolvedEnvironment, type ResolvedMonitoring, type ResolvedServerPool } from "../resolve/types";
import { RUNTIME_FACTS } from "../runtimes";
import { OBSERVABILITY_CHARTS } from "./charts";
import { SERIES_LABELS, TFSERVING_METRICS } from "./metrics";

/** A prometheus-operator relabeling (`RelabelConfig`). */
export interface Relabeling {
  readonly action: "replace";
  readonly sourceLabels?: readonly string[];
  readonly regex?: string;
  readonly targetLabel: string;
  readonly replacement: string;
}

/** A `monitoring.coreos.com/v1` ServiceMonitor with the fields inferstack sets. */
export interface ServiceMonitorObject {
  readonly apiVersion: "monitoring.coreos.com/v1";
  readonly kind: "ServiceMonitor";
  readonly metadata: { readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: {
    readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
    readonly namespaceSelector: { readonly matchNames: readonly string[] };
    readonly endpoints: readonly {
      readonly port: string;
      readonly path: string;
      readonly scheme: "http";
      readonly interval: string;
      readonly honorLabels: boolean;
      readonly relabelings?: readonly Relabeling[];
      readonly metricRelabelings?: readonly Relabeling[];
    }[];
  };
}

/** Name of the per-pool metrics Service (serving contract): `<pool>-metrics`, port `metrics`. */
export function metricsServiceName(pool: string): string {
  return `${pool}-metrics`;
}

/** Port name of the per-pool metrics Service (serving contract). */
export const METRICS_PORT_NAME = "metrics";

/**
 * The ServiceMonitor of one server pool: it selects the pool's metrics Service (component `metrics`,
 * label `inferstack.io/server-pool`) and scrapes each pod once at the runtime's metrics path (Triton
 * `:8002/metrics`, TF Serving's Prometheus path on its REST port). Every series gets `pool` and
 * `environment`; TF Serving's `model_name` is copied into `model` (Triton already names it `model`), and
 * in a single-model pool series without a model (GPU, process) get that model. `model` is set by metric
 * relabeling, not as a target label, so it never overrides Triton's own per-model label.
 */
export function renderPoolServiceMonitor(pool: ResolvedServerPool, environment: ResolvedEnvironment, monitoring: ResolvedMonitoring): ServiceMonitorObject {
  const facts = RUNTIME_FACTS[pool.runtime];
  const single = pool.models.length === 1 ? pool.models[0] : undefined;
  const metricRelabelings: Relabeling[] = [];
  if (pool.runtime === "tfserving") {
    metricRelabelings.push({ action: "replace", sourceLabels: [TFSERVING_METRICS.modelLabel], regex: "(.+)", targetLabel: SERIES_LABELS.model, replacement: "$1" });
  }
  if (single !== undefined) {
    metricRelabelings.push({ action: "replace", sourceLabels: [SERIES_LABELS.model], regex: "^$", targetLabel: SERIES_LABELS.model, replacement: single });
  }
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: {
      namespace: environment.namespace,
      labels: {
        ...standardLabels({
          name: pool.runtime,
          instance: pool.name,
          component: "metrics-monitor",
          environment: environment.stack,
          ...(single === undefined ? {} : { model: single }),
        }),
        [LABELS.serverPool]: pool.name,
      },
    },
    spec: {
      selector: { matchLabels: { [LABELS.component]: "metrics", [LABELS.serverPool]: pool.name } },
      namespaceSelector: { matchNames: [environment.namespace] },
      endpoints: [
        {
          port: METRICS_PORT_NAME,
          path: facts.metricsPath,
          scheme: "http",
          interval: `${monitoring.scrapeIntervalSeconds}s`,
          honorLabels: false,
          relabelings: [
            { action: "replace", targetLabel: SERIES_LABELS.pool, replacement: pool.name },
            { action: "replace", targetLabel: SERIES_LABELS.environment, replacement: environment.stack },
          ],
          ...(metricRelabelings.length > 0 ? { metricRelabelings } : {}),
        },
      ],
    },
  };
}

/**
 * The ServiceMonitor of the DCGM exporter (its chart's own is off, so this one is a typed resource
 * policies see). `honorLabels` keeps the exporter's `namespace`/`pod` labels, which name the pod
 * holding each GPU, instead of renaming them to `exported_*` under the exporter's own.
 */
export function renderDcgmServiceMonitor(environment: ResolvedEnvironment, monitoring: ResolvedMonitoring): ServiceMonitorObject {
  const release = OBSERVABILITY_CHARTS.dcgmExporter.releaseName;
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: {
      namespace: monitoring.namespace,
      labels: standardLabels({ name: "dcgm-exporter", instance: release, component: "gpu-metrics", environment: environment.stack }),
    },
    spec: {
      selector: { matchLabels: { [LABELS.name]: "dcgm-exporter", [LABELS.instance]: release } },
      namespaceSelector: { matchNames: [monitoring.namespace] },
      endpoints: [{ port: "metrics", path: "/metrics", scheme: "http", interval: `${monitoring.scrapeIntervalSeconds}s`, honorLabels: true }],
    },
  };
}
