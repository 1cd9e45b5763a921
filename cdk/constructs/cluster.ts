import type * as ec2 from "aws-cdk-lib/aws-ec2";
import * as eks from "aws-cdk-lib/aws-eks-v2";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import {
  ADMIN_ACCESS_ENTRY,
  CLUSTER_ADMIN_ACCESS_POLICY,
  controlPlaneLogGroupName,
  MANAGED_POLICIES,
  renderClusterSettings,
  renderServiceTrustPolicy,
} from "../../components/compute/render";
import { type KeyContext } from "../../components/identity/kms";
import { type ResolvedEksCluster } from "../../components/resolve/foundation-types";
import { constructIdOf } from "../render";
import { FoundationKey } from "./keys";
import { RenderedRole } from "./role";

/** Properties of {@link EksCluster}. */
export interface EksClusterProps {
  /** The resolved cluster: version, endpoint access, logging, admins. */
  readonly cluster: ResolvedEksCluster;
  readonly vpc: ec2.IVpc;
  /** Private subnets (two zones or more) for the control plane's network interfaces. */
  readonly subnets: readonly ec2.ISubnet[];
  /** KMS key of the control-plane log group. */
  readonly logsKey: kms.IKey;
  readonly context: KeyContext;
  /** Days a scheduled deletion of the secrets key can be cancelled. */
  readonly kmsDeletionWindowDays: number;
}

/**
 * The EKS cluster through the `aws-eks-v2` module (native `AWS::EKS::Cluster`, no kubectl Lambda):
 * the settings `renderClusterSettings` renders for the Pulumi engine (pinned version, API access
 * entries only, no creator admin, no self-managed add-ons, standard-support upgrade policy, endpoint
 * access, log types), Secrets encrypted with a rotating key of its own (RULES EKS-04), control-plane
 * logs into a log group created first with retention and KMS (EKS-03), the IAM OIDC provider for
 * IRSA, a cluster-admin access entry per `cluster.admins` entry and the role every node shares.
 * Node capacity is added by `ManagedNodeGroup`s, not by the cluster (`defaultCapacity: 0`).
 */
export class EksCluster extends Construct {
  readonly cluster: eks.Cluster;
  /** Role of every managed node: join, image pull, SSM; no application permissions. */
  readonly nodeRole: RenderedRole;
  readonly clusterRole: RenderedRole;
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** The issuer without its scheme (`oidc.eks.<region>.amazonaws.com/id/<id>`), as IAM condition keys spell it. */
  readonly oidcIssuerHostPath: string;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const { cluster } = props;
    const settings = renderClusterSettings(cluster);

    const secretsKey = new FoundationKey(this, "SecretsKey", { purpose: "eks-secrets", context: props.context, deletionWindowDays: props.kmsDeletionWindowDays });
    this.clusterRole = new RenderedRole(this, "ClusterRole", {
      trust: renderServiceTrustPolicy("eks.amazonaws.com"),
      description: `Control plane of EKS cluster ${cluster.name}`,
      managedPolicyArns: MANAGED_POLICIES.cluster,
    });
    const logGroup = new logs.LogGroup(this, "ControlPlaneLogs", {
      logGroupName: controlPlaneLogGroupName(cluster.name),
      // Resolve accepts only CloudWatch Logs retention values (LOG_RETENTION_DAYS), the enum's values.
      retention: cluster.logging.retentionDays as logs.RetentionDays,
      encryptionKey: props.logsKey,
    });

    const endpoint = settings.endpoint;
    this.cluster = new eks.Cluster(this, "Cluster", {
      clusterName: settings.name,
      version: eks.KubernetesVersion.of(settings.version),
      role: this.clusterRole.role,
      vpc: props.vpc,
      vpcSubnets: [{ subnets: [...props.subnets] }],
      // Pinned: the Consul DNS Service takes a fixed ClusterIP inside it (discovery.dns.serviceCidr).
      serviceIpv4Cidr: settings.kubernetesNetworkConfig.serviceIpv4Cidr,
      endpointAccess: endpoint.endpointPublicAccess ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...(endpoint.publicAccessCidrs ?? [])) : eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: secretsKey.key,
      // The resolved log types are CLUSTER_LOG_TYPES, the enum's values.
      clusterLogging: settings.enabledClusterLogTypes.map((type) => type as eks.ClusterLoggingTypes),
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      bootstrapClusterCreatorAdminPermissions: settings.accessConfig.bootstrapClusterCreatorAdminPermissions,
      bootstrapSelfManagedAddons: settings.bootstrapSelfManagedAddons,
    });
    const resource = this.cluster.node.defaultChild as eks.CfnCluster;
    // The L2 has no upgrade-policy property; the L1 carries the rendered one.
    resource.upgradePolicy = settings.upgradePolicy;
    // EKS would create the log group itself, without retention or key, if the cluster came first.
    resource.node.addDependency(logGroup);

    for (const admin of cluster.admins) {
      new eks.CfnAccessEntry(this, `Admin${constructIdOf(admin)}`, {
        clusterName: this.cluster.clusterName,
        principalArn: admin,
        type: ADMIN_ACCESS_ENTRY.type,
        accessPolicies: [{ policyArn: CLUSTER_ADMIN_ACCESS_POLICY, accessScope: { type: ADMIN_ACCESS_ENTRY.accessScopeType } }],
      });
    }

    const provider = this.cluster.openIdConnectProvider;
    this.oidcProviderArn = provider.openIdConnectProviderArn;
    this.oidcIssuerHostPath = provider.openIdConnectProviderIssuer;
    this.nodeRole = new RenderedRole(this, "NodeRole", {
      trust: renderServiceTrustPolicy("ec2.amazonaws.com"),
      description: `Managed nodes of EKS cluster ${cluster.name}`,
      managedPolicyArns: MANAGED_POLICIES.node,
    });
  }
}
