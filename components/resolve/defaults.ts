import { type CapacityType, type Tier } from "../spec/environment";
import { type Precision } from "../spec/model";

/** Defaults that differ by environment tier. */
export interface TierDefaults {
  /** Capacity type of node pools that do not set one. */
  readonly capacityType: CapacityType;
  /** Whether node pools may use spot capacity at all. */
  readonly allowSpot: boolean;
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Replica bounds of models that do not set them. */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Fewest replicas a model may run with, even when it asks for fewer. */
  readonly replicaFloor: number;
  readonly spreadAcrossZones: boolean;
  readonly discovery: boolean;
  readonly observability: boolean;
  readonly logging: boolean;
}

/**
 * Every tier-dependent default, in one place. dev is cheap (spot, one replica); staging mirrors prod's
 * shape at lower scale; prod runs on-demand with at least two replicas spread over zones.
 */
export const TIER_DEFAULTS: Readonly<Record<Tier, TierDefaults>> = Object.freeze({
  dev: Object.freeze({
    capacityType: "SPOT",
    allowSpot: true,
    minNodes: 1,
    maxNodes: 2,
    minReplicas: 1,
    maxReplicas: 2,
    replicaFloor: 1,
    spreadAcrossZones: false,
    discovery: true,
    observability: true,
    logging: false,
  }),
  staging: Object.freeze({
    capacityType: "ON_DEMAND",
    allowSpot: true,
    minNodes: 1,
    maxNodes: 4,
    minReplicas: 1,
    maxReplicas: 4,
    replicaFloor: 1,
    spreadAcrossZones: true,
    discovery: true,
    observability: true,
    logging: true,
  }),
  prod: Object.freeze({
    capacityType: "ON_DEMAND",
    allowSpot: false,
    minNodes: 2,
    maxNodes: 6,
    minReplicas: 2,
    maxReplicas: 4,
    replicaFloor: 2,
    spreadAcrossZones: true,
    discovery: true,
    observability: true,
    logging: true,
  }),
} satisfies Record<Tier, TierDefaults>);

/** Defaults that do not depend on the environment. */
export const PLATFORM_DEFAULTS = Object.freeze({
  /** Namespace of the serving workloads. */
  namespace: "inferstack",
  /** Directory of the model catalog, relative to the project root. */
  catalogDir: "catalog",
  maxBatchSize: 0,
  instancesPerServer: 1,
  precision: "fp32" satisfies Precision as Precision,
  tensorrt: false,
  /**
   * Share of each GPU's memory kept free for the CUDA context, runtime workspace and fragmentation:
   * a model may use at most 90% of a GPU.
   */
  gpuMemoryHeadroomRatio: 0.1,
});
