/** Container image references: repository, tag and digest, with Docker Hub's implicit parts made explicit. */
import { fullRepository } from "../../components/resolve/policy";

/** A parsed image reference. */
export interface ImageRef {
  /** The reference as written. */
  readonly text: string;
  /** Repository in full form, e.g. `docker.io/tensorflow/serving` or `nvcr.io/nvidia/tritonserver`. */
  readonly repository: string;
  readonly tag?: string;
  /** `sha256:<64 hex>` when pinned by digest. */
  readonly digest?: string;
}

/** Parses `registry/repo:tag@sha256:...`; any part after the repository may be missing. */
export function parseImage(text: string): ImageRef {
  const [beforeDigest, digest] = text.split("@", 2) as [string, string | undefined];
  const lastSlash = beforeDigest.lastIndexOf("/");
  const colon = beforeDigest.indexOf(":", lastSlash + 1);
  const repository = colon < 0 ? beforeDigest : beforeDigest.slice(0, colon);
  const tag = colon < 0 ? undefined : beforeDigest.slice(colon + 1);
  return {
    text,
    repository: fullRepository(repository),
    ...(tag === undefined || tag === "" ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** True when the reference carries a well-formed sha256 digest. */
export function isDigestPinned(image: ImageRef): boolean {
  return image.digest !== undefined && /^sha256:[0-9a-f]{64}$/.test(image.digest);
}

/**
 * True when `image` starts with one of `prefixes`: a prefix ending in `/` is a registry or path; any
 * other prefix is a whole repository (the next character must start the tag or digest).
 */
export function fromAllowedRegistry(image: ImageRef, prefixes: readonly string[]): boolean {
  const full = `${image.repository}${image.tag === undefined ? "" : `:${image.tag}`}${image.digest === undefined ? "" : `@${image.digest}`}`;
  return prefixes.some((prefix) => {
    const p = prefix.endsWith("/") ? prefix : fullRepository(prefix);
    if (p.endsWith("/")) return full.startsWith(p);
    return full === p || (full.startsWith(p) && [":", "@"].includes(full[p.length]!));
  });
}
