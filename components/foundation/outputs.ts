import type * as pulumi from "@pulumi/pulumi";
import { renderMirrorCommands } from "../registry/render";
import { type ResolvedFoundation } from "../resolve/foundation-types";
import { type AwsFoundation } from "./foundation";

/** What a stack exports about the foundation it created. */
export interface FoundationOutputs {
  readonly clusterName: pulumi.Output<string>;
  /** Kubeconfig (`aws eks get-token`), secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** `<host>/<prefix>` of the created repositories. */
  readonly registryUrl: string;
  readonly modelStoreBucket: pulumi.Output<string>;
  /** IRSA role ARN per server pool. */
  readonly modelStoreRoleArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** Commands that copy the pinned runtime images into the registry before pools pull them. */
  readonly mirrorCommands: readonly string[];
  /** Each custom image's pushed reference, `<repository>:<tag>@sha256:<digest>`, by name. */
  readonly customImages: Readonly<Record<string, pulumi.Output<string>>>;
}

/** The stack outputs of a created foundation. */
export function foundationOutputs(component: AwsFoundation, foundation: ResolvedFoundation): FoundationOutputs {
  return {
    clusterName: component.cluster.clusterName,
    kubeconfig: component.kubeconfig,
    registryUrl: component.registry.url,
    modelStoreBucket: component.modelStore.bucketName,
    modelStoreRoleArns: component.modelStoreRoleArns,
    mirrorCommands: renderMirrorCommands(foundation.registry),
    customImages: Object.fromEntries(Object.entries(component.registry.customImages).map(([name, image]) => [name, image.reference])),
  };
}
