import { problemAt } from "../spec/issues";
import { type CatalogModel } from "../spec/catalog";
import { describeValue, formatGiB, listChoices, type Problem } from "../spec/problems";
import { type ModelFormat, type Runtime } from "../spec/model";
import { PLATFORM_DEFAULTS, TIER_DEFAULTS } from "./defaults";
import { resolveModelServing } from "./serving";
import { type ResolvedEnvironment, type ResolvedModel, type ResolvedNodePool } from "./types";

/** Formats each runtime can serve with its pinned image. */
export const RUNTIME_FORMATS: Readonly<Record<Runtime, readonly ModelFormat[]>> = Object.freeze({
  triton: ["onnx", "tensorrt_plan", "torchscript", "python"],
  tfserving: ["savedmodel"],
});

/** Resolves the catalog models that `environment` deploys; models that do not list it are skipped. */
export function resolveModels(
  catalog: readonly CatalogModel[],
  environment: ResolvedEnvironment,
): { models: ResolvedModel[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const models: ResolvedModel[] = [];
  for (const model of catalog) {
    if (model.spec.environments[environment.stack] === undefined) continue;
    const resolved = resolveModel(model, environment, problems);
    if (resolved) models.push(resolved);
  }
  models.sort((a, b) => a.name.localeCompare(b.name));
  return { models, problems };
}

function resolveModel(model: CatalogModel, environment: ResolvedEnvironment, problems: Problem[]): ResolvedModel | undefined {
  const { spec, origin } = model;
  const before = problems.length;
  const here = spec.environments[environment.stack]!;
  const envPath = ["environments", environment.stack];
  const tier = TIER_DEFAULTS[environment.tier];

  if (!RUNTIME_FORMATS[spec.runtime].includes(spec.format)) {
    problems.push(problemAt(origin, ["format"], formatMismatch(spec.runtime, spec.format)));
  }

  const pool = environment.nodePools.find((p) => p.name === here.nodePool);
  if (!pool) {
    const names = environment.nodePools.map((p) => p.name);
    problems.push(
      problemAt(
        origin,
        [...envPath, "nodePool"],
        `unknown node pool; got ${describeValue(here.nodePool)}. Use one of ${listChoices(names)}, or define it under inferstack:environment.nodePools in stacks/Pulumi.${environment.stack}.yaml.`,
      ),
    );
  } else {
    checkPlacement(model, pool, [...envPath, "nodePool"], problems);
  }

  const location = artifactLocation(spec.artifact.uri, environment);
  if (!location) {
    problems.push(
      problemAt(
        origin,
        ["artifact", "uri"],
        `is relative to the model store but stack ${environment.stack} has none; got ${describeValue(spec.artifact.uri)}. Set inferstack:environment.modelStore.bucket in stacks/Pulumi.${environment.stack}.yaml or give an s3:// location.`,
      ),
    );
  }

  here.versions?.forEach((version, index) => {
    if (!spec.artifact.versions.includes(version)) {
      problems.push(
        problemAt(
          origin,
          [...envPath, "versions", index],
          `is not one of artifact.versions (${spec.artifact.versions.join(", ")}); got ${version}. Add the version to artifact.versions or pin one that exists.`,
        ),
      );
    }
  });

  const minReplicas = here.scaling?.minReplicas ?? spec.scaling?.minReplicas ?? tier.minReplicas;
  const maxReplicas = here.scaling?.maxReplicas ?? spec.scaling?.maxReplicas ?? Math.max(minReplicas, tier.maxReplicas);
  const minPath = here.scaling?.minReplicas !== undefined ? [...envPath, "scaling", "minReplicas"] : ["scaling", "minReplicas"];
  if (minReplicas < tier.replicaFloor) {
    problems.push(
      problemAt(
        origin,
        minPath,
        `${environment.tier} runs every model with at least ${tier.replicaFloor} replicas so one node loss keeps it serving; got ${minReplicas}. Set minReplicas to ${tier.replicaFloor} or more.`,
      ),
    );
  }
  if (minReplicas > maxReplicas) {
    problems.push(problemAt(origin, minPath, `must not exceed maxReplicas (${maxReplicas}); got ${minReplicas}. Lower minReplicas or raise maxReplicas.`));
  }

  const serving = resolveModelServing(model, environment.stack, pool, location, problems);

  if (problems.length > before) return undefined;
  const { versions, ...servingFields } = serving;
  return {
    name: spec.name,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    sourceFile: origin.file,
    runtime: spec.runtime,
    format: spec.format,
    artifact: { uri: spec.artifact.uri, versions, location: location! },
    maxBatchSize: spec.maxBatchSize ?? PLATFORM_DEFAULTS.maxBatchSize,
    inputs: spec.inputs ?? [],
    outputs: spec.outputs ?? [],
    instancesPerServer: spec.instancesPerServer ?? PLATFORM_DEFAULTS.instancesPerServer,
    ...(spec.gpu === undefined || !pool?.gpu || servingFields.instanceKind === "cpu" ? {} : { gpu: { memoryGiB: spec.gpu.memoryGiB } }),
    ...servingFields,
    slo: spec.slo,
    scaling: { minReplicas, maxReplicas },
    nodePool: here.nodePool,
    serverPool: here.serverPool ?? spec.name,
  };
}

/** Bucket and prefix of an artifact: an explicit `s3://` location, or a prefix in the model store. */
export function artifactLocation(uri: string, environment: ResolvedEnvironment): { bucket: string; prefix: string } | undefined {
  const explicit = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (explicit) return { bucket: explicit[1]!, prefix: trimSlashes(explicit[2]!) };
  return environment.modelStore ? { bucket: environment.modelStore.bucket, prefix: trimSlashes(uri) } : undefined;
}

function trimSlashes(prefix: string): string {
  return prefix.replace(/^\/+|\/+$/g, "");
}

function formatMismatch(runtime: Runtime, format: ModelFormat): string {
  if (runtime === "triton" && format === "savedmodel") {
    return `Triton images since 25.03 no longer ship the TensorFlow backend, so they cannot load a SavedModel; got "savedmodel" with runtime "triton". Set runtime to "tfserving", or convert the model to ONNX (tf2onnx) and set format to "onnx".`;
  }
  return `${runtime === "tfserving" ? "TF Serving" : "Triton"} cannot serve this format; got ${describeValue(format)}. Use ${listChoices(RUNTIME_FORMATS[runtime])}, or set runtime to "${runtime === "tfserving" ? "triton" : "tfserving"}".`;
}

function checkPlacement(model: CatalogModel, pool: ResolvedNodePool, nodePoolPath: readonly string[], problems: Problem[]): void {
  const { spec, origin } = model;
  const label = `node pool "${pool.name}" (${pool.instance.name})`;
  if (!pool.gpu) {
    if (spec.format === "tensorrt_plan" || spec.optimization?.tensorrt === true) {
      problems.push(
        problemAt(origin, nodePoolPath, `TensorRT needs a GPU but ${label} has none; got ${describeValue(pool.name)}. Place the model on a GPU node pool.`),
      );
    }
    return;
  }
  // CPU instances on a GPU node pool (e.g. a Python pre-processing model beside GPU models) use no GPU memory.
  if (spec.instanceKind === "cpu") return;
  if (spec.gpu === undefined) {
    problems.push(
      problemAt(origin, ["gpu"], `is required on GPU ${label}; got nothing. Add gpu.memoryGiB with the GPU memory one instance needs.`),
    );
    return;
  }
  const instances = spec.instancesPerServer ?? PLATFORM_DEFAULTS.instancesPerServer;
  const needed = spec.gpu.memoryGiB * instances;
  const usable = pool.gpuMemoryGiB * (1 - PLATFORM_DEFAULTS.gpuMemoryHeadroomRatio);
  if (needed > usable) {
    const perInstance = instances > 1 ? ` (${instances} instances × ${formatGiB(spec.gpu.memoryGiB)} GiB)` : "";
    problems.push(
      problemAt(
        origin,
        ["gpu", "memoryGiB"],
        `needs ${formatGiB(needed)} GiB${perInstance} but ${label} has ${formatGiB(pool.gpuMemoryGiB)} GiB per GPU, ${formatGiB(usable)} GiB usable after ${PLATFORM_DEFAULTS.gpuMemoryHeadroomRatio * 100}% headroom; got ${spec.gpu.memoryGiB}. Choose a node pool with larger GPUs or lower the model's memory.`,
      ),
    );
  }
}
