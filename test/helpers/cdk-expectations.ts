/**
 * What the shipped foundation stacks must synthesize to: the node groups as resolved, and the reason
 * each cdk-nag or validator acknowledgement gives. Literal values, so a change to a default or a
 * reason shows up as a failing test (test/cdk/foundation.test.ts).
 */

/** The shipped stacks that create their foundation (staging brings its own cluster). */
export const STACKS = ["dev", "prod"] as const;
export type Stack = (typeof STACKS)[number];

/** Each node group as resolved for the shipped stacks: what its group and launch template must say. */
export const NODE_GROUPS: Record<Stack, Record<string, { ami: string; capacity: string; types: string[]; min: number; max: number; diskGiB: number; gpu: boolean }>> = {
  dev: {
    system: { ami: "AL2023_x86_64_STANDARD", capacity: "ON_DEMAND", types: ["m6i.xlarge"], min: 2, max: 3, diskGiB: 50, gpu: false },
    cpu: { ami: "AL2023_x86_64_STANDARD", capacity: "SPOT", types: ["m6i.xlarge"], min: 1, max: 2, diskGiB: 50, gpu: false },
    t4: { ami: "AL2023_x86_64_NVIDIA", capacity: "SPOT", types: ["g4dn.xlarge"], min: 1, max: 2, diskGiB: 200, gpu: true },
  },
  prod: {
    system: { ami: "AL2023_x86_64_STANDARD", capacity: "ON_DEMAND", types: ["m6i.2xlarge"], min: 3, max: 6, diskGiB: 50, gpu: false },
    a10g: { ami: "AL2023_x86_64_NVIDIA", capacity: "ON_DEMAND", types: ["g5.2xlarge"], min: 3, max: 12, diskGiB: 200, gpu: true },
  },
};

/** The reason every acknowledgement gives, by rule (tier-specific ones for dev). */
export const REASONS = {
  clusterPolicy: "EKS requires AmazonEKSClusterPolicy on the cluster role to run the control plane; AWS maintains it with the EKS API (RULES IAM-03 allow-list).",
  workerNode: "Managed nodes join the cluster with AmazonEKSWorkerNodePolicy, the policy EKS documents for the node role (RULES IAM-03 allow-list).",
  ecrReadOnly: "Nodes pull images from ECR with AmazonEC2ContainerRegistryReadOnly: pull only, no push (RULES IAM-03 allow-list, ECR-06).",
  ssm: "Nodes are reached through SSM Session Manager instead of SSH or public IPs, which needs AmazonSSMManagedInstanceCore (RULES IAM-03 allow-list).",
  cni: "The VPC CNI add-on manages pod network interfaces with AmazonEKS_CNI_Policy through its own IRSA role (kube-system/aws-node), never the node role (RULES IAM-03 allow-list).",
  ebs: "The EBS CSI add-on provisions the encrypted gp3 volumes of the platform's StorageClass with AmazonEBSCSIDriverPolicy, the policy AWS documents for it, through its own IRSA role (kube-system/ebs-csi-controller-sa).",
  reader: (pool: string, prefix: string) => `Server pool ${pool} reads every object under its model directory ${prefix}/ (version folders and their files) and nothing else (RULES S3-09).`,
  azs: "Literal AZs in template are the result of accessing stack.availabilityZones, this is expected and safe",
  encryptionResources:
    'EncryptionConfig.Resources is marked deprecated in the bundled schema, but the EKS API and the CloudFormation reference still document ["secrets"] as its only value; the aws-eks-v2 construct and the Pulumi engine both set it.',
  flowLogStreams: "CloudWatch Logs names a log group's streams <group ARN>:log-stream:<name>; the wildcard covers the streams of the flow-log group and nothing else.",
  publicRoutes: "The public subnets' route to the internet gateway serves the NAT gateways and internet-facing load balancers only; no node runs there and no subnet assigns public IPs (RULES NODE-04).",
  replication:
    "Cross-region replication is a disaster-recovery decision left to the organization (RULES S3-08, advisory): models are published from CI and can be published again, and versioning already protects against overwrites and deletions.",
  devFlowLogs: "VPC flow logs are off to save cost (cluster.network.flowLogs; RULES NET-03 is advisory in dev); prod keeps them.",
  devAccessLogs: "The model store's server access logs are off (modelStore.accessLogging; RULES S3-05 is advisory in dev); prod logs to a -logs bucket.",
  devEndpoint: "The Kubernetes API is public for reachability, but only from 203.0.113.0/24 (RULES EKS-01/02 leave that to dev); staging and prod keep it private.",
  devLogs: (type: string) => `The control plane logs api, audit, authenticator to keep CloudWatch cost down (RULES EKS-03 asks dev for audit at least); ${type} logs are off here and on in staging and prod.`,
};
