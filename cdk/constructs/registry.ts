import { RemovalPolicy, Tags } from "aws-cdk-lib";
import * as ecr from "aws-cdk-lib/aws-ecr";
import { Construct } from "constructs";
import { type KeyContext } from "../../components/identity/kms";
import { renderLifecyclePolicy, renderScanningRules, repositoryTags, REPOSITORY_SETTINGS } from "../../components/registry/render";
import { type ResolvedRegistry } from "../../components/resolve/foundation-types";
import { FoundationKey } from "./keys";

/** Properties of {@link ContainerRegistry}. */
export interface ContainerRegistryProps {
  /** The resolved registry: repositories, the tags they keep, scanning and retention. */
  readonly registry: ResolvedRegistry;
  readonly context: KeyContext;
  readonly kmsDeletionWindowDays: number;
}

/**
 * ECR repositories for the runtime images the pools use and for custom serving images, as the Pulumi
 * `ContainerRegistry` creates them: immutable tags (RULES ECR-01), scan on push (ECR-02, or a
 * registry-level rule for the prefix), the rendered lifecycle policy that keeps every referenced tag
 * (ECR-03) and a customer-managed KMS key (ECR-05). L1 repositories: the L2's lifecycle API writes its
 * own rule JSON, and the policy must be the rendered one.
 */
export class ContainerRegistry extends Construct {
  /** Repositories by short name (`tritonserver`, `tensorflow-serving`, custom names). */
  readonly repositories: Readonly<Record<string, ecr.CfnRepository>>;
  /** `<host>/<prefix>`: where the pools' images are pulled from. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const { registry } = props;
    const key = new FoundationKey(this, "Key", { purpose: "registry", context: props.context, deletionWindowDays: props.kmsDeletionWindowDays });
    const repositories: Record<string, ecr.CfnRepository> = {};
    for (const repo of registry.repositories) {
      const short = repo.name.slice(registry.prefix.length + 1);
      const repository = new ecr.CfnRepository(this, short, {
        repositoryName: repo.name,
        imageTagMutability: REPOSITORY_SETTINGS.imageTagMutability,
        imageScanningConfiguration: { scanOnPush: REPOSITORY_SETTINGS.scanOnPush },
        encryptionConfiguration: { encryptionType: REPOSITORY_SETTINGS.encryptionType, kmsKey: key.keyArn },
        lifecyclePolicy: { lifecyclePolicyText: JSON.stringify(renderLifecyclePolicy(repo, registry)) },
        // As the Pulumi engine's `forceDelete: false`: a repository holding images is never emptied.
        emptyOnDelete: false,
      });
      // Images outlive the stack: a deleted stack keeps its repositories (and their key).
      repository.applyRemovalPolicy(RemovalPolicy.RETAIN);
      for (const [tagKey, value] of Object.entries(repositoryTags(repo))) Tags.of(repository).add(tagKey, value);
      repositories[short] = repository;
    }
    const scanning = renderScanningRules(registry);
    if (scanning) {
      new ecr.CfnRegistryScanningConfiguration(this, "Scanning", {
        scanType: scanning.scanType,
        rules: scanning.rules.map((rule) => ({ scanFrequency: rule.scanFrequency, repositoryFilters: rule.repositoryFilters.map((f) => ({ filter: f.filter, filterType: f.filterType })) })),
      });
    }
    this.repositories = repositories;
    this.url = `${registry.host}/${registry.prefix}`;
  }
}
