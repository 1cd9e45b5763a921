/**
 * The metric vocabulary of the observability area: what each runtime and exporter exposes (with its
 * unit), the labels inferstack adds to every serving series, and the names of the recorded series that
 * alerts and dashboards read. Units differ between sources (FACTS §7): Triton counts cumulative
 * microseconds and reports GPU utilization as a 0-1 ratio and memory in bytes; DCGM reports percent
 * and MiB; TF Serving's latency histograms are in microseconds.
 */

/** Labels the per-pool ServiceMonitors put on every serving series (see `service-monitors.ts`). */
export const SERIES_LABELS = Object.freeze({ model: "model", pool: "pool", environment: "environment" } as const);

/**
 * Triton's Prometheus metrics (core `src/metrics.cc`, FACTS §1.6). Per-model series carry `model` and
 * `version`; GPU series carry `gpu_uuid`.
 * @see https://github.com/triton-inference-server/server/blob/main/docs/user_guide/metrics.md
 */
export const TRITON_METRICS = Object.freeze({
  /** Counter of successful requests. */
  requestSuccess: "nv_inference_request_success",
  /** Counter of failed requests (label `reason`). */
  requestFailure: "nv_inference_request_failure",
  /** Cumulative end-to-end request time, µs. */
  requestDurationUs: "nv_inference_request_duration_us",
  /** Cumulative time requests waited in the scheduler queue, µs. */
  queueDurationUs: "nv_inference_queue_duration_us",
  /** Cumulative compute (inference) time, µs. */
  computeInferDurationUs: "nv_inference_compute_infer_duration_us",
  /** Requests waiting, per model (gauge). */
  pendingRequests: "nv_inference_pending_request_count",
  /** GPU utilization as a ratio 0.0-1.0 (gauge). */
  gpuUtilizationRatio: "nv_gpu_utilization",
  /** GPU memory used, bytes (gauge). */
  gpuMemoryUsedBytes: "nv_gpu_memory_used_bytes",
  /** GPU memory total, bytes (gauge). */
  gpuMemoryTotalBytes: "nv_gpu_memory_total_bytes",
});

/**
 * TF Serving's Prometheus metrics: TF monitoring names with `/` replaced by `:` (FACTS §2); the
 * histograms are in microseconds.
 * @see https://github.com/grafana/jsonnet-libs/blob/master/tensorflow-mixin/prometheus_rules_out/prometheus_alerts.yaml
 */
export const TFSERVING_METRICS = Object.freeze({
  /** Counter of requests, labels `model_name` and `status` ("OK" on success). */
  requestCount: ":tensorflow:serving:request_count",
  /** Histogram of request latency, µs (`_bucket`, `_sum`, `_count`). */
  requestLatencyUs: ":tensorflow:serving:request_latency",
  /** Histogram of time a task waited in the batching queue, µs; per thread pool, no model label. */
  batchQueuingLatencyUs: ":tensorflow:serving:batching_session:queuing_latency",
  /** The label TF Serving names models with; the ServiceMonitor copies it into `model`. */
  modelLabel: "model_name",
  /** Value of `status` for a successful request. */
  okStatus: "OK",
});

/**
 * DCGM exporter gauges (FACTS §4.3). With the exporter's Kubernetes pod mapping, series of a GPU in
 * use carry the `namespace` and `pod` of the pod holding it.
 */
export const DCGM_METRICS = Object.freeze({
  /** GPU utilization, percent 0-100. */
  gpuUtilizationPercent: "DCGM_FI_DEV_GPU_UTIL",
  /** Framebuffer memory used, MiB. */
  framebufferUsedMiB: "DCGM_FI_DEV_FB_USED",
  /** Framebuffer memory free, MiB. */
  framebufferFreeMiB: "DCGM_FI_DEV_FB_FREE",
});

/**
 * kube-state-metrics series used to tie pods to server pools. `kube_pod_labels` carries the pod label
 * `inferstack.io/server-pool` as `label_inferstack_io_server_pool` once it is allow-listed (see
 * `kube-prometheus-stack.ts`).
 */
export const KUBE_STATE_METRICS = Object.freeze({
  podLabels: "kube_pod_labels",
  podReady: "kube_pod_status_ready",
  serverPoolLabel: "label_inferstack_io_server_pool",
});

/** Recorded series of the per-model SLO rules; every one carries `environment`, `pool` and `model`. */
export const RECORDS = Object.freeze({
  /** Requests per second (successes and failures). */
  requests: "model:inferstack_requests:rate5m",
  /** Failed requests per second (0 when there are none). */
  errors: "model:inferstack_errors:rate5m",
  /** Failed share of requests, 0-1; absent without traffic. */
  errorRatio: "model:inferstack_error_ratio:rate5m",
  /** Average request latency, seconds; absent without traffic. */
  latencySeconds: "model:inferstack_request_latency_seconds:mean5m",
  /** Average time a request waited in the runtime's queue, seconds. */
  queueSeconds: "model:inferstack_queue_latency_seconds:mean5m",
  /** Average GPU utilization of the model's server pool, 0-1. */
  gpuUtilization: "model:inferstack_gpu_utilization:ratio",
  /** Highest GPU memory use of the model's server pool, 0-1. */
  gpuMemoryUsed: "model:inferstack_gpu_memory_used:ratio",
  /** Per pod: average queue wait in µs, which prometheus-adapter serves as `AUTOSCALING_METRIC`. */
  podQueueMicroseconds: "pod:inferstack_queue_latency_microseconds:rate2m",
});

/** Microseconds in a second: Triton's and TF Serving's latency units. */
export const MICROSECONDS_PER_SECOND = 1_000_000;

/** A PromQL label matcher list `{a="x", b="y"}` from label pairs, in the given order. */
export function selector(labels: Readonly<Record<string, string>>, extra: readonly string[] = []): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${value}"`);
  return `{${[...pairs, ...extra].join(", ")}}`;
}
