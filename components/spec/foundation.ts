/**
 * Schemas of the AWS foundation: the cluster inferstack creates (`cluster.mode: create`), its network,
 * the container registry, the model store's bucket settings and the cost assumptions. Defaults are in
 * `components/resolve/foundation-defaults.ts`; cross-field checks in `components/resolve/foundation.ts`.
 */
import { z } from "../zod";
import { dnsLabel, nonNegativeInt, positiveInt } from "./common";
import { RUNTIMES } from "./model";

/** AMI types a node pool's managed node group may use (EKS API strings, lowercase `x86_64`). */
export const AMI_TYPES = ["AL2023_x86_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA", "AL2023_x86_64_STANDARD", "BOTTLEROCKET_x86_64"] as const;
export type AmiType = (typeof AMI_TYPES)[number];

/** Control-plane log types EKS can send to CloudWatch Logs. */
export const CLUSTER_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
export type ClusterLogType = (typeof CLUSTER_LOG_TYPES)[number];

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Who can reach the Kubernetes API: only from inside the VPC, or also from listed public CIDRs. */
export const ENDPOINT_ACCESS = ["private", "public"] as const;
export type EndpointAccess = (typeof ENDPOINT_ACCESS)[number];

/** One NAT gateway for the whole VPC (cheap, one zone's outage cuts egress), or one per zone. */
export const NAT_GATEWAY_MODES = ["single", "per-zone"] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

/** ECR registry-level scan types (BASIC: scan on push; ENHANCED: continuous scanning through Amazon Inspector). */
export const REGISTRY_SCAN_TYPES = ["BASIC", "ENHANCED"] as const;
export type RegistryScanType = (typeof REGISTRY_SCAN_TYPES)[number];

const quoted = (input: unknown) => JSON.stringify(input);

/** An IPv4 CIDR block such as `10.0.0.0/16`. */
export const ipv4Cidr = z.string().refine(
  (value) => {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
    return match !== null && match.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(match[5]) <= 32;
  },
  { error: (issue) => `must be an IPv4 CIDR block such as "203.0.113.0/24"; got ${quoted(issue.input)}. Write the address and prefix length.` },
);

/** An availability zone name such as `us-east-1a`. */
export const zoneName = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d[a-z]$/, {
  error: (issue) => `must be an availability zone name such as "us-east-1a"; got ${quoted(issue.input)}. Use the zone name, not its id (use1-az1).`,
});

/** Per-pool node group settings; they apply only when inferstack creates the cluster. */
export const NodePoolFoundationFields = {
  /**
   * AMI type of the pool's managed node group. Bottlerocket NVIDIA AMIs ship the NVIDIA device
   * plugin; with AL2023 NVIDIA AMIs inferstack installs it.
   * @default "AL2023_x86_64_NVIDIA" on GPU pools, "AL2023_x86_64_STANDARD" on CPU pools
   */
  amiType: z.enum(AMI_TYPES).optional(),
  /**
   * Size in GiB of the volume that holds container images (AL2023: the root volume; Bottlerocket:
   * the data volume). Runtime images are several GB each and two versions coexist during an upgrade.
   * @default 200 on GPU pools, 50 on CPU pools
   */
  diskSizeGiB: z.int().min(20).max(16384).optional(),
  /** Availability zones of the pool's nodes, a subset of the cluster's zones. @default every zone of the cluster */
  zones: z.array(zoneName).min(1).optional(),
};

/** A network inferstack creates: a VPC with a private and a public subnet per zone, NAT and routes. */
const NewNetworkSpec = z.strictObject({
  mode: z.literal("create"),
  /** The VPC's IPv4 block, /16 to /20; private subnets get a quarter each, public ones a sixteenth. @default "10.0.0.0/16" */
  cidr: ipv4Cidr.optional(),
  /** Two or three zones of the region. @default the region's zones a, b and c */
  zones: z.array(zoneName).min(2, { error: (issue) => `must list at least 2 zones: EKS needs subnets in two zones; got ${quoted(issue.input)}. Add a zone.` }).max(3).optional(),
  /** @default "single" in dev, "per-zone" in staging and prod */
  natGateways: z.enum(NAT_GATEWAY_MODES).optional(),
  /** VPC flow logs to CloudWatch Logs (KMS-encrypted, retention as the control-plane logs). @default false in dev, true in staging and prod */
  flowLogs: z.boolean().optional(),
});

/** A VPC that already exists: the cluster and its nodes use its private subnets. */
const ExistingNetworkSpec = z.strictObject({
  mode: z.literal("existing"),
  /** The VPC id, e.g. `vpc-0a1b2c3d4e5f60718`. */
  vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, {
    error: (issue) => `must be a VPC id such as "vpc-0a1b2c3d4e5f60718"; got ${quoted(issue.input)}. Copy it from the VPC console or \`aws ec2 describe-vpcs\`.`,
  }),
  /** Private subnet per zone (zone name → subnet id); at least two zones. Nodes never get public IPs there. */
  privateSubnetIds: z.record(
    zoneName,
    z.string().regex(/^subnet-[0-9a-f]{8,17}$/, {
      error: (issue) => `must be a subnet id such as "subnet-0a1b2c3d4e5f60718"; got ${quoted(issue.input)}. Copy it from \`aws ec2 describe-subnets\`.`,
    }),
  ),
});

/** Where the cluster's network comes from. */
export const NetworkSpec = z.discriminatedUnion("mode", [NewNetworkSpec, ExistingNetworkSpec]);
export type NetworkSpec = z.infer<typeof NetworkSpec>;

/** The CPU node group that runs Consul, Prometheus, Alertmanager, Grafana, Elasticsearch and controllers. */
export const SystemNodesSpec = z.strictObject({
  /** CPU instance types from the pinned table. @default ["m6i.xlarge"] in dev and staging, ["m6i.2xlarge"] in prod */
  instanceTypes: z.array(z.string().min(1)).min(1).optional(),
  /** @default 2 in dev, 3 in staging and prod (prod refuses fewer than 3) */
  minNodes: nonNegativeInt.optional(),
  /** @default 3 in dev, 4 in staging, 6 in prod */
  maxNodes: positiveInt.optional(),
  /** Root volume in GiB. @default 50 */
  diskSizeGiB: z.int().min(20).max(16384).optional(),
});

/** An EKS cluster that inferstack creates, with its network and node groups. */
export const CreateClusterSpec = z.strictObject({
  mode: z.literal("create"),
  /** EKS cluster name. @default "inferstack-<stack>" */
  name: z
    .string()
    .max(100)
    .regex(/^[0-9A-Za-z][A-Za-z0-9_-]*$/, {
      error: (issue) => `must be an EKS cluster name (letters, digits, "-" and "_", starting with a letter or digit); got ${quoted(issue.input)}. Try "${dnsSafe(String(issue.input))}".`,
    })
    .optional(),
  /** Pinned Kubernetes minor version, e.g. "1.35". @default "1.35" */
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d{2}$/, { error: (issue) => `must be a Kubernetes minor version such as "1.35"; got ${quoted(issue.input)}. Quote it in YAML so 1.30 stays "1.30".` })
    .optional(),
  /** @default "public" in dev (restricted to publicAccessCidrs), "private" in staging and prod (prod refuses "public") */
  endpointAccess: z.enum(ENDPOINT_ACCESS).optional(),
  /** Networks allowed to reach a public endpoint (office, VPN or CI egress); required when the endpoint is public. */
  publicAccessCidrs: z.array(ipv4Cidr).min(1).optional(),
  /** Control-plane log types. @default ["api", "audit", "authenticator"] in dev, all five in staging and prod */
  logTypes: z.array(z.enum(CLUSTER_LOG_TYPES)).min(1).optional(),
  /** Days the control-plane (and flow) logs are kept, a CloudWatch Logs retention value. @default 30 in dev, 90 in staging, 365 in prod */
  logRetentionDays: z
    .int()
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      error: (issue) => `must be a CloudWatch Logs retention period (${LOG_RETENTION_DAYS.join(", ")}); got ${quoted(issue.input)}. Pick the nearest one.`,
    })
    .optional(),
  /** IAM role or user ARNs given cluster admin through EKS access entries. @default [] */
  admins: z
    .array(
      z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/, {
        error: (issue) => `must be an IAM role or user ARN such as "arn:aws:iam::111122223333:role/platform-admin"; got ${quoted(issue.input)}. Use the role ARN, not an assumed-role session ARN.`,
      }),
    )
    .optional(),
  /**
   * Give the identity that runs `pulumi up` cluster admin through an access entry in the stack (the
   * same program creates the Kubernetes resources). @default true
   */
  deployerAdmin: z.boolean().optional(),
  /** @default a new VPC: `{ mode: create }` */
  network: NetworkSpec.optional(),
  /** @default see {@link SystemNodesSpec} */
  systemNodes: SystemNodesSpec.optional(),
});
export type CreateClusterSpec = z.infer<typeof CreateClusterSpec>;

/** A custom serving image, built from a Dockerfile in the repository on top of a pinned runtime image. */
export const CustomImageSpec = z.strictObject({
  /**
   * Runtime the image extends: its pinned image (components/registry/images.ts) reaches the Dockerfile
   * as the build argument `BASE_IMAGE`, and only models of this runtime may run the image.
   */
  runtime: z.enum(RUNTIMES),
  /** Build on the runtime's GPU image or its CPU image (they differ only for TF Serving). @default true */
  gpu: z.boolean().optional(),
  /**
   * Build context, a directory under `images/` holding a `Dockerfile`, relative to the project root
   * (where Pulumi runs the program). @default "images/<name>"
   */
  context: z
    .string()
    .regex(/^images(\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/, {
      error: (issue) => `must be a directory under images/ such as "images/triton-python"; got ${quoted(issue.input)}. Keep build contexts under images/, the directory inferstack reads.`,
    })
    .optional(),
});
export type CustomImageSpec = z.infer<typeof CustomImageSpec>;

/** Container registry: repositories inferstack creates (create mode) or an existing mirror (bring your own). */
export const RegistrySpec = z.strictObject({
  /**
   * Bring your own: registry and path that hold copies of the pinned runtime images, e.g.
   * `111122223333.dkr.ecr.us-east-1.amazonaws.com/inferstack`. Pools then pull `<mirror>/tritonserver:<tag>`.
   */
  mirror: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/, {
      error: (issue) => `must be a registry host with an optional path, such as "111122223333.dkr.ecr.us-east-1.amazonaws.com/inferstack"; got ${quoted(issue.input)}. Leave out the scheme and the tag.`,
    })
    .optional(),
  /** Create mode: prefix of every repository name. @default "inferstack/<stack>" */
  repositoryPrefix: z
    .string()
    .regex(/^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/, {
      error: (issue) => `must be an ECR repository path (lowercase letters, digits, ".", "_", "-" and "/"); got ${quoted(issue.input)}. Try "inferstack".`,
    })
    .optional(),
  /**
   * Create mode: custom serving images (e.g. Triton with extra Python backend packages), keyed by
   * name. Each gets the repository `<repositoryPrefix>/<name>` and is built from a Dockerfile in the
   * repository and pushed there on `pulumi up` (see README "Custom images"). @default none
   */
  customImages: z.record(dnsLabel("custom image name", 60), CustomImageSpec).optional(),
  /** Create mode: registry-level scanning for the prefix; unset keeps per-repository scan on push. */
  scanType: z.enum(REGISTRY_SCAN_TYPES).optional(),
  /** Create mode: newest tagged images kept per repository, besides the tags deployments reference. @default 30 */
  keepTaggedImages: positiveInt.optional(),
  /** Create mode: days an untagged image is kept. @default 14 */
  untaggedImageDays: positiveInt.optional(),
  /** Create mode: pools pull the runtime images from the created repositories (copy them first, see README). @default true */
  mirrorRuntimeImages: z.boolean().optional(),
});
export type RegistrySpec = z.infer<typeof RegistrySpec>;

/** Cost estimate assumptions. */
export const CostSpec = z.strictObject({
  /** Share of the on-demand price a spot instance saves, 0 to 0.9. @default 0.5 */
  spotDiscountRatio: z.number().min(0).max(0.9).optional(),
});
export type CostSpec = z.infer<typeof CostSpec>;

/** Settings of a model store that inferstack creates (create mode only). */
export const ModelStoreFoundationFields = {
  /** Days a replaced or deleted model file stays restorable. @default 30 in dev, 90 in staging and prod */
  noncurrentVersionDays: positiveInt.optional(),
  /** Server access logs to a separate log bucket. @default false in dev, true in staging and prod */
  accessLogging: z.boolean().optional(),
};

function dnsSafe(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^[^0-9A-Za-z]+/, "");
  return cleaned === "" ? "inferstack" : cleaned;
}
