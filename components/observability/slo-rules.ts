import { type ResolvedEnvironment, type ResolvedModel, type ResolvedServerPool } from "../resolve/types";
import { type Severity } from "../spec/observability";
import { ALERT_DEFAULTS } from "./defaults";
import { dashboardPath } from "./dashboard-names";
import {
  DCGM_METRICS,
  KUBE_STATE_METRICS,
  MICROSECONDS_PER_SECOND,
  RECORDS,
  selector,
  TFSERVING_METRICS,
  TRITON_METRICS,
} from "./metrics";
import { minutes, prometheusRule, promNumber, type AlertingRule, type PrometheusRuleObject, type RecordingRule, type RuleGroup } from "./rules";

/** Everything one model's SLO rules are generated from. */
export interface SloRuleInput {
  readonly model: ResolvedModel;
  readonly pool: ResolvedServerPool;
  readonly environment: ResolvedEnvironment;
}

/** Names of the per-model alerts; each carries `model`, `pool`, `environment` and `severity`. */
export const SLO_ALERTS = Object.freeze({
  latency: "InferenceLatencyAboveObjective",
  errorRatio: "InferenceErrorRatioAboveObjective",
  queue: "InferenceQueueTimeRising",
  notReady: "InferenceModelNotReady",
  absent: "InferenceModelAbsent",
  gpuMemory: "InferenceGpuMemoryHeadroomLow",
  gpuSaturation: "InferenceGpuSaturated",
});

/** The contract name of a model's PrometheusRule. */
export function sloRuleName(model: string): string {
  return `${model}-slo`;
}

/**
 * A model's SLO rules as a PrometheusRule `<model>-slo` in the serving namespace: one group of
 * recording rules (request rate, error ratio, average latency, queue time, GPU use) and one group of
 * alerts on them (latency and error ratio above objective, queue time rising, model not ready or
 * absent, GPU memory headroom low, GPU saturated). GPU rules exist only on GPU pools.
 */
export function renderSloRule(input: SloRuleInput): PrometheusRuleObject {
  const { model, environment } = input;
  const groups: RuleGroup[] = [
    { name: `inferstack.${model.name}.records`, rules: sloRecords(input) },
    { name: `inferstack.${model.name}.alerts`, rules: sloAlerts(input) },
  ];
  return prometheusRule(
    { name: sloRuleName(model.name), namespace: environment.namespace, component: "slo-rules", environment: environment.stack, model: model.name },
    groups,
  );
}

/** Label values that identify a model's series, in selector order. */
export function modelLabels(input: SloRuleInput): { environment: string; pool: string; model: string } {
  return { environment: input.environment.stack, pool: input.pool.name, model: input.model.name };
}

const BY_MODEL = "sum by (environment, pool, model)";
const perSecond = (metric: string, matchers: string) => `rate(${metric}${matchers}[5m])`;

/** Recording rules, in evaluation order (later ones read earlier ones). */
export function sloRecords(input: SloRuleInput): RecordingRule[] {
  const labels = modelLabels(input);
  const model = selector(labels);
  const pool = selector({ environment: labels.environment, pool: labels.pool });
  const us = MICROSECONDS_PER_SECOND;
  const rules: RecordingRule[] = [];
  const requestsRecord = `${RECORDS.requests}${model}`;
  const noErrors = `(0 * ${requestsRecord})`;

  if (input.model.runtime === "triton") {
    const t = TRITON_METRICS;
    const successes = `${BY_MODEL} (${perSecond(t.requestSuccess, model)})`;
    rules.push(
      { record: RECORDS.requests, expr: `${BY_MODEL} (rate({__name__=~"${t.requestSuccess}|${t.requestFailure}", ${model.slice(1, -1)}}[5m]))` },
      { record: RECORDS.errors, expr: `${BY_MODEL} (${perSecond(t.requestFailure, model)}) or ${noErrors}` },
      { record: RECORDS.errorRatio, expr: `${RECORDS.errors}${model} / (${requestsRecord} > 0)` },
      // Triton has no request-latency histogram: cumulative µs over successful requests (FACTS §1.6).
      { record: RECORDS.latencySeconds, expr: `${BY_MODEL} (${perSecond(t.requestDurationUs, model)}) / (${successes} > 0) / ${us}` },
      { record: RECORDS.queueSeconds, expr: `${BY_MODEL} (${perSecond(t.queueDurationUs, model)}) / (${successes} > 0) / ${us}` },
    );
    if (input.pool.gpu) {
      rules.push(
        // nv_gpu_utilization is already a 0-1 ratio; memory is in bytes on both sides.
        { record: RECORDS.gpuUtilization, expr: `avg by (environment, pool) (${t.gpuUtilizationRatio}${pool})`, labels: { model: labels.model } },
        {
          record: RECORDS.gpuMemoryUsed,
          expr: `max by (environment, pool) (${t.gpuMemoryUsedBytes}${pool} / ${t.gpuMemoryTotalBytes}${pool})`,
          labels: { model: labels.model },
        },
      );
    }
  } else {
    const t = TFSERVING_METRICS;
    const ok = selector(labels, [`status!="${t.okStatus}"`]);
    rules.push(
      { record: RECORDS.requests, expr: `${BY_MODEL} (${perSecond(t.requestCount, model)})` },
      { record: RECORDS.errors, expr: `${BY_MODEL} (${perSecond(t.requestCount, ok)}) or ${noErrors}` },
      { record: RECORDS.errorRatio, expr: `${RECORDS.errors}${model} / (${requestsRecord} > 0)` },
      {
        record: RECORDS.latencySeconds,
        expr: `${BY_MODEL} (${perSecond(`${t.requestLatencyUs}_sum`, model)}) / (${BY_MODEL} (${perSecond(`${t.requestLatencyUs}_count`, model)}) > 0) / ${us}`,
      },
      // The batching queue is per server, not per model: every model of the pool shares it.
      {
        record: RECORDS.queueSeconds,
        expr: `sum by (environment, pool) (${perSecond(`${t.batchQueuingLatencyUs}_sum`, pool)}) / (sum by (environment, pool) (${perSecond(`${t.batchQueuingLatencyUs}_count`, pool)}) > 0) / ${us}`,
        labels: { model: labels.model },
      },
    );
    if (input.pool.gpu) rules.push(...dcgmRecords(input));
  }
  return rules;
}

/**
 * GPU records from the DCGM exporter for runtimes without GPU metrics of their own: DCGM series of
 * the pool's pods, found through kube-state-metrics' pod labels. DCGM reports percent and MiB.
 */
function dcgmRecords(input: SloRuleInput): RecordingRule[] {
  const labels = modelLabels(input);
  const namespace = selector({ namespace: input.environment.namespace });
  const d = DCGM_METRICS;
  const k = KUBE_STATE_METRICS;
  const poolPods = `on (namespace, pod) group_left () max by (namespace, pod) (${k.podLabels}${selector({ namespace: input.environment.namespace, [k.serverPoolLabel]: labels.pool })})`;
  return [
    { record: RECORDS.gpuUtilization, expr: `avg(${d.gpuUtilizationPercent}${namespace} / 100 * ${poolPods})`, labels: { ...labels } },
    {
      record: RECORDS.gpuMemoryUsed,
      expr: `max(${d.framebufferUsedMiB}${namespace} / (${d.framebufferUsedMiB}${namespace} + ${d.framebufferFreeMiB}${namespace}) * ${poolPods})`,
      labels: { ...labels },
    },
  ];
}

/** The alerts, each on a recorded series or on the pool's pods. */
export function sloAlerts(input: SloRuleInput): AlertingRule[] {
  const labels = modelLabels(input);
  const model = selector(labels);
  const { slo } = input.model;
  const objectiveSeconds = slo.latencyMs / 1000;
  const queueSeconds = objectiveSeconds * ALERT_DEFAULTS.queueShareOfObjective;
  const f = ALERT_DEFAULTS.forMinutes;
  const k = KUBE_STATE_METRICS;
  const podsOfPool = `${k.podLabels}${selector({ namespace: input.environment.namespace, [k.serverPoolLabel]: labels.pool })}`;
  const readyPods = `sum(${k.podReady}${selector({ namespace: input.environment.namespace, condition: "true" })} * on (namespace, pod) group_left () max by (namespace, pod) (${podsOfPool}))`;
  const absentExpr =
    input.model.runtime === "triton"
      ? `absent(${TRITON_METRICS.requestSuccess}${model})`
      : `absent(up${selector({ environment: labels.environment, pool: labels.pool })})`;

  const alerts: AlertingRule[] = [
    alert(input, SLO_ALERTS.latency, "critical", `${RECORDS.latencySeconds}${model} > ${promNumber(objectiveSeconds)}`, f.latency),
    alert(input, SLO_ALERTS.errorRatio, "critical", `${RECORDS.errorRatio}${model} > ${promNumber(slo.errorRatio)}`, f.errorRatio),
    alert(input, SLO_ALERTS.queue, "warning", `${RECORDS.queueSeconds}${model} > ${promNumber(queueSeconds)}`, f.queue),
    alert(input, SLO_ALERTS.notReady, "critical", `(${readyPods} or vector(0)) < 1`, f.notReady),
    alert(input, SLO_ALERTS.absent, "warning", absentExpr, f.absent),
  ];
  if (input.pool.gpu) {
    alerts.push(
      alert(input, SLO_ALERTS.gpuMemory, "warning", `${RECORDS.gpuMemoryUsed}${model} > ${promNumber(ALERT_DEFAULTS.gpuMemoryUsedRatio)}`, f.gpuMemory),
      alert(input, SLO_ALERTS.gpuSaturation, "warning", `${RECORDS.gpuUtilization}${model} > ${promNumber(ALERT_DEFAULTS.gpuSaturationRatio)}`, f.gpuSaturation),
    );
  }
  return alerts;
}

function alert(input: SloRuleInput, name: string, severity: Severity, expr: string, forMinutes: number): AlertingRule {
  return { alert: name, expr, for: minutes(forMinutes), labels: { severity, ...modelLabels(input) }, annotations: sloAnnotations(input, name) };
}

/**
 * Summary, description and runbook of an alert: static text that names the model, its pool and
 * environment and the objective, so a page is actionable without opening Prometheus.
 */
export function sloAnnotations(input: SloRuleInput, alertName: string): Record<string, string> {
  const { model, pool, environment } = input;
  const m = model.name;
  const where = `model ${m} (server pool ${pool.name}, ${model.runtime}, environment ${environment.stack})`;
  const objective = `${model.slo.latencyMs} ms`;
  const errorObjective = `${promNumber(model.slo.errorRatio * 100)}%`;
  const dashboard = `Dashboard: ${dashboardPath(m)}.`;
  const queue = `${promNumber(model.slo.latencyMs * ALERT_DEFAULTS.queueShareOfObjective)} ms`;
  const text: Record<string, [string, string, string]> = {
    [SLO_ALERTS.latency]: [
      `${m}: average latency above its ${objective} objective`,
      `The average request latency of ${where} has stayed above ${objective} for ${ALERT_DEFAULTS.forMinutes.latency} minutes.`,
      `Check whether queue time (${RECORDS.queueSeconds}) or compute time grew. Queue time: scale the pool (raise scaling.maxReplicas of ${m}) or check its autoscaler. Compute time: look for a new model version or GPU contention on pool ${pool.name}.`,
    ],
    [SLO_ALERTS.errorRatio]: [
      `${m}: error ratio above its ${errorObjective} objective`,
      `More than ${errorObjective} of the requests to ${where} have failed for ${ALERT_DEFAULTS.forMinutes.errorRatio} minutes.`,
      `Read the logs of the ${pool.name} pods for failing requests of ${m}; if a version rollout started the errors, roll back the version of ${m}.`,
    ],
    [SLO_ALERTS.queue]: [
      `${m}: queue time above half its latency objective`,
      `Requests to ${where} wait more than ${queue} in the runtime's queue on average.`,
      `The pool ${pool.name} is short of capacity: check that its autoscaler is not at scaling.maxReplicas of ${m} and that new replicas find GPU nodes.`,
    ],
    [SLO_ALERTS.notReady]: [
      `${m}: no ready server pod`,
      `No pod of server pool ${pool.name} has been ready for ${ALERT_DEFAULTS.forMinutes.notReady} minutes, so requests to ${where} fail.`,
      `Describe the pods labelled inferstack.io/server-pool=${pool.name} in namespace ${environment.namespace}: a model that fails to load (artifact, format, GPU memory) keeps readiness off.`,
    ],
    [SLO_ALERTS.absent]: [
      `${m}: no metrics`,
      `Prometheus has had no metrics of ${where} for ${ALERT_DEFAULTS.forMinutes.absent} minutes, so its other alerts cannot fire.`,
      `Check the Service ${pool.name}-metrics in namespace ${environment.namespace} and its ServiceMonitor target in Prometheus; for Triton, check that ${m} is loaded.`,
    ],
    [SLO_ALERTS.gpuMemory]: [
      `${m}: GPU memory headroom low on pool ${pool.name}`,
      `The GPUs of server pool ${pool.name} (serving ${m}) have used more than ${promNumber(ALERT_DEFAULTS.gpuMemoryUsedRatio * 100)}% of their memory for ${ALERT_DEFAULTS.forMinutes.gpuMemory} minutes.`,
      `Compare gpu.memoryGiB of the pool's models with actual use; lower instancesPerServer of ${m}, split the pool or choose larger GPUs before a load fails with out-of-memory.`,
    ],
    [SLO_ALERTS.gpuSaturation]: [
      `${m}: GPUs of pool ${pool.name} saturated`,
      `The GPUs of server pool ${pool.name} (serving ${m}) have been more than ${promNumber(ALERT_DEFAULTS.gpuSaturationRatio * 100)}% busy for ${ALERT_DEFAULTS.forMinutes.gpuSaturation} minutes.`,
      `Latency will follow: raise scaling.maxReplicas of ${m} or the node pool's maxNodes, or enable batching to do more per GPU cycle.`,
    ],
  };
  const [summary, description, runbook] = text[alertName]!;
  return { summary, description, runbook: `${runbook} ${dashboard}` };
}
