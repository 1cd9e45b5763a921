import { type Runtime } from "../spec/model";
import { type Tier } from "../spec/environment";
import { type ResolvedResources } from "./types";

/**
 * Defaults of the serving fields of a model and of its server pool, applied by
 * `components/resolve/serving.ts` and `components/resolve/server-pools.ts`.
 */
export const SERVING_DEFAULTS = Object.freeze({
  /**
   * Load budget per model: Triton's own on-prem chart gives slow loads a startup probe of 10 s × 30
   * (FACTS §1.5, `triton-inference-server/server` deploy charts).
   */
  loadSeconds: 300,
  /** Longest request: Triton's `--exit-timeout-secs` default (FACTS §1.4). */
  requestSeconds: 30,
  /** Host resources one model adds to its pool. */
  modelResources: Object.freeze({ cpu: 1, memoryGiB: 2, ephemeralStorageGiB: 4 }) satisfies ResolvedResources,
  /**
   * The runtime process's own share, added once per pool. Triton's includes the 1 GiB memory-backed
   * `/dev/shm` (counted against the pod's memory limit).
   */
  runtimeResources: Object.freeze({
    triton: Object.freeze({ cpu: 1, memoryGiB: 3, ephemeralStorageGiB: 2 }),
    tfserving: Object.freeze({ cpu: 1, memoryGiB: 1, ephemeralStorageGiB: 1 }),
  }) satisfies Record<Runtime, ResolvedResources>,
  warmup: Object.freeze({ batchSize: 1, count: 1, data: "zero" as "zero" | "random" }),
  /** ONNX Runtime's TensorRT execution provider default workspace, 1 GB (FACTS §1.3). */
  tensorrtWorkspaceMiB: 1024,
  cudaGraphs: false,
  maxQueueDelayMicroseconds: 0,
  /** Triton's own queue policy defaults (FACTS §1.3): unbounded, no timeout, reject. */
  queuePolicy: Object.freeze({ maxQueueSize: 0, timeoutMicroseconds: 0, timeoutAction: "reject" as "reject" | "delay", allowTimeoutOverride: false }),
  /**
   * Share of the tightest latency SLO of a pool that requests may spend queued, on average, before the
   * autoscaler adds a replica.
   */
  queueTargetRatio: 0.25,
});

/** Serving defaults that differ by environment tier. */
export interface ServingTierDefaults {
  /** Seconds a stopping pod keeps serving so endpoints (kube-proxy, Consul) drop it first. */
  readonly preStopSeconds: number;
  /** Seconds the autoscaler waits before removing replicas. */
  readonly scaleDownStabilizationSeconds: number;
  /** Old ReplicaSets kept for `kubectl rollout undo`. */
  readonly revisionHistoryLimit: number;
}

/**
 * dev stops fast, scales down quickly and keeps little history; staging and prod wait longer for
 * endpoint propagation (RULES K-REL-14: 5–15 s), hold replicas five minutes (the Kubernetes default
 * scale-down window) and keep more rollbacks (K-REL-18).
 */
export const SERVING_TIER_DEFAULTS: Readonly<Record<Tier, ServingTierDefaults>> = Object.freeze({
  dev: Object.freeze({ preStopSeconds: 5, scaleDownStabilizationSeconds: 60, revisionHistoryLimit: 2 }),
  staging: Object.freeze({ preStopSeconds: 15, scaleDownStabilizationSeconds: 300, revisionHistoryLimit: 5 }),
  prod: Object.freeze({ preStopSeconds: 15, scaleDownStabilizationSeconds: 300, revisionHistoryLimit: 10 }),
} satisfies Record<Tier, ServingTierDefaults>);
