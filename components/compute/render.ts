/**
 * Pure renderers of the EKS cluster, its add-ons and its managed node groups: plain data from the
 * resolved foundation, which the Pulumi components (and the CDK constructs) connect to resources.
 */
import { type PolicyDocument } from "../identity/scopes";
import { AWS_TAGS } from "../labels";
import { type ResolvedEksCluster, type ResolvedNodeGroup } from "../resolve/foundation-types";

/** AWS-managed policies of the cluster, node and add-on roles (RULES IAM-03 allow-list, plus the EBS CSI driver's). */
export const MANAGED_POLICIES = Object.freeze({
  cluster: Object.freeze(["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"]),
  /**
   * Nodes join the cluster, pull images and are reachable through SSM Session Manager (no SSH, no
   * public IPs). The CNI policy is not here: the vpc-cni add-on gets it through IRSA.
   */
  node: Object.freeze([
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  ]),
  vpcCni: Object.freeze(["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]),
  ebsCsi: Object.freeze(["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]),
});

/** Access policy given to the cluster's admins (EKS access entries). */
export const CLUSTER_ADMIN_ACCESS_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/** An admin's access entry: a standard entry whose access policy applies to the whole cluster. */
export const ADMIN_ACCESS_ENTRY = Object.freeze({ type: "STANDARD", accessScopeType: "cluster" } as const);

/** How add-ons resolve fields edited by hand: overwritten, so the stack stays the source of truth. */
export const ADDON_CONFLICT_RESOLUTION = "OVERWRITE";

/** Trust policy of a role assumed by an AWS service (EKS for the cluster role, EC2 for nodes). */
export function renderServiceTrustPolicy(service: "eks.amazonaws.com" | "ec2.amazonaws.com" | "vpc-flow-logs.amazonaws.com", accountId?: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AssumeByService",
        Effect: "Allow",
        Principal: { Service: service },
        Action: service === "eks.amazonaws.com" ? ["sts:AssumeRole", "sts:TagSession"] : "sts:AssumeRole",
        ...(accountId === undefined ? {} : { Condition: { StringEquals: { "aws:SourceAccount": accountId } } }),
      },
    ],
  };
}

/**
 * The cluster's settings that do not reference other resources: pinned version, API access entries
 * only (no aws-auth ConfigMap, no implicit admin for the creator), endpoint access and logging.
 * `bootstrapSelfManagedAddons: false`: the managed add-ons below replace the self-managed defaults.
 * `upgradePolicy STANDARD`: when the pinned version leaves standard support EKS upgrades the cluster
 * instead of billing extended support ($0.60 instead of $0.10 an hour).
 */
export function renderClusterSettings(cluster: ResolvedEksCluster) {
  return {
    name: cluster.name,
    version: cluster.kubernetesVersion,
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
    bootstrapSelfManagedAddons: false,
    enabledClusterLogTypes: [...cluster.logging.types],
    upgradePolicy: { supportType: "STANDARD" },
    kubernetesNetworkConfig: { serviceIpv4Cidr: cluster.serviceCidr },
    endpoint: {
      endpointPrivateAccess: cluster.endpoint.privateAccess,
      endpointPublicAccess: cluster.endpoint.publicAccess,
      ...(cluster.endpoint.publicAccess ? { publicAccessCidrs: [...cluster.endpoint.publicAccessCidrs] } : {}),
    },
  };
}

/** The log group EKS writes control-plane logs to; it must exist before the cluster to carry retention and a key. */
export function controlPlaneLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}

/** A Kubernetes service account an EKS add-on runs as, which gets an IRSA role. */
export interface AddonServiceAccount {
  readonly namespace: string;
  readonly name: string;
  readonly managedPolicies: readonly string[];
}

/** One EKS managed add-on. */
export interface AddonSpec {
  readonly addonName: string;
  /** Installed before any node group (nodes stay NotReady without a CNI). */
  readonly beforeNodes: boolean;
  /** The add-on's own `configurationValues`. @default none */
  readonly configurationValues?: Readonly<Record<string, unknown>>;
  /** The service account that gets an IRSA role, for add-ons that call AWS. @default none */
  readonly serviceAccount?: AddonServiceAccount;
}

/**
 * The core add-ons: VPC CNI with NetworkPolicy enforcement (RULES EKS-08), kube-proxy, CoreDNS and the
 * EBS CSI driver that provisions the platform's `ebs.csi.aws.com` StorageClass. Versions are EKS's
 * default for the cluster's pinned Kubernetes version (see README: why add-on versions are not pinned).
 * Workload identity is IRSA, so the Pod Identity agent is not installed.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html
 */
export function renderAddons(): AddonSpec[] {
  return [
    {
      addonName: "vpc-cni",
      beforeNodes: true,
      configurationValues: { enableNetworkPolicy: "true" },
      serviceAccount: { namespace: "kube-system", name: "aws-node", managedPolicies: MANAGED_POLICIES.vpcCni },
    },
    { addonName: "kube-proxy", beforeNodes: true },
    { addonName: "coredns", beforeNodes: false },
    {
      addonName: "aws-ebs-csi-driver",
      beforeNodes: false,
      serviceAccount: { namespace: "kube-system", name: "ebs-csi-controller-sa", managedPolicies: MANAGED_POLICIES.ebsCsi },
    },
  ];
}

/**
 * An add-on's `configurationValues` document: its own values merged with `extra` (e.g. the Corefile
 * the discovery area renders for CoreDNS). Undefined when there is nothing to configure.
 */
export function addonConfiguration(own: Readonly<Record<string, unknown>> | undefined, extra: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const merged = { ...(own ?? {}), ...(extra ?? {}) };
  return Object.keys(merged).length === 0 ? undefined : JSON.stringify(merged);
}

/** Tags of a node group's instances and volumes. */
function nodeTags(clusterName: string, group: ResolvedNodeGroup, tags: Readonly<Record<string, string>>): Record<string, string> {
  return { ...tags, Name: `${clusterName}-${group.pool}`, [AWS_TAGS.nodePool]: group.pool };
}

/**
 * A node group's launch template: IMDSv2 only with a hop limit of 1, so pods cannot use the node's
 * credentials (RULES NODE-01/02; pods get their own through IRSA), encrypted gp3 volumes sized for
 * multi-GB images (NODE-03), optional detailed monitoring (NODE-08). It sets no AMI (EKS picks the
 * AMI of `amiType` and bootstraps it), no network interfaces (they would need their own security
 * groups; nodes live in private subnets that never assign public IPs, NODE-04) and no user data.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html
 */
export function renderLaunchTemplate(clusterName: string, group: ResolvedNodeGroup, tags: Readonly<Record<string, string>>) {
  const instanceTags = nodeTags(clusterName, group, tags);
  return {
    description: `inferstack ${group.pool} nodes of EKS cluster ${clusterName}`,
    updateDefaultVersion: true,
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
    blockDeviceMappings: group.blockDevices.map((device) => ({
      deviceName: device.deviceName,
      ebs: { volumeSize: device.volumeSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
    })),
    monitoring: { enabled: group.detailedMonitoring },
    tagSpecifications: [
      { resourceType: "instance", tags: instanceTags },
      { resourceType: "volume", tags: instanceTags },
    ],
    tags: { ...tags },
  };
}

/** A managed node group's own settings (subnets, role and launch template are references). */
export function renderNodeGroup(group: ResolvedNodeGroup, tags: Readonly<Record<string, string>>) {
  return {
    amiType: group.amiType,
    capacityType: group.capacityType,
    instanceTypes: [...group.instanceTypes],
    labels: { ...group.labels },
    taints: group.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
    scalingConfig: { minSize: group.minNodes, desiredSize: group.desiredNodes, maxSize: group.maxNodes },
    // One node at a time: a GPU node carries replicas that take minutes to load their models.
    updateConfig: { maxUnavailable: 1 },
    tags: { ...tags, [AWS_TAGS.nodePool]: group.pool },
  };
}
