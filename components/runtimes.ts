import { type Runtime } from "./spec/model";

/** Network facts of a serving runtime that several areas rely on (Services, probes, scraping, discovery). */
export interface RuntimeFacts {
  /** Container and Service port of the HTTP/REST API. */
  readonly httpPort: number;
  /** Container and Service port of the gRPC API. */
  readonly grpcPort: number;
  /** Port that serves Prometheus metrics. */
  readonly metricsPort: number;
  /** Path of the Prometheus metrics. */
  readonly metricsPath: string;
}

/**
 * Ports and paths of each runtime.
 * Triton: `--http-port`/`--grpc-port`/`--metrics-port` defaults 8000/8001/8002, metrics at `/metrics`.
 * TF Serving: the image serves gRPC on 8500 and REST on 8501; Prometheus metrics are served on the REST
 * port at the path set in the monitoring config (default `/monitoring/prometheus/metrics`).
 * @see https://github.com/triton-inference-server/server/blob/main/docs/user_guide/metrics.md
 * @see https://github.com/tensorflow/serving/blob/master/tensorflow_serving/g3doc/serving_config.md
 */
export const RUNTIME_FACTS: Readonly<Record<Runtime, RuntimeFacts>> = Object.freeze({
  triton: Object.freeze({ httpPort: 8000, grpcPort: 8001, metricsPort: 8002, metricsPath: "/metrics" }),
  tfserving: Object.freeze({ httpPort: 8501, grpcPort: 8500, metricsPort: 8501, metricsPath: "/monitoring/prometheus/metrics" }),
});

/**
 * The custom Pods metric that serving autoscalers target: average time a request waits in the
 * runtime's queue, in microseconds, per pod. The observability area serves it through
 * prometheus-adapter (Triton: rate of `nv_inference_queue_duration_us` over rate of
 * `nv_inference_request_success`; TF Serving: its batching queue latency).
 */
export const AUTOSCALING_METRIC = "inferstack_queue_latency_microseconds";
