import { z } from "../zod";
import { SYSTEM_NODE_POOL, NODE_POOL_LABEL } from "../compute/scheduling";
import { type ResolvedEnvironment, type ResolvedMonitoring } from "../resolve/types";
import { AUTOSCALING_METRIC } from "../runtimes";
import { KUBE_PROMETHEUS_STACK_SERVICES } from "./charts";
import { RECORDS, selector, TFSERVING_METRICS, TRITON_METRICS } from "./metrics";
import { prometheusRule, type PrometheusRuleObject, type RecordingRule } from "./rules";

/** Name of the PrometheusRule that records the autoscaling metric. */
export const AUTOSCALING_RULE_NAME = "inferstack-autoscaling";

/**
 * The per-pod queue latency that serving autoscalers target, recorded for both runtimes under one
 * name with `namespace` and `pod` labels: Triton's cumulative queue µs over its successful requests,
 * TF Serving's batching-queue histogram (µs), each labelled with its `runtime` (two rules may not
 * record the same series). An idle pod records 0 (not nothing), so the HPA sees
 * every pod. A TF Serving pool without batching has no queue and no value: its HPA falls back to CPU.
 */
export function autoscalingRecords(environment: ResolvedEnvironment): RecordingRule[] {
  const matchers = selector({ namespace: environment.namespace, environment: environment.stack });
  const byPod = "sum by (namespace, pod)";
  const window = (metric: string) => `rate(${metric}${matchers}[2m])`;
  const perPod = (waitUs: string, count: string) =>
    `(${byPod} (${window(waitUs)}) / (${byPod} (${window(count)}) > 0)) or (0 * ${byPod} (${window(count)}))`;
  const q = TFSERVING_METRICS.batchQueuingLatencyUs;
  return [
    { record: RECORDS.podQueueMicroseconds, expr: perPod(TRITON_METRICS.queueDurationUs, TRITON_METRICS.requestSuccess), labels: { runtime: "triton" } },
    { record: RECORDS.podQueueMicroseconds, expr: perPod(`${q}_sum`, `${q}_count`), labels: { runtime: "tfserving" } },
  ];
}

/** The PrometheusRule holding {@link autoscalingRecords}, next to prometheus-adapter. */
export function renderAutoscalingRule(environment: ResolvedEnvironment, monitoring: ResolvedMonitoring): PrometheusRuleObject {
  return prometheusRule(
    { name: AUTOSCALING_RULE_NAME, namespace: monitoring.namespace, component: "autoscaling-rules", environment: environment.stack },
    [{ name: "inferstack.autoscaling", rules: autoscalingRecords(environment) }],
  );
}

/**
 * One prometheus-adapter discovery rule: which series, which Kubernetes resources their labels name,
 * the metric name in the custom metrics API, and the query (a Go template with `<<` `>>` delimiters).
 * @see https://github.com/kubernetes-sigs/prometheus-adapter/blob/master/docs/config.md
 */
export const AdapterRule = z.strictObject({
  seriesQuery: z.string().min(1),
  resources: z.strictObject({ overrides: z.record(z.string(), z.strictObject({ resource: z.string() })) }),
  name: z.strictObject({ matches: z.string(), as: z.string() }),
  metricsQuery: z.string().min(1),
});
export type AdapterRule = z.infer<typeof AdapterRule>;

const resources = z.strictObject({
  requests: z.strictObject({ cpu: z.string(), memory: z.string() }),
  limits: z.strictObject({ memory: z.string() }),
});

/** The prometheus-adapter chart values inferstack sets (chart `prometheus-adapter`, pinned in `charts.ts`). */
export const PrometheusAdapterValues = z.strictObject({
  replicas: z.int().min(1),
  prometheus: z.strictObject({ url: z.string().regex(/^http:\/\/[a-z0-9.-]+$/), port: z.int(), path: z.literal("") }),
  rules: z.strictObject({ default: z.literal(false), custom: z.array(AdapterRule).min(1), external: z.array(AdapterRule).length(0) }),
  metricsRelistInterval: z.string(),
  nodeSelector: z.record(z.string(), z.string()),
  resources,
  podDisruptionBudget: z.strictObject({ enabled: z.boolean(), maxUnavailable: z.int().min(1) }),
});
export type PrometheusAdapterValues = z.infer<typeof PrometheusAdapterValues>;

/**
 * The adapter rule serving `AUTOSCALING_METRIC` as a Pods metric of the custom metrics API, from the
 * recorded per-pod series.
 */
export function autoscalingAdapterRule(): AdapterRule {
  const record = RECORDS.podQueueMicroseconds;
  return {
    seriesQuery: `${record}{namespace!="", pod!=""}`,
    resources: { overrides: { namespace: { resource: "namespace" }, pod: { resource: "pod" } } },
    name: { matches: `^${record}$`, as: AUTOSCALING_METRIC },
    metricsQuery: "max by (<<.GroupBy>>) (<<.Series>>{<<.LabelMatchers>>})",
  };
}

/**
 * prometheus-adapter values: only inferstack's rule (the default rules would expose every cAdvisor
 * series, and no resource rules, so metrics-server keeps serving CPU for the HPAs' fallback), on the
 * system nodes, with a disruption budget when replicated.
 */
export function renderPrometheusAdapterValues(monitoring: ResolvedMonitoring): PrometheusAdapterValues {
  const service = KUBE_PROMETHEUS_STACK_SERVICES.prometheus;
  return PrometheusAdapterValues.parse({
    replicas: monitoring.adapterReplicas,
    prometheus: { url: `http://${service.name}.${monitoring.namespace}.svc`, port: service.port, path: "" },
    rules: { default: false, custom: [autoscalingAdapterRule()], external: [] },
    metricsRelistInterval: "1m",
    nodeSelector: { [NODE_POOL_LABEL]: SYSTEM_NODE_POOL },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    podDisruptionBudget: { enabled: monitoring.adapterReplicas > 1, maxUnavailable: 1 },
  });
}

/**
 * The adapter's query for one request, as the adapter expands its template (for checking the PromQL:
 * the template itself is not PromQL).
 */
export function expandAdapterQuery(rule: AdapterRule, example: { series: string; labelMatchers: string; groupBy: string }): string {
  return rule.metricsQuery
    .replaceAll("<<.Series>>", example.series)
    .replaceAll("<<.LabelMatchers>>", example.labelMatchers)
    .replaceAll("<<.GroupBy>>", example.groupBy);
}
