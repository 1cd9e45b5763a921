/**
 * The stack facts policies compare resources against (models, server pools, node pools, budget,
 * allow-lists), built from the resolved spec. Offline the runner passes it as every policy's config;
 * under the Pulumi CLI it comes from `out/<stack>/policy-pack-config.json`.
 */
import { CUSTOM_IMAGE_SETTINGS } from "../../components/registry/build";
import { type ResolvedPlatform } from "../../components/resolve/types";
import { type Runtime } from "../../components/spec/model";
import { type Tier } from "../../components/spec/environment";

/** One model the stack serves. */
export interface ContextModel {
  readonly name: string;
  readonly runtime: Runtime;
  readonly serverPool: string;
  readonly nodePool: string;
  /** Model-store location of its repository directory. */
  readonly location: { readonly bucket: string; readonly prefix: string };
  /** Catalog file it was typed in (for code-scanning locations). */
  readonly sourceFile: string;
}

/** One server pool (one Deployment) of the stack. */
export interface ContextServerPool {
  readonly name: string;
  readonly runtime: Runtime;
  readonly nodePool: string;
  readonly gpu: boolean;
  readonly serviceAccount: string;
  readonly models: readonly string[];
  readonly minReplicas: number;
  readonly maxReplicas: number;
}

/** One node pool of the environment. */
export interface ContextNodePool {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly gpu: boolean;
  readonly gpusPerNode: number;
  readonly minNodes: number;
  readonly maxNodes: number;
}

/** One custom image the stack builds and pushes (`registry.customImages`); pools of its runtime may run it. */
export interface ContextCustomImage {
  readonly name: string;
  /** `<registry host>/<repository>`, without tag. */
  readonly repository: string;
  readonly runtime: Runtime;
  /** The image it is built on (its `BASE_IMAGE` build argument). */
  readonly baseImage: string;
}

/** Everything a context-reading policy may compare against. Plain JSON. */
export interface PolicyContext {
  readonly stack: string;
  readonly tier: Tier;
  /** Namespace of the serving workloads. */
  readonly namespace: string;
  readonly aws: { readonly region: string; readonly accountId: string };
  readonly models: readonly ContextModel[];
  readonly serverPools: readonly ContextServerPool[];
  readonly nodePools: readonly ContextNodePool[];
  readonly budget: { readonly maxGpus: number; readonly maxMonthlyUsd: number };
  readonly allowedInstanceTypes: readonly string[];
  readonly allowedImageRegistries: readonly string[];
  /** Custom images of a created registry, by name. */
  readonly customImages: readonly ContextCustomImage[];
  /** Which areas the environment runs. */
  readonly areas: { readonly discovery: boolean; readonly observability: boolean; readonly logging: boolean };
}

/** An acknowledgement as policy config carries it (the policy is the config's key). */
export interface ConfigAcknowledgement {
  readonly resource: string;
  readonly reason: string;
}

/** The config every inferstack policy accepts. */
export interface PolicyConfig {
  readonly tier?: Tier;
  readonly context?: PolicyContext;
  /** Used by the pack entry under the Pulumi CLI; the offline runner applies acknowledgements itself. */
  readonly acknowledgements?: readonly ConfigAcknowledgement[];
}

/** The policy config of a validation call; empty when none was given. */
export function configOf(args: { getConfig<T extends object>(): T }): PolicyConfig {
  return (args.getConfig<PolicyConfig>() as PolicyConfig | undefined) ?? {};
}

/** Builds the context of a resolved stack. Pure and deterministic. */
export function policyContext(platform: ResolvedPlatform): PolicyContext {
  const { environment, models, serverPools, policy } = platform;
  return {
    stack: environment.stack,
    tier: environment.tier,
    namespace: environment.namespace,
    aws: { region: environment.aws.region, accountId: environment.aws.accountId },
    models: models.map((m) => ({
      name: m.name,
      runtime: m.runtime,
      serverPool: m.serverPool,
      nodePool: m.nodePool,
      location: { bucket: m.artifact.location.bucket, prefix: m.artifact.location.prefix },
      sourceFile: m.sourceFile,
    })),
    serverPools: serverPools.map((p) => ({
      name: p.name,
      runtime: p.runtime,
      nodePool: p.nodePool,
      gpu: p.gpu,
      serviceAccount: p.serviceAccount,
      models: [...p.models],
      minReplicas: p.scaling.minReplicas,
      maxReplicas: p.scaling.maxReplicas,
    })),
    nodePools: environment.nodePools.map((p) => ({
      name: p.name,
      instanceTypes: [...p.instanceTypes],
      gpu: p.gpu,
      gpusPerNode: p.gpusPerNode,
      minNodes: p.minNodes,
      maxNodes: p.maxNodes,
    })),
    budget: { ...policy.budget },
    allowedInstanceTypes: [...policy.allowedInstanceTypes],
    allowedImageRegistries: [...policy.allowedImageRegistries],
    customImages: (platform.foundation?.registry.customImages ?? []).map((image) => ({
      name: image.name,
      repository: `${platform.foundation!.registry.host}/${image.repository}`,
      runtime: image.runtime,
      baseImage: image.buildArgs[CUSTOM_IMAGE_SETTINGS.baseImageArg]!,
    })),
    areas: { discovery: environment.discovery.enabled, observability: environment.observability.enabled, logging: environment.logging.enabled },
  };
}
