import * as aws from "../aws-sdk";
import * as pulumi from "@pulumi/pulumi";
import { foundationKey } from "../identity/kms-key";
import { type KeyContext } from "../identity/kms";
import { type ResolvedRegistry } from "../resolve/foundation-types";
import { TOKENS } from "../tokens";
import { CustomImage } from "./custom-image";
import { renderLifecyclePolicy, renderScanningRules, repositoryTags, REPOSITORY_SETTINGS } from "./render";

/** Arguments of {@link ContainerRegistry}. */
export interface ContainerRegistryArgs {
  /** The resolved registry: repositories, the tags they keep, scanning and retention. */
  readonly registry: ResolvedRegistry;
  readonly context: KeyContext;
  readonly kmsDeletionWindowDays: number;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * ECR repositories for the runtime images the pools use and for custom serving images: immutable
 * tags (RULES ECR-01), scan on push (ECR-02; or a registry-level rule for the prefix), a lifecycle
 * policy that keeps every referenced tag (ECR-03) and a customer-managed KMS key (ECR-05, set at
 * creation: encryption cannot be changed afterwards).
 */
export class ContainerRegistry extends pulumi.ComponentResource {
  /** Repository URLs by short name (`tritonserver`, `tensorflow-serving`, custom names). */
  readonly repositoryUrls: Readonly<Record<string, pulumi.Output<string>>>;
  /** `<host>/<prefix>`: where the pools' images are pulled from. */
  readonly url: string;
  /** Custom images built and pushed into their repositories, by name (`registry.customImages`). */
  readonly customImages: Readonly<Record<string, CustomImage>>;

  constructor(name: string, args: ContainerRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.registry, name, {}, opts);
    const { registry, tags } = args;
    const parent = { parent: this };
    const key = foundationKey(`${name}-key`, { purpose: "registry", context: args.context, deletionWindowInDays: args.kmsDeletionWindowDays, tags }, parent);

    const urls: Record<string, pulumi.Output<string>> = {};
    for (const repo of registry.repositories) {
      const short = repo.name.slice(registry.prefix.length + 1);
      const repository = new aws.ecr.Repository(
        `${name}-${short}`,
        {
          name: repo.name,
          imageTagMutability: REPOSITORY_SETTINGS.imageTagMutability,
          imageScanningConfiguration: { scanOnPush: REPOSITORY_SETTINGS.scanOnPush },
          encryptionConfigurations: [{ encryptionType: REPOSITORY_SETTINGS.encryptionType, kmsKey: key.arn }],
          forceDelete: false,
          tags: { ...tags, ...repositoryTags(repo) },
        },
        parent,
      );
      new aws.ecr.LifecyclePolicy(`${name}-${short}-lifecycle`, { repository: repository.name, policy: JSON.stringify(renderLifecyclePolicy(repo, registry)) }, parent);
      urls[short] = repository.repositoryUrl;
    }
    const scanning = renderScanningRules(registry);
    if (scanning) new aws.ecr.RegistryScanningConfiguration(`${name}-scanning`, scanning, parent);
    const images: Record<string, CustomImage> = {};
    for (const image of registry.customImages) {
      images[image.name] = new CustomImage(`${name}-${image.name}-build`, { image, repositoryUrl: urls[image.name]!, registryHost: registry.host, registryId: args.context.accountId }, parent);
    }
    this.customImages = images;

    this.repositoryUrls = urls;
    this.url = `${registry.host}/${registry.prefix}`;
    this.registerOutputs({ url: this.url, repositoryUrls: this.repositoryUrls });
  }
}
