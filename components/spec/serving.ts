import { z } from "../zod";
import { nonNegativeInt, positiveInt } from "./common";

/**
 * Serving fields of a model (catalog entry): version policy, warmup, queue policy, timeouts and the
 * server resources the model adds to its pool. Referenced from `ModelSpec` (`./model.ts`).
 */

/**
 * Which versions the runtime serves. Set exactly one key. `environments.<stack>.versions`, when given,
 * overrides the policy with exactly those versions.
 * @default every version of `artifact.versions` (a `specific` policy listing them)
 */
export const VersionPolicySpec = z.strictObject({
  /** Serve the N highest versions of `artifact.versions` (Triton `latest`, TF Serving `latest`). */
  latest: positiveInt.optional(),
  /** Serve exactly these versions; each must be one of `artifact.versions`. */
  specific: z.array(positiveInt).optional(),
});
export type VersionPolicySpec = z.infer<typeof VersionPolicySpec>;

/**
 * Triton's default queue policy of a dynamically batched model (`default_queue_policy`).
 * @see https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_configuration.md
 */
export const QueuePolicySpec = z.strictObject({
  /** Most requests that may wait in the model's queue; more are rejected at once. 0 = unbounded. @default 0 */
  maxQueueSize: nonNegativeInt.optional(),
  /** How long a request may wait in the queue, in microseconds. 0 = no limit. @default 0 */
  timeoutMicroseconds: nonNegativeInt.optional(),
  /** What happens to a request that waited longer: rejected, or delayed behind the others. @default "reject" */
  timeoutAction: z.enum(["reject", "delay"]).optional(),
  /** Let a request ask for a shorter timeout of its own. @default false */
  allowTimeoutOverride: z.boolean().optional(),
});
export type QueuePolicySpec = z.infer<typeof QueuePolicySpec>;

/**
 * Warmup requests Triton sends to a model before it reports the model ready (`model_warmup`), so the
 * first client request does not pay for lazy initialization. Uses the model's `inputs`.
 */
export const WarmupSpec = z.strictObject({
  /** Batch size of each warmup request; must be 1 for a model without batching. @default 1 */
  batchSize: positiveInt.optional(),
  /** How many times the warmup request is sent. @default 1 */
  count: positiveInt.optional(),
  /** Input values: all zeros, or random. @default "zero" */
  data: z.enum(["zero", "random"]).optional(),
});
export type WarmupSpec = z.infer<typeof WarmupSpec>;

/** Host resources the model adds to its server pool's pods (the runtime's own share is added once per pool). */
export const ServerResourcesSpec = z.strictObject({
  /** CPU cores the model needs for request handling and pre/post-processing. @default 1 */
  cpu: z.number().positive().optional(),
  /** Host memory in GiB (the pod's memory request and limit include it). @default 2 */
  memoryGiB: z.number().positive().optional(),
  /** Local disk in GiB for the downloaded artifacts of every served version. @default 4 */
  ephemeralStorageGiB: z.number().positive().optional(),
});
export type ServerResourcesSpec = z.infer<typeof ServerResourcesSpec>;

/** Time limits that size the pool's probes and its shutdown. */
export const TimeoutsSpec = z.strictObject({
  /**
   * Longest time downloading, loading and warming up the model may take, in seconds. Sizes the startup
   * probe: a pod that is not ready by then is restarted. @default 300
   */
  loadSeconds: positiveInt.optional(),
  /**
   * Longest time one request may take, in seconds. Sizes the graceful shutdown (Triton
   * `--exit-timeout-secs`, the termination grace period) and TF Serving's REST timeout. @default 30
   */
  requestSeconds: positiveInt.optional(),
});
export type TimeoutsSpec = z.infer<typeof TimeoutsSpec>;

/** Where Triton runs the model's instances. */
export const INSTANCE_KINDS = ["gpu", "cpu"] as const;
export type InstanceKind = (typeof INSTANCE_KINDS)[number];

/** TF Serving version labels: label name → version. */
export const VersionLabelsSpec = z.record(
  z.string().regex(/^[a-z][a-z0-9_-]*$/, {
    error: (issue) => `a version label must start with a lowercase letter and hold only lowercase letters, digits, "_" and "-"; got ${JSON.stringify(issue.input)}. Rename it.`,
  }),
  positiveInt,
);
