import { loadPlatform } from "../../../components/resolve";
import { inputFrom, problemsOf } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL } from "../../helpers/samples";

const FILE = "catalog/m.yaml";
const resolve = (catalog: Record<string, string>) => loadPlatform(inputFrom("dev", DEV_STACK, catalog));
const problems = (model: string) => problemsOf(() => resolve({ [FILE]: model }));
/** 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
/** The expected problem line for `needle`'s line in `model`. */
const at = (model: string, needle: string, rest: string) => `${FILE}:${lineOf(model, needle)}: ${rest}`;

const TF_MODEL = ONNX_MODEL.replace("runtime: triton", "runtime: tfserving").replace("format: onnx", "format: savedmodel").replace("uri: vision/resnet50", "uri: ranking/ranker");
const INPUTS = "inputs:\n  - name: input\n    dataType: FP32\n    dims: [3, 224, 224]\n";

describe("serving defaults", () => {
  it("serves every artifact version with a specific policy, one GPU instance, and the default resources and timeouts", () => {
    const [model] = resolve({ [FILE]: ONNX_MODEL }).models;
    expect(model).toMatchObject({
      versionPolicy: { kind: "specific", versions: [1, 2] },
      artifact: { versions: [1, 2] },
      instanceKind: "gpu",
      resources: { cpu: 1, memoryGiB: 2, ephemeralStorageGiB: 4 },
      timeouts: { loadSeconds: 300, requestSeconds: 30 },
    });
    expect(model!.warmup).toBeUndefined();
    expect(model!.dynamicBatching).toBeUndefined();
  });

  it("serves the N highest versions under a latest policy", () => {
    const [model] = resolve({ [FILE]: `${ONNX_MODEL}versionPolicy:\n  latest: 1\n` }).models;
    expect([model!.versionPolicy, model!.artifact.versions]).toEqual([{ kind: "latest", count: 1 }, [2]]);
  });

  it("lets an environment's pinned versions override the policy", () => {
    const model = `${ONNX_MODEL.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: t4\n    versions: [1]")}versionPolicy:\n  latest: 1\n`;
    expect(resolve({ [FILE]: model }).models[0]!.versionPolicy).toEqual({ kind: "specific", versions: [1] });
  });

  it("applies batching, queue policy and warmup defaults", () => {
    const model = `${ONNX_MODEL}maxBatchSize: 8\n${INPUTS}dynamicBatching:\n  preferredBatchSizes: [8, 4, 4]\n  queuePolicy:\n    maxQueueSize: 64\nwarmup: {}\n`;
    const [resolved] = resolve({ [FILE]: model }).models;
    expect(resolved!.dynamicBatching).toEqual({
      preferredBatchSizes: [4, 8],
      maxQueueDelayMicroseconds: 0,
      queuePolicy: { maxQueueSize: 64, timeoutMicroseconds: 0, timeoutAction: "reject", allowTimeoutOverride: false },
    });
    expect(resolved!.warmup).toEqual({ batchSize: 1, count: 1, data: "zero" });
  });

  it("runs CPU instances on a GPU node pool without asking for GPU memory", () => {
    const model = `${ONNX_MODEL.replace("gpu:\n  memoryGiB: 2\n", "")}instanceKind: cpu\n`;
    const platform = resolve({ [FILE]: model });
    expect([platform.models[0]!.instanceKind, platform.models[0]!.gpu, platform.serverPools[0]!.gpuMemoryGiB]).toEqual(["cpu", undefined, 0]);
  });

  it("sizes a shared pool from its models: summed resources and load times, the longest request, the tightest SLO", () => {
    const a = ONNX_MODEL.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: t4\n    serverPool: shared") + "timeouts:\n  loadSeconds: 120\n  requestSeconds: 5\nresources:\n  cpu: 2\n";
    const b = ONNX_MODEL.replace("name: resnet50", "name: bert").replace("uri: vision/resnet50", "uri: nlp/bert").replace("latencyMs: 40", "latencyMs: 8")
      .replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: t4\n    serverPool: shared") + "timeouts:\n  requestSeconds: 60\nmaxBatchSize: 8\ndynamicBatching:\n  maxQueueDelayMicroseconds: 1500\n";
    const [pool] = resolve({ "catalog/a.yaml": a, "catalog/b.yaml": b }).serverPools;
    expect(pool).toMatchObject({
      resources: { cpu: 1 + 2 + 1, memoryGiB: 3 + 2 + 2, ephemeralStorageGiB: 2 + 4 + 4 },
      loadSeconds: 120 + 300,
      requestSeconds: 60,
      // max(25% of 8 ms, twice the 1.5 ms batching delay)
      queueTargetMicroseconds: 3000,
    });
  });
});

describe("serving checks", () => {
  const cases: [string, string, (model: string) => string][] = [
    [
      "dynamic batching with maxBatchSize 0",
      `${ONNX_MODEL}dynamicBatching:\n  maxQueueDelayMicroseconds: 100\n`,
      (m) => at(m, "dynamicBatching:", "dynamicBatching: dynamic batching needs a model that accepts batches; got maxBatchSize 0. Set maxBatchSize to the largest batch the model accepts, or remove dynamicBatching."),
    ],
    [
      "a preferred batch size above maxBatchSize",
      `${ONNX_MODEL}maxBatchSize: 8\ndynamicBatching:\n  preferredBatchSizes: [4, 16]\n`,
      (m) => at(m, "preferredBatchSizes", "dynamicBatching.preferredBatchSizes[1]: is above maxBatchSize (8); got 16. Lower the preferred batch size or raise maxBatchSize."),
    ],
    [
      "INT8 for TorchScript",
      `${ONNX_MODEL.replace("format: onnx", "format: torchscript")}optimization:\n  precision: int8\n`,
      (m) => at(m, "precision:", 'optimization.precision: INT8 needs TensorRT, which a TorchScript model cannot use here; got "int8" with format "torchscript". Convert the model to ONNX with optimization.tensorrt: true, build a TensorRT plan at INT8, or use precision "fp32".'),
    ],
    [
      "INT8 for a SavedModel on TF Serving",
      `${TF_MODEL}optimization:\n  precision: int8\n`,
      (m) => at(m, "precision:", 'optimization.precision: INT8 needs TensorRT, which a SavedModel cannot use here; got "int8" with format "savedmodel". Convert the model to ONNX with optimization.tensorrt: true, build a TensorRT plan at INT8, or use precision "fp32".'),
    ],
    [
      "INT8 for a TensorRT plan, whose precision is built in",
      `${ONNX_MODEL.replace("format: onnx", "format: tensorrt_plan")}optimization:\n  precision: int8\n`,
      (m) => at(m, "precision:", 'optimization.precision: a TensorRT plan\'s precision is fixed when the plan is built; got "int8" with format "tensorrt_plan". Remove optimization.precision and build the plan at INT8 (trtexec --int8).'),
    ],
    [
      "FP16 for ONNX without TensorRT",
      `${ONNX_MODEL}optimization:\n  precision: fp16\n`,
      (m) => at(m, "precision:", 'optimization.precision: ONNX Runtime lowers precision only through its TensorRT accelerator; got "fp16" with format "onnx" and tensorrt off. Set optimization.tensorrt to true or use precision "fp32".'),
    ],
    [
      "TensorRT acceleration of a TorchScript model",
      `${ONNX_MODEL.replace("format: onnx", "format: torchscript")}optimization:\n  tensorrt: true\n`,
      (m) => at(m, "tensorrt:", 'optimization.tensorrt: the TensorRT accelerator applies to ONNX models; got tensorrt: true with format "torchscript". Remove optimization.tensorrt, or convert the model to ONNX and set format to "onnx".'),
    ],
    [
      "CUDA graphs on an ONNX model",
      `${ONNX_MODEL}optimization:\n  cudaGraphs: true\n`,
      (m) => at(m, "cudaGraphs:", 'optimization.cudaGraphs: CUDA graphs are honored by Triton\'s TensorRT backend only; got cudaGraphs: true with format "onnx". Remove cudaGraphs, or serve a TensorRT plan (format "tensorrt_plan").'),
    ],
    [
      "a TensorRT workspace with TensorRT off",
      `${ONNX_MODEL}optimization:\n  workspaceMiB: 512\n`,
      (m) => at(m, "workspaceMiB:", "optimization.workspaceMiB: sizes the TensorRT accelerator of an ONNX model, which is off; got 512. Set optimization.tensorrt to true or remove workspaceMiB."),
    ],
    [
      "a version policy naming no versions (empty list)",
      `${ONNX_MODEL}versionPolicy:\n  specific: []\n`,
      (m) => at(m, "versionPolicy:", "versionPolicy: names no versions; got an object with keys specific. Set latest to a count (e.g. latest: 1) or list versions under specific, or remove versionPolicy to serve every version."),
    ],
    [
      "a version policy naming no versions (empty object)",
      `${ONNX_MODEL}versionPolicy: {}\n`,
      (m) => at(m, "versionPolicy:", "versionPolicy: names no versions; got {}. Set latest to a count (e.g. latest: 1) or list versions under specific, or remove versionPolicy to serve every version."),
    ],
    [
      "a version policy with both latest and specific",
      `${ONNX_MODEL}versionPolicy:\n  latest: 1\n  specific: [2]\n`,
      (m) => at(m, "versionPolicy:", "versionPolicy: sets both latest and specific; got an object with keys latest, specific. Keep one of them."),
    ],
    [
      "a latest policy asking for more versions than exist",
      `${ONNX_MODEL}versionPolicy:\n  latest: 3\n`,
      (m) => at(m, "latest:", "versionPolicy.latest: asks for more versions than artifact.versions lists (1, 2); got 3. Lower latest to 2 or add versions."),
    ],
    [
      "a specific version the artifact does not have",
      `${ONNX_MODEL}versionPolicy:\n  specific: [2, 5]\n`,
      (m) => at(m, "specific:", "versionPolicy.specific[1]: is not one of artifact.versions (1, 2); got 5. Add the version to artifact.versions or list one that exists."),
    ],
    [
      "version labels on Triton",
      `${ONNX_MODEL}versionLabels:\n  stable: 1\n`,
      (m) => at(m, "versionLabels:", 'versionLabels: version labels are a TF Serving feature; got an object with keys stable with runtime "triton". Remove versionLabels; Triton clients name versions by number.'),
    ],
    [
      "a version label naming an unserved version",
      `${TF_MODEL}versionLabels:\n  canary: 3\n`,
      (m) => at(m, "canary:", "versionLabels.canary: names a version this environment does not serve (1, 2); got 3. Point the label at a served version or serve version 3."),
    ],
    [
      "GPU instances on a CPU node pool",
      `${ONNX_MODEL.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: cpu")}instanceKind: gpu\n`,
      (m) => at(m, "instanceKind:", 'instanceKind: GPU instances need a GPU node pool but node pool "cpu" (m6i.xlarge) has none; got "gpu". Place the model on a GPU node pool or set instanceKind to "cpu".'),
    ],
    [
      "an instance kind on TF Serving",
      `${TF_MODEL}instanceKind: cpu\n`,
      (m) => at(m, "instanceKind:", 'instanceKind: instance kinds are a Triton setting; got "cpu" with runtime "tfserving". Remove instanceKind; TF Serving uses the GPU whenever its node pool has one.'),
    ],
    [
      "warmup on TF Serving",
      `${TF_MODEL}warmup: {}\n`,
      (m) => at(m, "warmup:", 'warmup: warmup is a Triton setting; got {} with runtime "tfserving". Remove warmup; TF Serving replays the SavedModel\'s assets.extra/tf_serving_warmup_requests itself.'),
    ],
    [
      "warmup without inputs",
      `${ONNX_MODEL}warmup: {}\n`,
      (m) => at(m, "warmup:", "warmup: warmup sends requests built from the model's inputs; got no inputs. Add inputs (name, dataType, dims) or remove warmup."),
    ],
    [
      "warmup of a variable-shaped input",
      `${ONNX_MODEL}${INPUTS.replace("[3, 224, 224]", "[-1]")}warmup: {}\n`,
      (m) => at(m, "warmup:", 'warmup: warmup needs fixed input shapes; got input "input" with dims [-1]. Remove warmup or give the input fixed dims.'),
    ],
    [
      "a warmup batch for a model without batching",
      `${ONNX_MODEL}${INPUTS}warmup:\n  batchSize: 4\n`,
      (m) => at(m, "batchSize:", "warmup.batchSize: must be 1 for a model without batching; got 4. Set warmup.batchSize to 1."),
    ],
    [
      "a queue policy on TF Serving",
      `${TF_MODEL}maxBatchSize: 8\ndynamicBatching:\n  queuePolicy:\n    maxQueueSize: 10\n`,
      (m) => at(m, "queuePolicy:", 'dynamicBatching.queuePolicy: a queue policy is a Triton setting; got an object with keys maxQueueSize with runtime "tfserving". Remove queuePolicy; TF Serving bounds its queue with its batching parameters.'),
    ],
    [
      "a Triton model whose directory is not named after it",
      ONNX_MODEL.replace("uri: vision/resnet50", "uri: vision/resnet-50"),
      (m) => at(m, "uri:", 'artifact.uri: Triton loads a model from a directory named after it, so the location must end in "/resnet50"; got "vision/resnet-50". Move the artifacts to a prefix ending in "resnet50" or rename the model.'),
    ],
  ];
  it.each(cases)("rejects %s", (_case, model, expected) => {
    expect(problems(model)).toEqual([expected(model)]);
  });

  it("rejects TF Serving models sharing a pool with different batching", () => {
    const share = (m: string) => m.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: t4\n    serverPool: tf");
    const a = `${share(TF_MODEL)}maxBatchSize: 8\ndynamicBatching:\n  maxQueueDelayMicroseconds: 100\n`;
    const b = share(TF_MODEL.replace("name: resnet50", "name: ranker-b").replace("uri: ranking/ranker", "uri: ranking/ranker-b"));
    expect(problemsOf(() => resolve({ "catalog/a.yaml": a, "catalog/b.yaml": b }))).toEqual([
      `catalog/a.yaml:15: environments.dev.serverPool: TF Serving applies one batching configuration to every model of server pool "tf", but this model's maxBatchSize and dynamicBatching differ from model ranker-b's; got "tf". Give the models identical batching settings or separate server pools.`,
    ]);
  });

  it("accepts a model using every serving field together", () => {
    expect(problemsOf(() => resolve({ [FILE]: `${ONNX_MODEL}maxBatchSize: 8\n${INPUTS}dynamicBatching:\n  preferredBatchSizes: [8]\nwarmup:\n  batchSize: 8\n` }))).toEqual([]);
  });
});
