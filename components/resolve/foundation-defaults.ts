/**
 * Every default of the AWS foundation (`cluster.mode: create`), in one place: what differs by tier in
 * {@link FOUNDATION_TIER_DEFAULTS}, the rest in {@link FOUNDATION_DEFAULTS}. Applied by
 * `components/resolve/foundation.ts`.
 */
import { type AmiType, type ClusterLogType, type EndpointAccess, type NatGatewayMode } from "../spec/foundation";
import { type Tier } from "../spec/environment";

/** Foundation defaults that differ by environment tier. */
export interface FoundationTierDefaults {
  /** Endpoint access of clusters that do not set it. */
  readonly endpointAccess: EndpointAccess;
  /** Whether the Kubernetes API may be public at all (RULES EKS-01). */
  readonly allowPublicEndpoint: boolean;
  /** Control-plane log types (RULES EKS-03: all five outside dev, at least audit in dev). */
  readonly logTypes: readonly ClusterLogType[];
  /** Retention of control-plane and flow logs, in days. */
  readonly logRetentionDays: number;
  readonly natGateways: NatGatewayMode;
  /** VPC flow logs (RULES NET-03). */
  readonly flowLogs: boolean;
  /** The CPU system node group. */
  readonly systemNodes: { readonly instanceTypes: readonly string[]; readonly minNodes: number; readonly maxNodes: number };
  /** Fewest system nodes accepted (Consul's three servers keep quorum on separate nodes in prod; RULES NODE-07). */
  readonly systemNodesFloor: number;
  /** Fewest nodes a node pool may shrink to (RULES NODE-06: 2 in prod). */
  readonly nodePoolFloor: number;
  /** Fewest zones a node pool must span (RULES NODE-05). */
  readonly nodePoolMinZones: number;
  /** Days a scheduled KMS key deletion can still be cancelled (RULES KMS-03: 30 in prod). */
  readonly kmsDeletionWindowDays: number;
  /** EC2 detailed (one-minute) monitoring on nodes (RULES NODE-08). */
  readonly detailedMonitoring: boolean;
  /** Days a replaced or deleted model file stays restorable. */
  readonly noncurrentVersionDays: number;
  /** Server access logging of the model store (RULES S3-05: mandatory in prod). */
  readonly accessLogging: boolean;
}

/**
 * The foundation per tier. dev is cheap and reachable (one NAT gateway, public endpoint behind an
 * allow-list, spot nodes); staging has prod's shape; prod is private, fully logged and multi-zone.
 */
export const FOUNDATION_TIER_DEFAULTS: Readonly<Record<Tier, FoundationTierDefaults>> = Object.freeze({
  dev: Object.freeze({
    endpointAccess: "public",
    allowPublicEndpoint: true,
    logTypes: Object.freeze(["api", "audit", "authenticator"] as const),
    logRetentionDays: 30,
    natGateways: "single",
    flowLogs: false,
    systemNodes: Object.freeze({ instanceTypes: Object.freeze(["m6i.xlarge"]), minNodes: 2, maxNodes: 3 }),
    systemNodesFloor: 1,
    nodePoolFloor: 0,
    nodePoolMinZones: 1,
    kmsDeletionWindowDays: 7,
    detailedMonitoring: false,
    noncurrentVersionDays: 30,
    accessLogging: false,
  }),
  staging: Object.freeze({
    endpointAccess: "private",
    allowPublicEndpoint: true,
    logTypes: Object.freeze(["api", "audit", "authenticator", "controllerManager", "scheduler"] as const),
    logRetentionDays: 90,
    natGateways: "per-zone",
    flowLogs: true,
    systemNodes: Object.freeze({ instanceTypes: Object.freeze(["m6i.xlarge"]), minNodes: 3, maxNodes: 4 }),
    systemNodesFloor: 1,
    nodePoolFloor: 1,
    nodePoolMinZones: 2,
    kmsDeletionWindowDays: 30,
    detailedMonitoring: true,
    noncurrentVersionDays: 90,
    accessLogging: true,
  }),
  prod: Object.freeze({
    endpointAccess: "private",
    allowPublicEndpoint: false,
    logTypes: Object.freeze(["api", "audit", "authenticator", "controllerManager", "scheduler"] as const),
    logRetentionDays: 365,
    natGateways: "per-zone",
    flowLogs: true,
    systemNodes: Object.freeze({ instanceTypes: Object.freeze(["m6i.2xlarge"]), minNodes: 3, maxNodes: 6 }),
    systemNodesFloor: 3,
    nodePoolFloor: 2,
    nodePoolMinZones: 2,
    kmsDeletionWindowDays: 30,
    detailedMonitoring: true,
    noncurrentVersionDays: 90,
    accessLogging: true,
  }),
} satisfies Record<Tier, FoundationTierDefaults>);

/** Foundation defaults that do not depend on the tier. */
export const FOUNDATION_DEFAULTS = Object.freeze({
  /** Prefix of cluster names: `inferstack-<stack>`. */
  clusterNamePrefix: "inferstack",
  /**
   * Kubernetes version of new clusters. In EKS standard support until 2027-03-27 (1.34 ends
   * 2026-12-02), per endoflife.date/amazon-eks and the EKS version calendar, checked 2026-11-28.
   */
  kubernetesVersion: "1.35",
  vpcCidr: "10.0.0.0/16",
  /** Zones of a new VPC: `<region>a`, `<region>b`, `<region>c`. */
  zoneSuffixes: Object.freeze(["a", "b", "c"]),
  deployerAdmin: true,
  gpuAmiType: "AL2023_x86_64_NVIDIA" satisfies AmiType as AmiType,
  cpuAmiType: "AL2023_x86_64_STANDARD" satisfies AmiType as AmiType,
  /** Image volume of GPU nodes: Triton and TF Serving GPU images are several GB each, two versions coexist during a rollout. */
  gpuDiskSizeGiB: 200,
  cpuDiskSizeGiB: 50,
  /** Bottlerocket's OS volume (`/dev/xvda`); images live on its data volume (`/dev/xvdb`), sized by diskSizeGiB. */
  bottlerocketOsVolumeGiB: 4,
  /**
   * Share of the on-demand price a spot instance saves. A deliberately cautious assumption: AWS quotes
   * "up to 90%"; its Auto Scaling user guide example (us-east-1 c5 family) shows 44-62%; GPU spot
   * capacity is in higher demand. Override with `cost.spotDiscountRatio`.
   * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/weights-spot-price-per-unit-hour-example.html
   */
  spotDiscountRatio: 0.5,
  registry: Object.freeze({
    /** Tagged images kept per repository besides the tags deployments reference. */
    keepTaggedImages: 30,
    untaggedImageDays: 14,
    mirrorRuntimeImages: true,
    /** `countNumber` of a "keep" rule: ECR never expires images a higher-priority rule selects. */
    keepReferencedCount: 9999,
  }),
  modelStore: Object.freeze({
    /** Prefix of created model store buckets: `inferstack-models-<account>-<stack>`. */
    bucketPrefix: "inferstack-models",
    /** Suffix of the access log bucket's name. */
    logBucketSuffix: "-logs",
    abortIncompleteUploadDays: 7,
    /** Days access logs are kept in the log bucket. */
    accessLogDays: 365,
  }),
});
