import { ALERT_DEFAULTS } from "./defaults";
import { type ResolvedEnvironment } from "../resolve/types";
import { DCGM_METRICS, KUBE_STATE_METRICS, MICROSECONDS_PER_SECOND, RECORDS, TFSERVING_METRICS, TRITON_METRICS } from "./metrics";
import { modelLabels, SLO_ALERTS, sloAlerts, type SloRuleInput } from "./slo-rules";

/** One input series of a promtool test: a series in PromQL notation and its values in expanding notation. */
export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

/** An expected alert: its labels (without `alertname`) and annotations. */
export interface ExpectedAlert {
  readonly exp_labels: Readonly<Record<string, string>>;
  readonly exp_annotations: Readonly<Record<string, string>>;
}

/** One promtool unit test: synthetic series and what alerts or expressions must give at a time. */
export interface PromtoolTest {
  readonly name: string;
  readonly interval: string;
  readonly input_series: readonly InputSeries[];
  readonly alert_rule_test?: readonly { readonly eval_time: string; readonly alertname: string; readonly exp_alerts: readonly ExpectedAlert[] }[];
  readonly promql_expr_test?: readonly {
    readonly expr: string;
    readonly eval_time: string;
    readonly exp_samples: readonly { readonly labels: string; readonly value: number }[];
  }[];
}

/** A promtool test file (`promtool test rules <file>`). */
export interface PromtoolTestFile {
  /** Rule files, relative to the test file. */
  readonly rule_files: readonly string[];
  readonly evaluation_interval: string;
  readonly tests: readonly PromtoolTest[];
}

/** Requests per minute in the synthetic series (10 per second). */
const PER_MINUTE = 600;

/**
 * promtool unit tests for every alert of a model's SLO rules: for each alert, one test with synthetic
 * series above the threshold that expects the alert (with its exact labels and annotations), and one
 * below it that expects silence. The series use each source's own unit (Triton µs counters and 0-1
 * GPU ratios, TF Serving µs histograms, DCGM percent and MiB), so a unit mistake in a rule fails here.
 * @param ruleFile path of the model's rule file, relative to the test file
 */
export function renderSloRuleTests(input: SloRuleInput, ruleFile: string): PromtoolTestFile {
  const tests: PromtoolTest[] = [];
  for (const rule of sloAlerts(input)) {
    const scenario = SCENARIOS[rule.alert]!;
    const evalMinutes = Number.parseInt(rule.for, 10) * (rule.for.endsWith("h") ? 60 : 1) + 15;
    const length = evalMinutes + 5;
    const expected: ExpectedAlert = { exp_labels: rule.labels, exp_annotations: rule.annotations };
    for (const fires of [true, false]) {
      tests.push({
        name: `${input.model.name}: ${rule.alert} ${fires ? "fires above" : "stays silent below"} its threshold`,
        interval: "1m",
        input_series: scenario(input, fires, length),
        alert_rule_test: [{ eval_time: `${evalMinutes}m`, alertname: rule.alert, exp_alerts: fires ? [expected] : [] }],
      });
    }
  }
  return { rule_files: [ruleFile], evaluation_interval: "1m", tests };
}

type Scenario = (input: SloRuleInput, fires: boolean, length: number) => InputSeries[];

/** A series in PromQL notation. */
function series(name: string, labels: Readonly<Record<string, string>>): string {
  return `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(", ")}}`;
}

const counter = (perMinute: number, length: number) => `0+${perMinute}x${length}`;
const gauge = (value: number, length: number) => `${value}x${length}`;

/** Labels the serving pool's scrape target gives a series: the pool, environment and pod. */
function targetLabels(input: SloRuleInput): Record<string, string> {
  const { environment, pool } = modelLabels(input);
  return { environment, pool, namespace: input.environment.namespace, pod: `${pool}-0`, job: `${pool}-metrics` };
}

/** Labels of a per-model runtime series (Triton's own `model` label, or TF Serving's after relabeling). */
function modelSeriesLabels(input: SloRuleInput): Record<string, string> {
  return { ...targetLabels(input), model: input.model.name };
}

/** Synthetic traffic with an average latency of `seconds`. */
function traffic(input: SloRuleInput, seconds: number, length: number): InputSeries[] {
  const labels = modelSeriesLabels(input);
  const microseconds = PER_MINUTE * seconds * MICROSECONDS_PER_SECOND;
  if (input.model.runtime === "triton") {
    return [
      { series: series(TRITON_METRICS.requestSuccess, { ...labels, version: "1" }), values: counter(PER_MINUTE, length) },
      { series: series(TRITON_METRICS.requestDurationUs, { ...labels, version: "1" }), values: counter(round(microseconds), length) },
    ];
  }
  const t = TFSERVING_METRICS;
  return [
    { series: series(t.requestCount, { ...labels, status: t.okStatus }), values: counter(PER_MINUTE, length) },
    { series: series(`${t.requestLatencyUs}_sum`, { ...labels, API: "predict" }), values: counter(round(microseconds), length) },
    { series: series(`${t.requestLatencyUs}_count`, { ...labels, API: "predict" }), values: counter(PER_MINUTE, length) },
  ];
}

/** Requests of which a share `ratio` fail. */
function failures(input: SloRuleInput, ratio: number, length: number): InputSeries[] {
  const labels = modelSeriesLabels(input);
  const total = 100 * PER_MINUTE;
  const failed = round(total * ratio);
  const ok = total - failed;
  if (input.model.runtime === "triton") {
    return [
      { series: series(TRITON_METRICS.requestSuccess, { ...labels, version: "1" }), values: counter(ok, length) },
      { series: series(TRITON_METRICS.requestFailure, { ...labels, version: "1", reason: "BACKEND" }), values: counter(failed, length) },
    ];
  }
  const t = TFSERVING_METRICS;
  return [
    { series: series(t.requestCount, { ...labels, status: t.okStatus }), values: counter(ok, length) },
    { series: series(t.requestCount, { ...labels, status: "UNAVAILABLE" }), values: counter(failed, length) },
  ];
}

/** Requests that wait `seconds` in the queue on average. */
function queueing(input: SloRuleInput, seconds: number, length: number): InputSeries[] {
  const microseconds = round(PER_MINUTE * seconds * MICROSECONDS_PER_SECOND);
  if (input.model.runtime === "triton") {
    const labels = { ...modelSeriesLabels(input), version: "1" };
    return [
      { series: series(TRITON_METRICS.requestSuccess, labels), values: counter(PER_MINUTE, length) },
      { series: series(TRITON_METRICS.queueDurationUs, labels), values: counter(microseconds, length) },
    ];
  }
  const labels = { ...targetLabels(input), thread_pool_name: "batch_threads" };
  const q = TFSERVING_METRICS.batchQueuingLatencyUs;
  return [
    { series: series(`${q}_sum`, labels), values: counter(microseconds, length) },
    { series: series(`${q}_count`, labels), values: counter(PER_MINUTE, length) },
  ];
}

/** kube-state-metrics' label series of the pool's one pod. */
function poolPod(input: SloRuleInput, length: number): InputSeries {
  const labels = { namespace: input.environment.namespace, pod: `${input.pool.name}-0`, [KUBE_STATE_METRICS.serverPoolLabel]: input.pool.name };
  return { series: series(KUBE_STATE_METRICS.podLabels, labels), values: gauge(1, length) };
}

/** GPU use of the pool's GPU: `ratio` of memory used and `utilization` (0-1), in each source's unit. */
function gpu(input: SloRuleInput, memoryRatio: number, utilization: number, length: number): InputSeries[] {
  if (input.model.runtime === "triton") {
    const labels = { ...targetLabels(input), gpu_uuid: "GPU-0" };
    const totalBytes = 24_000_000_000;
    return [
      { series: series(TRITON_METRICS.gpuMemoryTotalBytes, labels), values: gauge(totalBytes, length) },
      { series: series(TRITON_METRICS.gpuMemoryUsedBytes, labels), values: gauge(round(totalBytes * memoryRatio), length) },
      { series: series(TRITON_METRICS.gpuUtilizationRatio, labels), values: gauge(utilization, length) },
    ];
  }
  // DCGM series of a GPU mapped to the pool's pod: percent and MiB.
  const labels = { namespace: input.environment.namespace, pod: `${input.pool.name}-0`, gpu: "0", UUID: "GPU-0", job: "dcgm-exporter" };
  const totalMiB = 23_028;
  const usedMiB = round(totalMiB * memoryRatio);
  return [
    poolPod(input, length),
    { series: series(DCGM_METRICS.framebufferUsedMiB, labels), values: gauge(usedMiB, length) },
    { series: series(DCGM_METRICS.framebufferFreeMiB, labels), values: gauge(totalMiB - usedMiB, length) },
    { series: series(DCGM_METRICS.gpuUtilizationPercent, labels), values: gauge(round(utilization * 100), length) },
  ];
}

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  [SLO_ALERTS.latency]: (input, fires, length) => traffic(input, (input.model.slo.latencyMs / 1000) * (fires ? 2 : 0.5), length),
  [SLO_ALERTS.errorRatio]: (input, fires, length) => {
    const objective = input.model.slo.errorRatio;
    return failures(input, fires ? (objective + 1) / 2 : objective / 2, length);
  },
  [SLO_ALERTS.queue]: (input, fires, length) =>
    queueing(input, (input.model.slo.latencyMs / 1000) * ALERT_DEFAULTS.queueShareOfObjective * (fires ? 2 : 0.5), length),
  [SLO_ALERTS.notReady]: (input, fires, length) => [
    poolPod(input, length),
    {
      series: series(KUBE_STATE_METRICS.podReady, { namespace: input.environment.namespace, pod: `${input.pool.name}-0`, condition: "true" }),
      values: gauge(fires ? 0 : 1, length),
    },
  ],
  [SLO_ALERTS.absent]: (input, fires, length) => {
    if (fires) return [{ series: series("up", { ...targetLabels(input), pool: `${input.pool.name}-other` }), values: gauge(1, length) }];
    return input.model.runtime === "triton" ? traffic(input, 0.001, length) : [{ series: series("up", targetLabels(input)), values: gauge(1, length) }];
  },
  [SLO_ALERTS.gpuMemory]: (input, fires, length) => gpu(input, fires ? 0.97 : 0.5, 0.5, length),
  // 0.5 silent and 0.99 firing read as 50% and 99% from DCGM: a rule that forgot to divide by 100 fires on both.
  [SLO_ALERTS.gpuSaturation]: (input, fires, length) => gpu(input, 0.5, fires ? 0.99 : 0.5, length),
};

/**
 * A promtool test of the autoscaling record: a busy Triton pod, an idle Triton pod and a TF Serving
 * pod must give their average queue wait in microseconds (the unit `AUTOSCALING_METRIC` promises),
 * the idle one 0.
 * @param ruleFile path of the autoscaling rule file, relative to the test file
 */
export function renderAutoscalingRuleTests(environment: ResolvedEnvironment, ruleFile: string): PromtoolTestFile {
  const target = (pod: string) => ({ namespace: environment.namespace, environment: environment.stack, pod });
  const t = TRITON_METRICS;
  const q = TFSERVING_METRICS.batchQueuingLatencyUs;
  const sample = (pod: string, runtime: string, value: number) => ({
    labels: series(RECORDS.podQueueMicroseconds, { namespace: environment.namespace, pod, runtime }),
    value,
  });
  return {
    rule_files: [ruleFile],
    evaluation_interval: "1m",
    tests: [
      {
        name: "the autoscaling metric is each pod's average queue wait in microseconds",
        interval: "1m",
        input_series: [
          { series: series(t.requestSuccess, { ...target("triton-busy"), model: "a", version: "1" }), values: counter(PER_MINUTE, 20) },
          { series: series(t.queueDurationUs, { ...target("triton-busy"), model: "a", version: "1" }), values: counter(PER_MINUTE * 2000, 20) },
          { series: series(t.requestSuccess, { ...target("triton-idle"), model: "a", version: "1" }), values: gauge(42, 20) },
          { series: series(t.queueDurationUs, { ...target("triton-idle"), model: "a", version: "1" }), values: gauge(1000, 20) },
          { series: series(`${q}_sum`, { ...target("tfserving-busy"), thread_pool_name: "batch_threads" }), values: counter(PER_MINUTE * 500, 20) },
          { series: series(`${q}_count`, { ...target("tfserving-busy"), thread_pool_name: "batch_threads" }), values: counter(PER_MINUTE, 20) },
        ],
        promql_expr_test: [
          {
            expr: RECORDS.podQueueMicroseconds,
            eval_time: "10m",
            exp_samples: [sample("triton-busy", "triton", 2000), sample("triton-idle", "triton", 0), sample("tfserving-busy", "tfserving", 500)],
          },
        ],
      },
    ],
  };
}

function round(value: number): number {
  return Math.round(value);
}
