import { z } from "../zod";
import { dnsLabel, MAX_MODEL_NAME_LENGTH, MAX_SERVER_POOL_NAME_LENGTH, nonNegativeInt, positiveInt, ScalingSpec } from "./common";
import { INSTANCE_KINDS, QueuePolicySpec, ServerResourcesSpec, TimeoutsSpec, VersionLabelsSpec, VersionPolicySpec, WarmupSpec } from "./serving";

/** Serving runtimes. */
export const RUNTIMES = ["triton", "tfserving"] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** Model artifact formats. */
export const FORMATS = ["onnx", "tensorrt_plan", "torchscript", "savedmodel", "python"] as const;
export type ModelFormat = (typeof FORMATS)[number];

/** Tensor element types, named as in Triton's `DataType` enum without the `TYPE_` prefix. */
export const DATA_TYPES = [
  "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "STRING", "BF16",
] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** Numeric precisions a model can be optimized to. */
export const PRECISIONS = ["fp32", "fp16", "int8"] as const;
export type Precision = (typeof PRECISIONS)[number];

const dim = z.int().refine((d) => d === -1 || d >= 1, {
  error: (issue) => `must be -1 (variable) or a positive size; got ${JSON.stringify(issue.input)}. Use -1 for a variable dimension.`,
});

/** A model input or output tensor. With `maxBatchSize` ≥ 1, `dims` exclude the batch dimension. */
export const TensorSpec = z.strictObject({
  name: z.string().min(1),
  dataType: z.enum(DATA_TYPES),
  dims: z.array(dim).min(1),
  /** Image layout of an input tensor. @default none */
  format: z.enum(["NHWC", "NCHW"]).optional(),
});
export type TensorSpec = z.infer<typeof TensorSpec>;

/** Where the model's repository directory lives. */
export const ArtifactSpec = z.strictObject({
  /**
   * `s3://<bucket>/<prefix>` for an explicit location, or a prefix relative to the environment's model
   * store (e.g. `vision/resnet50`). The directory holds one numeric folder per version.
   */
  uri: z
    .string()
    .regex(/^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?|[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/?)$/, {
      error: (issue) =>
        `must be "s3://<bucket>/<prefix>" or a relative prefix in the model store such as "vision/resnet50"; got ${JSON.stringify(issue.input)}. Fix the location.`,
    })
    .refine((uri) => !uri.split("/").includes(".."), {
      error: (issue) => `must not contain ".."; got ${JSON.stringify(issue.input)}. Give the prefix from the model store root.`,
    }),
  /** Version folders present in the artifact location (Triton and TF Serving use numeric versions). */
  versions: z.array(positiveInt).min(1),
});
export type ArtifactSpec = z.infer<typeof ArtifactSpec>;

/** Triton dynamic batching. @see https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_configuration.md */
export const DynamicBatchingSpec = z.strictObject({
  /** Batch sizes the scheduler tries to form; each at most `maxBatchSize`. @default none */
  preferredBatchSizes: z.array(positiveInt).min(1).optional(),
  /** How long a request may wait for a batch to fill. @default 0 */
  maxQueueDelayMicroseconds: nonNegativeInt.optional(),
  /** How long requests may wait and how many may queue (Triton only). @default Triton's: unbounded, no timeout */
  queuePolicy: QueuePolicySpec.optional(),
});
export type DynamicBatchingSpec = z.infer<typeof DynamicBatchingSpec>;

/** Inference optimization. */
export const OptimizationSpec = z.strictObject({
  /** @default "fp32" */
  precision: z.enum(PRECISIONS).optional(),
  /** Accelerate an ONNX model with TensorRT (Triton's ONNX Runtime TensorRT execution provider). @default false */
  tensorrt: z.boolean().optional(),
  /** TensorRT workspace of the ONNX Runtime TensorRT accelerator, in MiB (needs `tensorrt: true`). @default 1024 */
  workspaceMiB: positiveInt.optional(),
  /** Capture CUDA graphs (honored by Triton's TensorRT backend only, so `format: tensorrt_plan`). @default false */
  cudaGraphs: z.boolean().optional(),
});
export type OptimizationSpec = z.infer<typeof OptimizationSpec>;

/** Service-level objective that alerts are generated from. */
export const SloSpec = z.strictObject({
  /** Objective for the average request latency, in milliseconds. */
  latencyMs: z.number().positive(),
  /** Largest acceptable fraction of failed requests, strictly between 0 and 1 (e.g. 0.01 for 1%). */
  errorRatio: z.number().refine((ratio) => ratio > 0 && ratio < 1, {
    error: (issue) => `must be a fraction strictly between 0 and 1; got ${JSON.stringify(issue.input)}. Write 0.01 for 1%.`,
  }),
});
export type SloSpec = z.infer<typeof SloSpec>;

/** How one environment runs the model; the model is deployed only to the environments listed. */
export const ModelEnvironmentSpec = z.strictObject({
  /** Node pool of that environment (a key of its `inferstack:environment.nodePools`). */
  nodePool: z.string().min(1),
  /**
   * Server pool (one Deployment) to share with other models of the same runtime and node pool.
   * @default a pool of its own, named after the model
   */
  serverPool: dnsLabel("a server pool name", MAX_SERVER_POOL_NAME_LENGTH).optional(),
  /** Overrides the model's scaling bounds in this environment. */
  scaling: ScalingSpec.optional(),
  /** Serve only these versions here (a subset of `artifact.versions`). @default all of `artifact.versions` */
  versions: z.array(positiveInt).min(1).optional(),
  /**
   * Custom image the model's server pool runs instead of the pinned runtime image: a key of
   * `inferstack:environment.registry.customImages` built on the model's runtime. Every model of a
   * server pool names the same image. @default the pinned runtime image
   */
  image: dnsLabel("a custom image name", 60).optional(),
});
export type ModelEnvironmentSpec = z.infer<typeof ModelEnvironmentSpec>;

/** One model of the catalog: one YAML file under `catalog/`, stating the model once for every environment. */
export const ModelSpec = z.strictObject({
  /** Model name: the Service, Consul service and Triton model directory name. */
  name: dnsLabel("a model name", MAX_MODEL_NAME_LENGTH),
  /** One line for dashboards and the plan summary. */
  description: z.string().optional(),
  runtime: z.enum(RUNTIMES),
  format: z.enum(FORMATS),
  artifact: ArtifactSpec,
  /** Largest batch the model accepts; 0 disables batching. @default 0 */
  maxBatchSize: nonNegativeInt.optional(),
  inputs: z.array(TensorSpec).min(1).optional(),
  outputs: z.array(TensorSpec).min(1).optional(),
  dynamicBatching: DynamicBatchingSpec.optional(),
  /** Model instances per server (Triton instance group count). @default 1 */
  instancesPerServer: positiveInt.optional(),
  /** Where Triton runs the instances (instance group kind; Triton only). @default "gpu" on a GPU node pool, "cpu" elsewhere */
  instanceKind: z.enum(INSTANCE_KINDS).optional(),
  /** GPU memory one instance needs. Required to run GPU instances on a GPU node pool. */
  gpu: z.strictObject({ memoryGiB: z.number().positive() }).optional(),
  versionPolicy: VersionPolicySpec.optional(),
  /** TF Serving version labels (e.g. `stable: 7`); each must name a served version. @default none */
  versionLabels: VersionLabelsSpec.optional(),
  /** Warmup requests before the model reports ready (Triton only). @default none */
  warmup: WarmupSpec.optional(),
  /** Host resources the model adds to its server pool. */
  resources: ServerResourcesSpec.optional(),
  timeouts: TimeoutsSpec.optional(),
  optimization: OptimizationSpec.optional(),
  slo: SloSpec,
  scaling: ScalingSpec.optional(),
  /** Environments (stack names) that run this model, with their placement and overrides. */
  environments: z.record(z.string().min(1), ModelEnvironmentSpec),
});
export type ModelSpec = z.infer<typeof ModelSpec>;
