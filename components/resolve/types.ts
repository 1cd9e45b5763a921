import { type InstanceType } from "../compute/instance-types";
import { type CapacityType, type Tier } from "../spec/environment";
import { type EnforcementLevel } from "../spec/policy";
import {
  type DataType,
  type DynamicBatchingSpec,
  type ModelFormat,
  type Precision,
  type Runtime,
  type SloSpec,
} from "../spec/model";

/** A node pool with every default applied and its instance facts looked up. */
export interface ResolvedNodePool {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  /** The pool's smallest instance type (by GPU memory, then memory): what a model must fit on. */
  readonly instance: InstanceType;
  /** True when the pool's instances have GPUs. */
  readonly gpu: boolean;
  /** Memory of one GPU in GiB (0 for CPU pools). */
  readonly gpuMemoryGiB: number;
  /** GPUs on one node (0 for CPU pools). */
  readonly gpusPerNode: number;
  readonly capacityType: CapacityType;
  readonly minNodes: number;
  readonly maxNodes: number;
}

/** The environment a stack deploys, with every default applied. */
export interface ResolvedEnvironment {
  /** Stack name, e.g. `prod` or `prod-eu`. */
  readonly stack: string;
  readonly tier: Tier;
  readonly aws: { readonly region: string; readonly accountId: string };
  readonly cluster: { readonly mode: "existing" };
  /** The S3 bucket holding the model repository, when the environment has one. */
  readonly modelStore?: { readonly bucket: string };
  readonly namespace: string;
  /** Sorted by name. */
  readonly nodePools: readonly ResolvedNodePool[];
  /** Spread replicas over zones (topology spread on `topology.kubernetes.io/zone`). */
  readonly spreadAcrossZones: boolean;
  readonly discovery: { readonly enabled: boolean };
  readonly observability: { readonly enabled: boolean };
  readonly logging: { readonly enabled: boolean };
}

/** A model tensor, as resolved. */
export interface ResolvedTensor {
  readonly name: string;
  readonly dataType: DataType;
  readonly dims: readonly number[];
  readonly format?: "NHWC" | "NCHW";
}

/** One model as deployed in one environment. */
export interface ResolvedModel {
  readonly name: string;
  readonly description?: string;
  /** Catalog file the model came from, relative to the project root. */
  readonly sourceFile: string;
  readonly runtime: Runtime;
  readonly format: ModelFormat;
  readonly artifact: {
    /** The location as typed in the catalog. */
    readonly uri: string;
    /** Versions served in this environment, ascending. */
    readonly versions: readonly number[];
    /** Bucket and key prefix (no trailing slash) of the model's directory. */
    readonly location: { readonly bucket: string; readonly prefix: string };
  };
  readonly maxBatchSize: number;
  readonly inputs: readonly ResolvedTensor[];
  readonly outputs: readonly ResolvedTensor[];
  readonly dynamicBatching?: Readonly<DynamicBatchingSpec>;
  readonly instancesPerServer: number;
  /** GPU memory one instance needs, when the model runs on a GPU pool. */
  readonly gpu?: { readonly memoryGiB: number };
  readonly optimization: { readonly precision: Precision; readonly tensorrt: boolean };
  readonly slo: Readonly<SloSpec>;
  readonly scaling: { readonly minReplicas: number; readonly maxReplicas: number };
  /** Name of the node pool the model runs on. */
  readonly nodePool: string;
  /** Name of the server pool (Deployment) that serves the model. */
  readonly serverPool: string;
}

/**
 * One Deployment of one runtime on one node pool, serving one or more models. By default every model
 * has a pool of its own, named after it; models that name the same `serverPool` share one.
 */
export interface ResolvedServerPool {
  readonly name: string;
  readonly runtime: Runtime;
  readonly nodePool: string;
  /** True when the node pool has GPUs: each replica then takes one GPU. */
  readonly gpu: boolean;
  /** Names of the models served, sorted. */
  readonly models: readonly string[];
  /** ServiceAccount of the pool's pods (also the subject of its model-store identity). */
  readonly serviceAccount: string;
  /** Pinned runtime image. */
  readonly image: string;
  /** GPU memory the pool's models need together on one GPU, in GiB (0 on CPU pools). */
  readonly gpuMemoryGiB: number;
  /** Replica bounds: the largest minimum and the largest maximum of its models. */
  readonly scaling: { readonly minReplicas: number; readonly maxReplicas: number };
}

/** Everything one stack deploys: the only input of renderers and components. */
export interface ResolvedPlatform {
  readonly environment: ResolvedEnvironment;
  /** Models deployed in this environment, sorted by name. */
  readonly models: readonly ResolvedModel[];
  /** Server pools, sorted by name. */
  readonly serverPools: readonly ResolvedServerPool[];
  /** Policy enforcement, acknowledgements, allow-lists and budget (`inferstack:environment.policy`, `.budget`). */
  readonly policy: ResolvedPolicySettings;
}

/** A finding accepted with a written reason. */
export interface ResolvedAcknowledgement {
  /** The policy whose finding is accepted. */
  readonly policy: string;
  /** Pulumi resource name it applies to (with everything under it). */
  readonly resource: string;
  readonly reason: string;
}

/** The policy settings of a stack, with the tier's defaults applied. */
export interface ResolvedPolicySettings {
  /** Enforcement overrides by policy name (the tier's level applies to every other policy). */
  readonly enforcement: Readonly<Record<string, EnforcementLevel>>;
  readonly acknowledgements: readonly ResolvedAcknowledgement[];
  /** Instance types node pools and node groups may use, sorted. */
  readonly allowedInstanceTypes: readonly string[];
  /** Image reference prefixes workloads may pull from, sorted. */
  readonly allowedImageRegistries: readonly string[];
  readonly budget: { readonly maxGpus: number; readonly maxMonthlyUsd: number };
}
