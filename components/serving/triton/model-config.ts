import { type ResolvedModel, type ResolvedTensor, type ResolvedVersionPolicy } from "../../resolve/types";
import { TRITON_BACKENDS } from "../layout";
import { PbEnum, writePbtxt, type PbField, type PbMessage } from "../pbtxt";

/**
 * Renders a Triton model's `config.pbtxt` (protobuf text format of `inference.ModelConfig`): name,
 * backend and default file name by format, max batch size, version policy, inputs and outputs,
 * instance group, dynamic batching with its default queue policy, optimization (the TensorRT
 * accelerator for ONNX models, CUDA graphs for TensorRT plans) and warmup. Pure.
 * @see https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_configuration.md
 */
export function renderTritonModelConfig(model: ResolvedModel): string {
  if (model.runtime !== "triton" || model.format === "savedmodel") {
    throw new Error(`renderTritonModelConfig: model ${model.name} is not a Triton model`);
  }
  const backend = TRITON_BACKENDS[model.format];
  const fields: PbField[] = [
    ["name", model.name],
    ["backend", backend.backend],
    ["default_model_filename", backend.defaultModelFilename],
    ["max_batch_size", model.maxBatchSize],
    ["version_policy", versionPolicy(model.versionPolicy)],
    ["input", model.inputs.length === 0 ? undefined : { list: model.inputs.map((t) => tensor(t, true)) }],
    ["output", model.outputs.length === 0 ? undefined : { list: model.outputs.map((t) => tensor(t, false)) }],
    ["instance_group", { list: [[["count", model.instancesPerServer], ["kind", new PbEnum(model.instanceKind === "gpu" ? "KIND_GPU" : "KIND_CPU")]]] }],
    ["dynamic_batching", dynamicBatching(model)],
    ["optimization", optimization(model)],
    ["model_warmup", warmup(model)],
  ];
  return writePbtxt(fields);
}

/** Triton and TF Serving spell version policies alike: `latest { num_versions }` or `specific { versions }`. */
export function versionPolicy(policy: ResolvedVersionPolicy): PbMessage {
  return policy.kind === "latest" ? [["latest", [["num_versions", policy.count]]]] : [["specific", [["versions", policy.versions]]]];
}

function tensor(t: ResolvedTensor, input: boolean): PbMessage {
  return [
    ["name", t.name],
    ["data_type", new PbEnum(`TYPE_${t.dataType}`)],
    ["format", input && t.format !== undefined ? new PbEnum(`FORMAT_${t.format}`) : undefined],
    ["dims", t.dims],
  ];
}

function dynamicBatching(model: ResolvedModel): PbMessage | undefined {
  const batching = model.dynamicBatching;
  if (batching === undefined) return undefined;
  const queue = batching.queuePolicy;
  return [
    ["preferred_batch_size", batching.preferredBatchSizes.length === 0 ? undefined : batching.preferredBatchSizes],
    ["max_queue_delay_microseconds", batching.maxQueueDelayMicroseconds],
    [
      "default_queue_policy",
      queue === undefined
        ? undefined
        : [
            ["timeout_action", new PbEnum(queue.timeoutAction === "delay" ? "DELAY" : "REJECT")],
            ["default_timeout_microseconds", queue.timeoutMicroseconds],
            ["allow_timeout_override", queue.allowTimeoutOverride],
            ["max_queue_size", queue.maxQueueSize],
          ],
    ],
  ];
}

function optimization(model: ResolvedModel): PbMessage | undefined {
  const { precision, tensorrt, workspaceMiB, cudaGraphs } = model.optimization;
  const fields: PbField[] = [];
  if (model.format === "onnx" && tensorrt) {
    // ONNX Runtime's TensorRT execution provider; parameter values are strings (FACTS §1.3).
    const parameters: PbField[] = [
      ["parameters", [["key", "precision_mode"], ["value", precision.toUpperCase()]]],
      ["parameters", [["key", "max_workspace_size_bytes"], ["value", String(workspaceMiB * 1024 * 1024)]]],
    ];
    fields.push(["execution_accelerators", [["gpu_execution_accelerator", { list: [[["name", "tensorrt"], ...parameters]] }]]]);
  }
  if (model.format === "tensorrt_plan" && cudaGraphs) fields.push(["cuda", [["graphs", true]]]);
  return fields.length === 0 ? undefined : fields;
}

function warmup(model: ResolvedModel): { list: PbMessage[] } | undefined {
  if (model.warmup === undefined) return undefined;
  const data: PbField = model.warmup.data === "random" ? ["random_data", true] : ["zero_data", true];
  const inputs: PbField[] = model.inputs.map((t) => [
    "inputs",
    [
      ["key", t.name],
      ["value", [["data_type", new PbEnum(`TYPE_${t.dataType}`)], ["dims", t.dims], data]],
    ],
  ]);
  return { list: [[["name", `${model.name}-warmup`], ["batch_size", model.warmup.batchSize], ["count", model.warmup.count], ...inputs]] };
}
