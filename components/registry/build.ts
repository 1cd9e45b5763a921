/**
 * Custom images, the pure part: where a build context lives, its content digest, the image's tag, the
 * build inputs the `CustomImage` component hands to `@pulumi/docker`, and the reference pods run.
 *
 * Tags are content addresses: `<base tag>-<first 12 hex of the context digest>`, where the digest
 * covers every file of the build context, the build arguments (the pinned base image), the platform and
 * the Dockerfile's path. The same repository content always gives the same tag (nothing is pushed when
 * nothing changed) and a change anywhere gives a new one, so the repository's IMMUTABLE tags are never
 * pushed twice with different content.
 */
import { createHash } from "node:crypto";
import { type Runtime } from "../spec/model";
import { runtimeImage, RUNTIME_IMAGES } from "./images";

/** Fixed settings of every custom image build. */
export const CUSTOM_IMAGE_SETTINGS = Object.freeze({
  /** Project directory holding the build contexts (one directory per image by default). */
  contextsDir: "images",
  dockerfileName: "Dockerfile",
  /** Build argument carrying the pinned runtime image the Dockerfile builds `FROM`. */
  baseImageArg: "BASE_IMAGE",
  /** Every node group runs x86_64 AMIs (components/spec/foundation.ts `AMI_TYPES`). */
  platform: "linux/amd64",
  /** Hex digits of the context digest in a tag: 48 bits, collision-free for any realistic history. */
  tagDigestLength: 12,
});

/** One file of a build context, as the project loader read it. */
export interface ImageFile {
  /** Project-relative path with `/` separators, e.g. `images/triton-python/Dockerfile`. */
  readonly path: string;
  /** SHA-256 of the file's bytes, lowercase hex. */
  readonly sha256: string;
}

/** The default build context of a custom image: `images/<name>`. */
export function defaultContext(name: string): string {
  return `${CUSTOM_IMAGE_SETTINGS.contextsDir}/${name}`;
}

/** The files of `context` (a project-relative directory), paths relative to it, sorted. */
export function contextFiles(files: readonly ImageFile[], context: string): ImageFile[] {
  return files
    .filter((file) => file.path.startsWith(`${context}/`))
    .map((file) => ({ path: file.path.slice(context.length + 1), sha256: file.sha256 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What a build's result depends on, besides the builder: the context's files and the build inputs. */
export interface BuildInputs {
  /** Files relative to the context, sorted. */
  readonly files: readonly ImageFile[];
  readonly dockerfile: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly platform: string;
}

/** SHA-256 (hex) over everything a build depends on; stable across machines and key orders. */
export function buildDigest(inputs: BuildInputs): string {
  const args = Object.keys(inputs.buildArgs)
    .sort()
    .map((key) => [key, inputs.buildArgs[key]]);
  const canonical = JSON.stringify({ files: inputs.files.map((f) => [f.path, f.sha256]), dockerfile: inputs.dockerfile, buildArgs: args, platform: inputs.platform });
  return createHash("sha256").update(canonical).digest("hex");
}

/** The tag of a custom image: the base image's tag, then the build digest's first hex digits. */
export function customImageTag(runtime: Runtime, gpu: boolean, digest: string): string {
  const base = RUNTIME_IMAGES[runtime];
  return `${gpu ? base.gpuTag : base.cpuTag}-${digest.slice(0, CUSTOM_IMAGE_SETTINGS.tagDigestLength)}`;
}

/** The build arguments of an image extending `runtime`: the pinned upstream image (never a mirror). */
export function customImageBuildArgs(runtime: Runtime, gpu: boolean): Record<string, string> {
  return { [CUSTOM_IMAGE_SETTINGS.baseImageArg]: runtimeImage(runtime, gpu) };
}

/** A repository URL with a tag: `<host>/<repository>:<tag>`. */
export function taggedReference(repositoryUrl: string, tag: string): string {
  return `${repositoryUrl}:${tag}`;
}

/**
 * The reference pods run: the pushed tag pinned to the digest the registry returned
 * (`<repository>:<tag>@sha256:<digest>`; the runtime pulls by digest, the tag stays readable).
 * @param imageName the pushed `<repository>:<tag>`
 * @param repoDigest `<repository>@sha256:<digest>`, as `@pulumi/docker` reports it after the push
 */
export function pinnedReference(imageName: string, repoDigest: string): string {
  const at = repoDigest.lastIndexOf("@");
  const digest = repoDigest.slice(at + 1);
  if (at < 0 || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new Error(`a pushed image's repoDigest must end in @sha256:<64 hex digits>; got ${JSON.stringify(repoDigest)}`);
  }
  return `${imageName}@${digest}`;
}
