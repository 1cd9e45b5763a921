import { type CatalogModel } from "../spec/catalog";
import { problemAt } from "../spec/issues";
import { type ModelFormat } from "../spec/model";
import { describeValue, type Problem } from "../spec/problems";
import { type InstanceKind } from "../spec/serving";
import { PLATFORM_DEFAULTS } from "./defaults";
import { SERVING_DEFAULTS } from "./serving-defaults";
import { type ResolvedDynamicBatching, type ResolvedModel, type ResolvedNodePool, type ResolvedVersionPolicy } from "./types";

/** The serving fields of a resolved model. */
export type ResolvedModelServing = Pick<
  ResolvedModel,
  "versionPolicy" | "versionLabels" | "instanceKind" | "warmup" | "resources" | "timeouts" | "optimization" | "dynamicBatching"
> & {
  /** Versions served in this environment, ascending. */
  readonly versions: readonly number[];
};

/** Human names of the formats, for messages. */
const FORMAT_NAMES: Readonly<Record<ModelFormat, string>> = Object.freeze({
  onnx: "an ONNX model",
  tensorrt_plan: "a TensorRT plan",
  torchscript: "a TorchScript model",
  savedmodel: "a SavedModel",
  python: "a Python model",
});

/**
 * Applies the serving defaults of one model and checks the serving fields against each other, the
 * runtime, the format and the node pool. Problems are appended to `problems`.
 */
export function resolveModelServing(
  model: CatalogModel,
  stack: string,
  nodePool: ResolvedNodePool | undefined,
  location: { readonly bucket: string; readonly prefix: string } | undefined,
  problems: Problem[],
): ResolvedModelServing {
  const { spec, origin } = model;
  const report = (path: readonly PropertyKey[], message: string) => problems.push(problemAt(origin, path, message));
  const maxBatchSize = spec.maxBatchSize ?? 0;
  const triton = spec.runtime === "triton";

  // Triton finds a model in a repository by its directory name, which must equal the model name.
  if (triton && location !== undefined) {
    const directory = location.prefix.split("/").pop() ?? "";
    if (directory !== spec.name) {
      report(
        ["artifact", "uri"],
        `Triton loads a model from a directory named after it, so the location must end in "/${spec.name}"; got ${describeValue(spec.artifact.uri)}. Move the artifacts to a prefix ending in "${spec.name}" or rename the model.`,
      );
    }
  }

  const { versions, versionPolicy } = resolveVersions(model, stack, report);

  const versionLabels = spec.versionLabels ?? {};
  if (triton && spec.versionLabels !== undefined) {
    report(["versionLabels"], `version labels are a TF Serving feature; got ${describeValue(spec.versionLabels)} with runtime "triton". Remove versionLabels; Triton clients name versions by number.`);
  }
  for (const label of Object.keys(versionLabels).sort()) {
    const version = versionLabels[label]!;
    if (!triton && !versions.includes(version)) {
      report(
        ["versionLabels", label],
        `names a version this environment does not serve (${versions.join(", ")}); got ${version}. Point the label at a served version or serve version ${version}.`,
      );
    }
  }

  // Dynamic batching.
  let dynamicBatching: ResolvedDynamicBatching | undefined;
  if (spec.dynamicBatching !== undefined) {
    const batching = spec.dynamicBatching;
    if (maxBatchSize === 0) {
      report(
        ["dynamicBatching"],
        `dynamic batching needs a model that accepts batches; got maxBatchSize 0. Set maxBatchSize to the largest batch the model accepts, or remove dynamicBatching.`,
      );
    } else {
      batching.preferredBatchSizes?.forEach((size, index) => {
        if (size > maxBatchSize) {
          report(["dynamicBatching", "preferredBatchSizes", index], `is above maxBatchSize (${maxBatchSize}); got ${size}. Lower the preferred batch size or raise maxBatchSize.`);
        }
      });
    }
    if (!triton && batching.queuePolicy !== undefined) {
      report(
        ["dynamicBatching", "queuePolicy"],
        `a queue policy is a Triton setting; got ${describeValue(batching.queuePolicy)} with runtime "tfserving". Remove queuePolicy; TF Serving bounds its queue with its batching parameters.`,
      );
    }
    const queue = batching.queuePolicy;
    const defaults = SERVING_DEFAULTS.queuePolicy;
    dynamicBatching = {
      preferredBatchSizes: [...new Set(batching.preferredBatchSizes ?? [])].sort((a, b) => a - b),
      maxQueueDelayMicroseconds: batching.maxQueueDelayMicroseconds ?? SERVING_DEFAULTS.maxQueueDelayMicroseconds,
      ...(queue === undefined
        ? {}
        : {
            queuePolicy: {
              maxQueueSize: queue.maxQueueSize ?? defaults.maxQueueSize,
              timeoutMicroseconds: queue.timeoutMicroseconds ?? defaults.timeoutMicroseconds,
              timeoutAction: queue.timeoutAction ?? defaults.timeoutAction,
              allowTimeoutOverride: queue.allowTimeoutOverride ?? defaults.allowTimeoutOverride,
            },
          }),
    };
  }

  const optimization = resolveOptimization(model, report);

  // Instance kind.
  const poolHasGpu = nodePool?.gpu ?? false;
  const instanceKind: InstanceKind = spec.instanceKind ?? (poolHasGpu ? "gpu" : "cpu");
  if (!triton && spec.instanceKind !== undefined) {
    report(["instanceKind"], `instance kinds are a Triton setting; got ${describeValue(spec.instanceKind)} with runtime "tfserving". Remove instanceKind; TF Serving uses the GPU whenever its node pool has one.`);
  } else if (spec.instanceKind === "gpu" && nodePool !== undefined && !nodePool.gpu) {
    report(
      ["instanceKind"],
      `GPU instances need a GPU node pool but node pool "${nodePool.name}" (${nodePool.instance.name}) has none; got "gpu". Place the model on a GPU node pool or set instanceKind to "cpu".`,
    );
  }

  // Warmup.
  let warmup: ResolvedModelServing["warmup"];
  if (spec.warmup !== undefined) {
    const defaults = SERVING_DEFAULTS.warmup;
    warmup = { batchSize: spec.warmup.batchSize ?? defaults.batchSize, count: spec.warmup.count ?? defaults.count, data: spec.warmup.data ?? defaults.data };
    if (!triton) {
      report(["warmup"], `warmup is a Triton setting; got ${describeValue(spec.warmup)} with runtime "tfserving". Remove warmup; TF Serving replays the SavedModel's assets.extra/tf_serving_warmup_requests itself.`);
    } else if (spec.inputs === undefined) {
      report(["warmup"], `warmup sends requests built from the model's inputs; got no inputs. Add inputs (name, dataType, dims) or remove warmup.`);
    } else {
      const variable = spec.inputs.find((input) => input.dims.includes(-1));
      if (variable !== undefined) {
        report(
          ["warmup"],
          `warmup needs fixed input shapes; got input "${variable.name}" with dims ${describeValue(variable.dims)}. Remove warmup or give the input fixed dims.`,
        );
      }
      const largest = Math.max(1, maxBatchSize);
      if (warmup.batchSize > largest) {
        report(
          ["warmup", "batchSize"],
          maxBatchSize === 0
            ? `must be 1 for a model without batching; got ${warmup.batchSize}. Set warmup.batchSize to 1.`
            : `is above maxBatchSize (${maxBatchSize}); got ${warmup.batchSize}. Lower warmup.batchSize.`,
        );
      }
    }
  }

  const modelDefaults = SERVING_DEFAULTS.modelResources;
  return {
    versions,
    versionPolicy,
    versionLabels: { ...versionLabels },
    instanceKind,
    ...(warmup === undefined ? {} : { warmup }),
    resources: {
      cpu: spec.resources?.cpu ?? modelDefaults.cpu,
      memoryGiB: spec.resources?.memoryGiB ?? modelDefaults.memoryGiB,
      ephemeralStorageGiB: spec.resources?.ephemeralStorageGiB ?? modelDefaults.ephemeralStorageGiB,
    },
    timeouts: {
      loadSeconds: spec.timeouts?.loadSeconds ?? SERVING_DEFAULTS.loadSeconds,
      requestSeconds: spec.timeouts?.requestSeconds ?? SERVING_DEFAULTS.requestSeconds,
    },
    optimization,
    ...(dynamicBatching === undefined ? {} : { dynamicBatching }),
  };
}

type Report = (path: readonly PropertyKey[], message: string) => void;

/** The served versions: the environment's pin, else the version policy, else every artifact version. */
function resolveVersions(model: CatalogModel, stack: string, report: Report): { versions: number[]; versionPolicy: ResolvedVersionPolicy } {
  const { spec } = model;
  const available = [...new Set(spec.artifact.versions)].sort((a, b) => a - b);
  const pinned = spec.environments[stack]?.versions;
  if (pinned !== undefined) {
    // Unknown pinned versions are reported by resolveModels.
    const versions = [...new Set(pinned)].sort((a, b) => a - b);
    return { versions, versionPolicy: { kind: "specific", versions } };
  }
  const policy = spec.versionPolicy;
  if (policy === undefined) return { versions: available, versionPolicy: { kind: "specific", versions: available } };
  if (policy.latest !== undefined && policy.specific !== undefined) {
    report(["versionPolicy"], `sets both latest and specific; got ${describeValue(policy)}. Keep one of them.`);
  } else if (policy.latest !== undefined) {
    if (policy.latest > available.length) {
      report(
        ["versionPolicy", "latest"],
        `asks for more versions than artifact.versions lists (${available.join(", ")}); got ${policy.latest}. Lower latest to ${available.length} or add versions.`,
      );
    }
    return { versions: available.slice(-policy.latest), versionPolicy: { kind: "latest", count: policy.latest } };
  } else if (policy.specific !== undefined && policy.specific.length > 0) {
    policy.specific.forEach((version, index) => {
      if (!available.includes(version)) {
        report(
          ["versionPolicy", "specific", index],
          `is not one of artifact.versions (${available.join(", ")}); got ${version}. Add the version to artifact.versions or list one that exists.`,
        );
      }
    });
    const versions = [...new Set(policy.specific)].sort((a, b) => a - b);
    return { versions, versionPolicy: { kind: "specific", versions } };
  } else {
    report(
      ["versionPolicy"],
      `names no versions; got ${describeValue(policy)}. Set latest to a count (e.g. latest: 1) or list versions under specific, or remove versionPolicy to serve every version.`,
    );
  }
  return { versions: available, versionPolicy: { kind: "specific", versions: available } };
}

/** Precision, TensorRT and CUDA graphs: what each format can take. */
function resolveOptimization(model: CatalogModel, report: Report): ResolvedModel["optimization"] {
  const { spec } = model;
  const format = spec.format;
  const optimization = spec.optimization ?? {};
  const precision = optimization.precision ?? PLATFORM_DEFAULTS.precision;
  const tensorrt = optimization.tensorrt ?? PLATFORM_DEFAULTS.tensorrt;
  const got = (value: string) => `got "${value}" with format "${format}"`;

  if (optimization.tensorrt === true && format !== "onnx") {
    report(
      ["optimization", "tensorrt"],
      format === "tensorrt_plan"
        ? `a TensorRT plan already runs on TensorRT; got tensorrt: true with format "tensorrt_plan". Remove optimization.tensorrt.`
        : `the TensorRT accelerator applies to ONNX models; got tensorrt: true with format "${format}". Remove optimization.tensorrt, or convert the model to ONNX and set format to "onnx".`,
    );
  }
  if (precision !== "fp32") {
    const upper = precision.toUpperCase();
    if (format === "tensorrt_plan") {
      report(
        ["optimization", "precision"],
        `a TensorRT plan's precision is fixed when the plan is built; ${got(precision)}. Remove optimization.precision and build the plan at ${upper} (trtexec --${precision}).`,
      );
    } else if (format === "onnx" && !tensorrt) {
      report(
        ["optimization", "precision"],
        `ONNX Runtime lowers precision only through its TensorRT accelerator; ${got(precision)} and tensorrt off. Set optimization.tensorrt to true or use precision "fp32".`,
      );
    } else if (format !== "onnx") {
      report(
        ["optimization", "precision"],
        `${upper} needs TensorRT, which ${FORMAT_NAMES[format]} cannot use here; ${got(precision)}. Convert the model to ONNX with optimization.tensorrt: true, build a TensorRT plan at ${upper}, or use precision "fp32".`,
      );
    }
  }
  if (optimization.workspaceMiB !== undefined && !(format === "onnx" && tensorrt)) {
    report(
      ["optimization", "workspaceMiB"],
      `sizes the TensorRT accelerator of an ONNX model, which is off; got ${optimization.workspaceMiB}. Set optimization.tensorrt to true or remove workspaceMiB.`,
    );
  }
  if (optimization.cudaGraphs === true && format !== "tensorrt_plan") {
    report(
      ["optimization", "cudaGraphs"],
      `CUDA graphs are honored by Triton's TensorRT backend only; got cudaGraphs: true with format "${format}". Remove cudaGraphs, or serve a TensorRT plan (format "tensorrt_plan").`,
    );
  }
  return {
    precision,
    tensorrt,
    workspaceMiB: optimization.workspaceMiB ?? SERVING_DEFAULTS.tensorrtWorkspaceMiB,
    cudaGraphs: optimization.cudaGraphs ?? SERVING_DEFAULTS.cudaGraphs,
  };
}
