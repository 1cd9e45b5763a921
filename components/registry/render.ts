/**
 * Pure renderers of the registry: each repository's lifecycle policy and the registry-level scanning
 * rules. ECR lifecycle semantics (AWS ECR user guide, lifecycle policy evaluation): an image that a
 * higher-priority rule selects is never expired by a lower-priority one, and a `tagPatternList`
 * matches only images carrying every listed pattern, hence one keep rule per referenced tag.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html
 */
import { AWS_TAGS } from "../labels";
import { FOUNDATION_DEFAULTS } from "../resolve/foundation-defaults";
import { type ResolvedRegistry, type ResolvedRepository } from "../resolve/foundation-types";

/**
 * Settings of every repository: immutable tags (RULES ECR-01), scan on push (ECR-02) and a
 * customer-managed KMS key (ECR-05; encryption is set at creation and cannot change afterwards).
 */
export const REPOSITORY_SETTINGS = Object.freeze({ imageTagMutability: "IMMUTABLE", scanOnPush: true, encryptionType: "KMS" } as const);

/** Tags of a repository besides the foundation's: the upstream image it mirrors, if any. */
export function repositoryTags(repository: ResolvedRepository): Record<string, string> {
  return repository.mirrorOf === undefined ? {} : { [AWS_TAGS.mirrorOf]: repository.mirrorOf };
}

/** One ECR lifecycle rule. */
export interface LifecycleRule {
  readonly rulePriority: number;
  readonly description: string;
  readonly selection: {
    readonly tagStatus: "tagged" | "untagged";
    readonly tagPatternList?: readonly string[];
    readonly countType: "imageCountMoreThan" | "sinceImagePushed";
    readonly countUnit?: "days";
    readonly countNumber: number;
  };
  readonly action: { readonly type: "expire" };
}

/**
 * A repository's lifecycle policy: keep every tag a deployment references (whatever its age or
 * rank), expire untagged images after `untaggedImageDays`, and keep only the newest
 * `keepTaggedImages` other tagged images. Tagged images are never expired by age (RULES ECR-03).
 */
export function renderLifecyclePolicy(repository: ResolvedRepository, registry: Pick<ResolvedRegistry, "keepTaggedImages" | "untaggedImageDays">): { rules: LifecycleRule[] } {
  const keep: LifecycleRule[] = repository.keepTags.map((tag, index) => ({
    rulePriority: index + 1,
    description: `Keep ${tag}: a deployment references it`,
    selection: { tagStatus: "tagged", tagPatternList: [tag], countType: "imageCountMoreThan", countNumber: FOUNDATION_DEFAULTS.registry.keepReferencedCount },
    action: { type: "expire" },
  }));
  const next = keep.length + 1;
  return {
    rules: [
      ...keep,
      {
        rulePriority: next,
        description: `Expire untagged images after ${registry.untaggedImageDays} days`,
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: registry.untaggedImageDays },
        action: { type: "expire" },
      },
      {
        rulePriority: next + 1,
        description: `Keep the newest ${registry.keepTaggedImages} other tagged images`,
        selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: registry.keepTaggedImages },
        action: { type: "expire" },
      },
    ],
  };
}

/**
 * Registry-level scanning rules covering the environment's repositories: scan on push (BASIC) or
 * continuous scanning through Amazon Inspector (ENHANCED). Undefined when the registry keeps
 * per-repository scan on push. The configuration is one per account and region: it replaces rules
 * set elsewhere in the account.
 */
export function renderScanningRules(registry: ResolvedRegistry): { scanType: string; rules: { scanFrequency: string; repositoryFilters: { filter: string; filterType: "WILDCARD" }[] }[] } | undefined {
  if (registry.scanType === undefined) return undefined;
  return {
    scanType: registry.scanType,
    rules: [
      {
        scanFrequency: registry.scanType === "ENHANCED" ? "CONTINUOUS_SCAN" : "SCAN_ON_PUSH",
        repositoryFilters: [{ filter: `${registry.prefix}/*`, filterType: "WILDCARD" }],
      },
    ],
  };
}

/** Commands that copy each mirrored runtime image into its repository (`crane copy`, run once per tag). */
export function renderMirrorCommands(registry: ResolvedRegistry): string[] {
  return registry.repositories.flatMap((repo) =>
    repo.mirrorOf === undefined ? [] : repo.keepTags.map((tag) => `crane copy ${repo.mirrorOf}:${tag} ${registry.host}/${repo.name}:${tag}`),
  );
}
