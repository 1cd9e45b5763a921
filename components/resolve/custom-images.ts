/**
 * Resolves the custom serving images of a created registry (`registry.customImages`) and the server
 * pools that run one (`environments.<stack>.image` on a catalog model): build context and Dockerfile,
 * the pinned base image, the content tag, and the checks that need more than one field.
 */
import {
  buildDigest,
  contextFiles,
  CUSTOM_IMAGE_SETTINGS,
  customImageBuildArgs,
  customImageTag,
  defaultContext,
  type ImageFile,
} from "../registry/build";
import { RUNTIME_IMAGES } from "../registry/images";
import { type CatalogModel } from "../spec/catalog";
import { type CustomImageSpec } from "../spec/foundation";
import { problemAt, type Origin } from "../spec/issues";
import { describeValue, listChoices, type Problem } from "../spec/problems";
import { type ResolvedCustomImage, type ResolvedRegistry } from "./foundation-types";
import { type ResolvedEnvironment, type ResolvedServerPool } from "./types";

/**
 * The custom images of a created registry, sorted by name. A build context without a Dockerfile is
 * reported at `registry.customImages.<name>`; `files` are every file under `images/` (the loader's
 * `readImageFiles`), so this stays free of I/O.
 */
export function resolveCustomImages(
  specs: Readonly<Record<string, CustomImageSpec>>,
  registry: { readonly host: string; readonly prefix: string },
  files: readonly ImageFile[],
  origin: Origin,
  problems: Problem[],
): ResolvedCustomImage[] {
  const images: ResolvedCustomImage[] = [];
  for (const name of Object.keys(specs).sort()) {
    const spec = specs[name]!;
    const context = spec.context ?? defaultContext(name);
    const dockerfile = `${context}/${CUSTOM_IMAGE_SETTINGS.dockerfileName}`;
    const inContext = contextFiles(files, context);
    if (!inContext.some((file) => file.path === CUSTOM_IMAGE_SETTINGS.dockerfileName)) {
      const found = inContext.length === 0 ? `no directory ${context}` : `${context} without one (${inContext.map((f) => f.path).join(", ")})`;
      problems.push(
        problemAt(
          origin,
          ["registry", "customImages", name, ...(spec.context === undefined ? [] : ["context"])],
          `needs a Dockerfile in its build context, ${dockerfile}; got ${found}. Create ${dockerfile} (FROM \${${CUSTOM_IMAGE_SETTINGS.baseImageArg}}; see images/triton-python), or point context at the directory that holds it.`,
        ),
      );
      continue;
    }
    const gpu = spec.gpu ?? true;
    const buildArgs = customImageBuildArgs(spec.runtime, gpu);
    const digest = buildDigest({ files: inContext, dockerfile, buildArgs, platform: CUSTOM_IMAGE_SETTINGS.platform });
    const tag = customImageTag(spec.runtime, gpu, digest);
    const repository = `${registry.prefix}/${name}`;
    images.push({
      name,
      repository,
      runtime: spec.runtime,
      gpu,
      context,
      dockerfile,
      buildArgs,
      platform: CUSTOM_IMAGE_SETTINGS.platform,
      digest,
      tag,
      imageName: `${registry.host}/${repository}:${tag}`,
    });
  }
  return images;
}

/**
 * Points the server pools whose models name a custom image at it, and checks the choice: the image
 * exists in this environment's created registry, extends the models' runtime on the right kind of
 * node (GPU or CPU base, where the runtime's two builds differ), and every model of a pool agrees.
 */
export function resolvePoolImages(
  catalog: readonly CatalogModel[],
  serverPools: readonly ResolvedServerPool[],
  environment: Pick<ResolvedEnvironment, "stack" | "cluster">,
  registry: ResolvedRegistry | undefined,
): { serverPools: ResolvedServerPool[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const stack = environment.stack;
  const imageOf = (model: CatalogModel) => model.spec.environments[stack]?.image;
  const path = ["environments", stack, "image"];
  const named = (image: string | undefined) => (image === undefined ? "the pinned runtime image" : `custom image "${image}"`);
  const pools = serverPools.map((pool) => {
    const members = pool.models.map((name) => catalog.find((m) => m.spec.name === name)!);
    const [first, ...rest] = members;
    const chosen = imageOf(first!);
    let failed = false;
    for (const model of rest) {
      if (imageOf(model) === chosen) continue;
      failed = true;
      problems.push(
        problemAt(
          model.origin,
          path,
          `server pool "${pool.name}" runs ${named(chosen)} (model ${first!.spec.name}) but this model asks for ${named(imageOf(model))}; got ${describeValue(imageOf(model))}. Give every model of a server pool the same image, or separate server pools.`,
        ),
      );
    }
    if (failed || chosen === undefined) return pool;
    const problem = poolImageProblem(chosen, pool, environment, registry);
    if (problem !== undefined) {
      for (const model of members) problems.push(problemAt(model.origin, path, problem));
      return pool;
    }
    // Without a registry the foundation has already reported why; the pool keeps its runtime image.
    const image = registry?.customImages.find((i) => i.name === chosen);
    return image === undefined ? pool : { ...pool, image: image.imageName, customImage: chosen };
  });
  return { serverPools: pools, problems };
}

/** Why `pool` cannot run custom image `name`, as a problem message; undefined when it can. */
function poolImageProblem(
  name: string,
  pool: ResolvedServerPool,
  environment: Pick<ResolvedEnvironment, "stack" | "cluster">,
  registry: ResolvedRegistry | undefined,
): string | undefined {
  const got = describeValue(name);
  if (environment.cluster.mode !== "create") {
    return `needs the registry inferstack creates, where custom images are built, but stack "${environment.stack}" uses an existing cluster; got ${got}. Remove it: an existing cluster runs the pinned runtime image (or your registry.mirror of it).`;
  }
  if (registry === undefined) return undefined;
  const image = registry.customImages.find((i) => i.name === name);
  if (image === undefined) {
    const names = registry.customImages.map((i) => i.name);
    return `names no custom image of stack "${environment.stack}"; got ${got}. ${names.length > 0 ? `Use one of ${listChoices(names)}` : "Add it under inferstack:environment.registry.customImages"}, or remove it.`;
  }
  if (image.runtime !== pool.runtime) {
    return `is built on ${image.runtime} but the model runs on ${pool.runtime}; got ${got}. Run a custom image built on ${pool.runtime}, or remove it.`;
  }
  const tags = RUNTIME_IMAGES[image.runtime];
  if (image.gpu !== pool.gpu && tags.gpuTag !== tags.cpuTag) {
    return `is built on the ${image.gpu ? "GPU" : "CPU"} image of ${image.runtime} but node pool "${pool.nodePool}" ${pool.gpu ? "has GPUs" : "has no GPUs"}; got ${got}. Set registry.customImages.${name}.gpu: ${pool.gpu}, or use another image.`;
  }
  return undefined;
}
