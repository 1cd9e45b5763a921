/**
 * The AWS foundation with every default applied: plain data that the Pulumi components and the CDK
 * constructs both build from. Present on `ResolvedPlatform.foundation` only when `cluster.mode` is
 * `create`.
 */
import { type AmiType, type ClusterLogType, type NatGatewayMode, type RegistryScanType } from "../spec/foundation";
import { type CapacityType } from "../spec/environment";
import { type Runtime } from "../spec/model";

/** One zone of a new VPC with its two subnets. */
export interface ResolvedZone {
  readonly name: string;
  /** Private subnet: nodes, pods (VPC CNI) and the control plane's network interfaces. */
  readonly privateCidr: string;
  /** Public subnet: NAT gateways and internet-facing load balancers only. */
  readonly publicCidr: string;
}

/** The cluster's network: a VPC inferstack creates, or an existing one. */
export type ResolvedNetwork =
  | {
      readonly mode: "create";
      readonly cidr: string;
      /** Sorted by name. */
      readonly zones: readonly ResolvedZone[];
      readonly natGateways: NatGatewayMode;
      readonly flowLogs: { readonly enabled: boolean; readonly retentionDays: number };
    }
  | {
      readonly mode: "existing";
      readonly vpcId: string;
      /** Sorted by zone name. */
      readonly zones: readonly { readonly name: string; readonly privateSubnetId: string }[];
    };

/** A Kubernetes taint in the EKS API's spelling. */
export interface ResolvedTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

/** One EBS volume of a node's launch template. */
export interface ResolvedBlockDevice {
  readonly deviceName: string;
  readonly volumeSizeGiB: number;
}

/** One managed node group: the system group or one node pool's. */
export interface ResolvedNodeGroup {
  /** Node pool name, `system` for the CPU system group; the value of `inferstack.io/node-pool`. */
  readonly pool: string;
  readonly system: boolean;
  readonly gpu: boolean;
  readonly instanceTypes: readonly string[];
  readonly amiType: AmiType;
  readonly capacityType: CapacityType;
  readonly minNodes: number;
  readonly desiredNodes: number;
  readonly maxNodes: number;
  /** Sorted zone names. */
  readonly zones: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly ResolvedTaint[];
  /** Launch template volumes, all encrypted gp3. */
  readonly blockDevices: readonly ResolvedBlockDevice[];
  readonly detailedMonitoring: boolean;
  /** Who runs the NVIDIA device plugin on the group's nodes: the AMI (Bottlerocket), a Helm release (AL2023), or nobody (CPU). */
  readonly devicePlugin: "ami" | "helm" | "none";
}

/** The EKS cluster. */
export interface ResolvedEksCluster {
  readonly name: string;
  readonly kubernetesVersion: string;
  readonly endpoint: { readonly privateAccess: true; readonly publicAccess: boolean; readonly publicAccessCidrs: readonly string[] };
  readonly logging: { readonly types: readonly ClusterLogType[]; readonly retentionDays: number };
  /** IAM principals given cluster admin through access entries, sorted. */
  readonly admins: readonly string[];
  /** Give the identity running `pulumi up` cluster admin. */
  readonly deployerAdmin: boolean;
  /**
   * The cluster's Service CIDR, set explicitly (EKS would otherwise pick 10.100.0.0/16 or 172.20.0.0/16
   * from the VPC's range): the Consul DNS Service pins a ClusterIP inside it (`discovery.dns.serviceCidr`).
   */
  readonly serviceCidr: string;
}

/** One ECR repository. */
export interface ResolvedRepository {
  /** Full repository name, e.g. `inferstack/prod/tritonserver`. */
  readonly name: string;
  /** Upstream image it mirrors (`nvcr.io/nvidia/tritonserver`), absent for custom images. */
  readonly mirrorOf?: string;
  /** Tags deployments reference, kept by the lifecycle policy whatever their age or count. Sorted. */
  readonly keepTags: readonly string[];
}

/** A custom serving image: what is built, from where, and the tag it is pushed under. */
export interface ResolvedCustomImage {
  /** Key under `registry.customImages`, e.g. `triton-python`. */
  readonly name: string;
  /** Full repository name, e.g. `inferstack/prod/triton-python`. */
  readonly repository: string;
  readonly runtime: Runtime;
  /** Built on the runtime's GPU image (else its CPU image). */
  readonly gpu: boolean;
  /** Build context, project-relative (`images/<name>` by default). */
  readonly context: string;
  /** Project-relative path of the Dockerfile: `<context>/Dockerfile`. */
  readonly dockerfile: string;
  /** `BASE_IMAGE`: the pinned runtime image the Dockerfile builds on. */
  readonly buildArgs: Readonly<Record<string, string>>;
  /** `linux/amd64`: the node groups' architecture. */
  readonly platform: string;
  /** SHA-256 over the context's files and the build inputs (see `components/registry/build.ts`). */
  readonly digest: string;
  /** Content tag `<base tag>-<digest prefix>`, e.g. `26.07-py3-0123456789ab`. */
  readonly tag: string;
  /** Where it is pushed: `<host>/<repository>:<tag>`. */
  readonly imageName: string;
}

/** The registry inferstack creates. */
export interface ResolvedRegistry {
  /** `<account>.dkr.ecr.<region>.amazonaws.com`. */
  readonly host: string;
  readonly prefix: string;
  /** Sorted by name. */
  readonly repositories: readonly ResolvedRepository[];
  /** Registry-level scanning of `<prefix>/*`; absent keeps per-repository scan on push. */
  readonly scanType?: RegistryScanType;
  readonly keepTaggedImages: number;
  readonly untaggedImageDays: number;
  /** Custom images built and pushed on `pulumi up`, sorted by name. */
  readonly customImages: readonly ResolvedCustomImage[];
}

/** The model store bucket inferstack creates. */
export interface ResolvedModelStoreBucket {
  readonly bucket: string;
  /** Separate bucket receiving server access logs; absent when access logging is off. */
  readonly logBucket?: string;
  readonly noncurrentVersionDays: number;
  readonly abortIncompleteUploadDays: number;
  readonly accessLogDays: number;
}

/** What one server pool's identity may read. */
export interface ResolvedWorkloadIdentity {
  readonly serverPool: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** `system:serviceaccount:<namespace>:<serviceAccount>`: the only subject the role trusts. */
  readonly subject: string;
  /** Readable prefixes per bucket (no trailing slash), buckets and prefixes sorted. */
  readonly reads: readonly { readonly bucket: string; readonly prefixes: readonly string[] }[];
}

/** Everything the AWS foundation creates for one environment. */
export interface ResolvedFoundation {
  /** Tags on every AWS resource. */
  readonly tags: Readonly<Record<string, string>>;
  readonly kmsDeletionWindowDays: number;
  readonly network: ResolvedNetwork;
  readonly cluster: ResolvedEksCluster;
  /** The system group first, then node pools by name. */
  readonly nodeGroups: readonly ResolvedNodeGroup[];
  readonly registry: ResolvedRegistry;
  readonly modelStore: ResolvedModelStoreBucket;
  /** One per server pool, sorted. Workload identity is IRSA (see README: Pod Identity trade-off). */
  readonly identities: readonly ResolvedWorkloadIdentity[];
}
