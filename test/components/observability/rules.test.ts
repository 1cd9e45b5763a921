import * as path from "node:path";
import { renderAutoscalingRule, autoscalingRecords } from "../../../components/observability/autoscaling";
import { renderAutoscalingRuleTests, renderSloRuleTests } from "../../../components/observability/rule-tests";
import { isAlert, ruleFile, type PrometheusRuleObject } from "../../../components/observability/rules";
import { renderSloRule, sloAlerts, sloAnnotations, sloRecords, SLO_ALERTS, type SloRuleInput } from "../../../components/observability/slo-rules";
import { loadPlatform, type ResolvedPlatform } from "../../../components/resolve";
import { validateKubernetesObject } from "../../../components/validate/kubernetes";
import { promqlSyntaxErrors } from "../../../components/validate/promql";
import { inputFrom, shippedPlatform } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL } from "../../helpers/samples";
import { describeWithTool, writeTempFiles } from "../../helpers/tools";

const prod = shippedPlatform("prod");
const dev = shippedPlatform("dev");
/** Two Triton models sharing one server pool on the T4 pool. */
const shared = loadPlatform(
  inputFrom("dev", DEV_STACK, {
    "catalog/a.yaml": ONNX_MODEL.replace("  dev:\n    nodePool: t4\n", "  dev:\n    nodePool: t4\n    serverPool: vision\n"),
    "catalog/b.yaml": ONNX_MODEL.replace("name: resnet50", "name: mobilenet").replace("vision/resnet50", "vision/mobilenet").replace("  dev:\n    nodePool: t4\n", "  dev:\n    nodePool: t4\n    serverPool: vision\n"),
  }),
);

function inputOf(platform: ResolvedPlatform, model: string): SloRuleInput {
  const m = platform.models.find((x) => x.name === model)!;
  return { model: m, pool: platform.serverPools.find((p) => p.name === m.serverPool)!, environment: platform.environment };
}

const ALL_INPUTS: [string, SloRuleInput][] = [
  ...prod.models.map((m): [string, SloRuleInput] => [`prod ${m.name}`, inputOf(prod, m.name)]),
  ...dev.models.map((m): [string, SloRuleInput] => [`dev ${m.name}`, inputOf(dev, m.name)]),
  ...shared.models.map((m): [string, SloRuleInput] => [`shared pool ${m.name}`, inputOf(shared, m.name)]),
];
/** The series selector of a prod model: `resnet50` and `bert-encoder` share pool `triton-a10g` there. */
const SEL = (model: string) => `{environment="prod", pool="${model === "ctr-ranker" ? model : "triton-a10g"}", model="${model}"}`;

describe("per-model SLO rules", () => {
  it("are a PrometheusRule named <model>-slo in the serving namespace with the slo-rules labels", () => {
    const rule = renderSloRule(inputOf(prod, "resnet50"));
    expect(rule.metadata).toEqual({
      name: "resnet50-slo",
      namespace: "inferstack",
      labels: {
        "app.kubernetes.io/name": "inferstack",
        "app.kubernetes.io/instance": "resnet50-slo",
        "app.kubernetes.io/component": "slo-rules",
        "app.kubernetes.io/part-of": "inferstack",
        "app.kubernetes.io/managed-by": "pulumi",
        "inferstack.io/model": "resnet50",
        "inferstack.io/environment": "prod",
      },
    });
    expect(rule.spec.groups.map((g) => g.name)).toEqual(["inferstack.resnet50.records", "inferstack.resnet50.alerts"]);
  });

  it("records Triton latency and queue time as cumulative microseconds over successful requests, and its GPU use as 0-1 ratios", () => {
    const s = SEL("resnet50");
    expect(sloRecords(inputOf(prod, "resnet50"))).toEqual([
      { record: "model:inferstack_requests:rate5m", expr: `sum by (environment, pool, model) (rate({__name__=~"nv_inference_request_success|nv_inference_request_failure", environment="prod", pool="triton-a10g", model="resnet50"}[5m]))` },
      { record: "model:inferstack_errors:rate5m", expr: `sum by (environment, pool, model) (rate(nv_inference_request_failure${s}[5m])) or (0 * model:inferstack_requests:rate5m${s})` },
      { record: "model:inferstack_error_ratio:rate5m", expr: `model:inferstack_errors:rate5m${s} / (model:inferstack_requests:rate5m${s} > 0)` },
      {
        record: "model:inferstack_request_latency_seconds:mean5m",
        expr: `sum by (environment, pool, model) (rate(nv_inference_request_duration_us${s}[5m])) / (sum by (environment, pool, model) (rate(nv_inference_request_success${s}[5m])) > 0) / 1000000`,
      },
      {
        record: "model:inferstack_queue_latency_seconds:mean5m",
        expr: `sum by (environment, pool, model) (rate(nv_inference_queue_duration_us${s}[5m])) / (sum by (environment, pool, model) (rate(nv_inference_request_success${s}[5m])) > 0) / 1000000`,
      },
      { record: "model:inferstack_gpu_utilization:ratio", expr: 'avg by (environment, pool) (nv_gpu_utilization{environment="prod", pool="triton-a10g"})', labels: { model: "resnet50" } },
      {
        record: "model:inferstack_gpu_memory_used:ratio",
        expr: 'max by (environment, pool) (nv_gpu_memory_used_bytes{environment="prod", pool="triton-a10g"} / nv_gpu_memory_total_bytes{environment="prod", pool="triton-a10g"})',
        labels: { model: "resnet50" },
      },
    ]);
  });

  it("records TF Serving latency from its microsecond histogram and its GPU use from DCGM percent and MiB", () => {
    const s = SEL("ctr-ranker");
    const pods = 'on (namespace, pod) group_left () max by (namespace, pod) (kube_pod_labels{namespace="inferstack", label_inferstack_io_server_pool="ctr-ranker"})';
    const labels = { environment: "prod", pool: "ctr-ranker", model: "ctr-ranker" };
    expect(sloRecords(inputOf(prod, "ctr-ranker"))).toEqual([
      { record: "model:inferstack_requests:rate5m", expr: `sum by (environment, pool, model) (rate(:tensorflow:serving:request_count${s}[5m]))` },
      {
        record: "model:inferstack_errors:rate5m",
        expr: `sum by (environment, pool, model) (rate(:tensorflow:serving:request_count{environment="prod", pool="ctr-ranker", model="ctr-ranker", status!="OK"}[5m])) or (0 * model:inferstack_requests:rate5m${s})`,
      },
      { record: "model:inferstack_error_ratio:rate5m", expr: `model:inferstack_errors:rate5m${s} / (model:inferstack_requests:rate5m${s} > 0)` },
      {
        record: "model:inferstack_request_latency_seconds:mean5m",
        expr: `sum by (environment, pool, model) (rate(:tensorflow:serving:request_latency_sum${s}[5m])) / (sum by (environment, pool, model) (rate(:tensorflow:serving:request_latency_count${s}[5m])) > 0) / 1000000`,
      },
      {
        record: "model:inferstack_queue_latency_seconds:mean5m",
        expr: 'sum by (environment, pool) (rate(:tensorflow:serving:batching_session:queuing_latency_sum{environment="prod", pool="ctr-ranker"}[5m])) / (sum by (environment, pool) (rate(:tensorflow:serving:batching_session:queuing_latency_count{environment="prod", pool="ctr-ranker"}[5m])) > 0) / 1000000',
        labels: { model: "ctr-ranker" },
      },
      { record: "model:inferstack_gpu_utilization:ratio", expr: `avg(DCGM_FI_DEV_GPU_UTIL{namespace="inferstack"} / 100 * ${pods})`, labels },
      {
        record: "model:inferstack_gpu_memory_used:ratio",
        expr: `max(DCGM_FI_DEV_FB_USED{namespace="inferstack"} / (DCGM_FI_DEV_FB_USED{namespace="inferstack"} + DCGM_FI_DEV_FB_FREE{namespace="inferstack"}) * ${pods})`,
        labels,
      },
    ]);
  });

  it("alerts on each objective with the model's thresholds, severities and durations", () => {
    const s = SEL("resnet50");
    const ready =
      'sum(kube_pod_status_ready{namespace="inferstack", condition="true"} * on (namespace, pod) group_left () max by (namespace, pod) (kube_pod_labels{namespace="inferstack", label_inferstack_io_server_pool="triton-a10g"}))';
    expect(sloAlerts(inputOf(prod, "resnet50")).map((a) => [a.alert, a.expr, a.for, a.labels])).toEqual(
      [
        [SLO_ALERTS.latency, `model:inferstack_request_latency_seconds:mean5m${s} > 0.04`, "10m", "critical"],
        [SLO_ALERTS.errorRatio, `model:inferstack_error_ratio:rate5m${s} > 0.005`, "5m", "critical"],
        [SLO_ALERTS.queue, `model:inferstack_queue_latency_seconds:mean5m${s} > 0.02`, "10m", "warning"],
        [SLO_ALERTS.notReady, `(${ready} or vector(0)) < 1`, "5m", "critical"],
        [SLO_ALERTS.absent, `absent(nv_inference_request_success${s})`, "10m", "warning"],
        [SLO_ALERTS.gpuMemory, `model:inferstack_gpu_memory_used:ratio${s} > 0.9`, "15m", "warning"],
        [SLO_ALERTS.gpuSaturation, `model:inferstack_gpu_utilization:ratio${s} > 0.95`, "30m", "warning"],
      ].map(([alert, expr, duration, severity]) => [alert, expr, duration, { severity, environment: "prod", pool: "triton-a10g", model: "resnet50" }]),
    );
  });

  it("watches a TF Serving pool's scrape target for absence (its model series appear only with traffic)", () => {
    expect(sloAlerts(inputOf(prod, "ctr-ranker")).find((a) => a.alert === SLO_ALERTS.absent)!.expr).toBe('absent(up{environment="prod", pool="ctr-ranker"})');
  });

  it("writes summaries and runbooks that name the model, its pool and the objective", () => {
    expect(sloAnnotations(inputOf(prod, "bert-encoder"), SLO_ALERTS.latency)).toEqual({
      summary: "bert-encoder: average latency above its 25 ms objective",
      description: "The average request latency of model bert-encoder (server pool triton-a10g, triton, environment prod) has stayed above 25 ms for 10 minutes.",
      runbook:
        "Check whether queue time (model:inferstack_queue_latency_seconds:mean5m) or compute time grew. Queue time: scale the pool (raise scaling.maxReplicas of bert-encoder) or check its autoscaler. Compute time: look for a new model version or GPU contention on pool triton-a10g. Dashboard: /d/inferstack-bert-encoder.",
    });
    for (const [, input] of ALL_INPUTS) {
      for (const a of sloAlerts(input)) expect({ alert: a.alert, names: a.annotations.summary!.startsWith(`${input.model.name}: `) && a.annotations.runbook!.includes(input.model.name) }).toEqual({ alert: a.alert, names: true });
    }
  });

  it("has no GPU rules for a model on a CPU pool", () => {
    const input = inputOf(dev, "ctr-ranker");
    expect(input.pool.gpu).toBe(false);
    expect(sloAlerts(input).map((a) => a.alert)).toEqual([SLO_ALERTS.latency, SLO_ALERTS.errorRatio, SLO_ALERTS.queue, SLO_ALERTS.notReady, SLO_ALERTS.absent]);
    expect(sloRecords(input).map((r) => r.record).filter((r) => r.includes("gpu"))).toEqual([]);
  });

  it("keeps recorded series of models sharing a pool apart by their model label", () => {
    const records = shared.models.flatMap((m) => sloRecords(inputOf(shared, m.name)).filter((r) => r.record.includes("gpu")));
    expect(records.map((r) => [r.record, r.labels])).toEqual([
      ["model:inferstack_gpu_utilization:ratio", { model: "mobilenet" }],
      ["model:inferstack_gpu_memory_used:ratio", { model: "mobilenet" }],
      ["model:inferstack_gpu_utilization:ratio", { model: "resnet50" }],
      ["model:inferstack_gpu_memory_used:ratio", { model: "resnet50" }],
    ]);
  });

  it.each(ALL_INPUTS)("for %s validate against the prometheus-operator schema and parse as PromQL", (_name, input) => {
    const rule = renderSloRule(input);
    expect(validateKubernetesObject(rule as unknown as Record<string, unknown>)).toEqual([]);
    for (const group of rule.spec.groups) for (const r of group.rules) expect({ expr: r.expr, errors: promqlSyntaxErrors(r.expr) }).toEqual({ expr: r.expr, errors: [] });
  });
});

describe("the autoscaling record", () => {
  it("records the per-pod queue wait of both runtimes in microseconds, 0 for idle pods", () => {
    const m = '{namespace="inferstack", environment="prod"}';
    const q = ":tensorflow:serving:batching_session:queuing_latency";
    expect(autoscalingRecords(prod.environment)).toEqual([
      {
        record: "pod:inferstack_queue_latency_microseconds:rate2m",
        expr: `(sum by (namespace, pod) (rate(nv_inference_queue_duration_us${m}[2m])) / (sum by (namespace, pod) (rate(nv_inference_request_success${m}[2m])) > 0)) or (0 * sum by (namespace, pod) (rate(nv_inference_request_success${m}[2m])))`,
        labels: { runtime: "triton" },
      },
      {
        record: "pod:inferstack_queue_latency_microseconds:rate2m",
        expr: `(sum by (namespace, pod) (rate(${q}_sum${m}[2m])) / (sum by (namespace, pod) (rate(${q}_count${m}[2m])) > 0)) or (0 * sum by (namespace, pod) (rate(${q}_count${m}[2m])))`,
        labels: { runtime: "tfserving" },
      },
    ]);
    const rule = renderAutoscalingRule(prod.environment, prod.monitoring!);
    expect([rule.metadata.name, rule.metadata.namespace]).toEqual(["inferstack-autoscaling", "monitoring"]);
    expect(validateKubernetesObject(rule as unknown as Record<string, unknown>)).toEqual([]);
  });
});

/** Rule files and their promtool tests, as `inferstack plan` lays them out. */
function ruleFiles(rules: readonly PrometheusRuleObject[], mutate: (rule: PrometheusRuleObject) => PrometheusRuleObject = (r) => r): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const rule of rules) files[`rules/${rule.metadata.name}.yaml`] = ruleFile(mutate(rule));
  return files;
}

describeWithTool("promtool", "SLO and autoscaling rules under promtool", (promtool) => {
  const platforms: [string, ResolvedPlatform][] = [
    ["prod", prod],
    ["dev", dev],
    ["shared", shared],
  ];

  it.each(platforms)("pass `promtool check rules` and every alert's unit test for the %s platform", (_name, platform) => {
    const rules = [...platform.models.map((m) => renderSloRule(inputOf(platform, m.name))), renderAutoscalingRule(platform.environment, platform.monitoring!)];
    const files = ruleFiles(rules);
    for (const m of platform.models) files[`tests/${m.name}.test.yaml`] = renderSloRuleTests(inputOf(platform, m.name), `../rules/${m.name}-slo.yaml`);
    files["tests/autoscaling.test.yaml"] = renderAutoscalingRuleTests(platform.environment, "../rules/inferstack-autoscaling.yaml");
    const dir = writeTempFiles(files);

    const check = promtool(["check", "rules", ...rules.map((r) => `rules/${r.metadata.name}.yaml`)], dir);
    expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: "" });
    const test = promtool(["test", "rules", ...Object.keys(files).filter((f) => f.startsWith("tests/"))], dir);
    expect({ code: test.code, output: test.stdout + test.stderr }).toEqual({ code: 0, output: expect.not.stringContaining("FAILED") });
  });

  it("has a unit test that fires above and one that stays silent below every alert's threshold", () => {
    const input = inputOf(prod, "ctr-ranker");
    const tests = renderSloRuleTests(input, "../rules/ctr-ranker-slo.yaml").tests;
    expect(tests.map((t) => [t.alert_rule_test![0]!.alertname, t.alert_rule_test![0]!.exp_alerts.length])).toEqual(
      sloAlerts(input).flatMap((a) => [
        [a.alert, 1],
        [a.alert, 0],
      ]),
    );
  });

  it.each([
    ["a DCGM utilization read as a ratio (percent not divided by 100)", "ctr-ranker", (e: string) => e.replace(" / 100 ", " "), "InferenceGpuSaturated stays silent below"],
    ["Triton latency read as milliseconds", "resnet50", (e: string) => e.replace(/\/ 1000000$/, "/ 1000"), "InferenceLatencyAboveObjective stays silent below"],
    ["an error ratio that ignores failures", "bert-encoder", (e: string) => e.replace("nv_inference_request_failure{", "nv_inference_request_failed{"), "InferenceErrorRatioAboveObjective fires above"],
  ])("catch %s", (_name, model, breakExpr, failingTest) => {
    const input = inputOf(prod, model);
    const broken = (rule: PrometheusRuleObject): PrometheusRuleObject => ({
      ...rule,
      spec: { groups: rule.spec.groups.map((g) => ({ ...g, rules: g.rules.map((r) => (isAlert(r) ? r : { ...r, expr: breakExpr(r.expr) })) })) },
    });
    const dir = writeTempFiles({
      ...ruleFiles([renderSloRule(input)], broken),
      "tests/model.test.yaml": renderSloRuleTests(input, `../rules/${model}-slo.yaml`),
    });
    const result = promtool(["test", "rules", path.join("tests", "model.test.yaml")], dir);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain(`name: ${model}: ${failingTest}`);
  });
});
