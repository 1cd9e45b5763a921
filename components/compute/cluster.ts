import * as aws from "../aws-sdk";
import * as pulumi from "@pulumi/pulumi";
import { foundationKey } from "../identity/kms-key";
import { type KeyContext } from "../identity/kms";
import { roleNamePrefix } from "../identity/names";
import { STS_AUDIENCE } from "../identity/scopes";
import { type ResolvedEksCluster } from "../resolve/foundation-types";
import { TOKENS } from "../tokens";
import { renderKubeconfig } from "./kubeconfig";
import { ADMIN_ACCESS_ENTRY, CLUSTER_ADMIN_ACCESS_POLICY, controlPlaneLogGroupName, MANAGED_POLICIES, renderClusterSettings, renderServiceTrustPolicy } from "./render";

/** Arguments of {@link EksCluster}. */
export interface EksClusterArgs {
  /** The resolved cluster: version, endpoint access, logging, admins. */
  readonly cluster: ResolvedEksCluster;
  /** Private subnets (two zones or more) for the control plane's network interfaces. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** KMS key of the control-plane log group. */
  readonly logsKeyArn: pulumi.Input<string>;
  readonly context: KeyContext;
  /** Days a scheduled deletion of the secrets key can be cancelled. */
  readonly kmsDeletionWindowDays: number;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * An EKS cluster: Kubernetes Secrets envelope-encrypted with a rotating customer-managed key
 * (RULES EKS-04), control-plane logs into a retained, KMS-encrypted log group created first
 * (EKS-03), API access entries only (EKS-09), private endpoint with an optional allow-listed public
 * one (EKS-01/02), the IAM OIDC provider for IRSA, and the role its managed nodes share.
 */
export class EksCluster extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly certificateAuthorityData: pulumi.Output<string>;
  /** OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`). */
  readonly issuerUrl: pulumi.Output<string>;
  readonly oidcProviderArn: pulumi.Output<string>;
  /** Role of every managed node (join, image pull, SSM; no application permissions). */
  readonly nodeRoleArn: pulumi.Output<string>;
  /** Kubeconfig using `aws eks get-token` (no credential inside; marked secret anyway). */
  readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.eksCluster, name, {}, opts);
    const { cluster, tags, context } = args;
    const parent = { parent: this };
    const settings = renderClusterSettings(cluster);

    const secretsKey = foundationKey(`${name}-secrets-key`, { purpose: "eks-secrets", context, deletionWindowInDays: args.kmsDeletionWindowDays, tags }, parent);
    const role = new aws.iam.Role(
      `${name}-cluster-role`,
      { namePrefix: roleNamePrefix(cluster.name, "cluster"), description: `Control plane of EKS cluster ${cluster.name}`, assumeRolePolicy: JSON.stringify(renderServiceTrustPolicy("eks.amazonaws.com")), tags },
      parent,
    );
    const roleAttachments = MANAGED_POLICIES.cluster.map(
      (policyArn) => new aws.iam.RolePolicyAttachment(`${name}-cluster-role-${policyName(policyArn)}`, { role: role.name, policyArn }, parent),
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-control-plane-logs`,
      { name: controlPlaneLogGroupName(cluster.name), retentionInDays: cluster.logging.retentionDays, kmsKeyId: args.logsKeyArn, tags },
      parent,
    );

    const eks = new aws.eks.Cluster(
      `${name}-cluster`,
      {
        name: settings.name,
        version: settings.version,
        roleArn: role.arn,
        accessConfig: settings.accessConfig,
        bootstrapSelfManagedAddons: settings.bootstrapSelfManagedAddons,
        enabledClusterLogTypes: settings.enabledClusterLogTypes,
        upgradePolicy: settings.upgradePolicy,
        kubernetesNetworkConfig: settings.kubernetesNetworkConfig,
        encryptionConfig: { provider: { keyArn: secretsKey.arn }, resources: ["secrets"] },
        vpcConfig: { ...settings.endpoint, subnetIds: [...args.subnetIds] },
        tags,
      },
      { parent: this, dependsOn: [logGroup, ...roleAttachments] },
    );

    const admins = [...cluster.admins.map((arn) => ({ role: `admin-${principalName(arn)}`, arn: pulumi.output(arn) }))];
    if (cluster.deployerAdmin) {
      // The identity running `pulumi up` creates the Kubernetes resources through this cluster's API.
      const caller = aws.getCallerIdentityOutput({}, parent);
      const session = aws.iam.getSessionContextOutput({ arn: caller.arn }, parent);
      admins.unshift({ role: "deployer", arn: session.issuerArn });
    }
    for (const admin of admins) {
      const entry = new aws.eks.AccessEntry(`${name}-${admin.role}-access`, { clusterName: eks.name, principalArn: admin.arn, type: ADMIN_ACCESS_ENTRY.type, tags }, parent);
      new aws.eks.AccessPolicyAssociation(
        `${name}-${admin.role}-cluster-admin`,
        { clusterName: eks.name, principalArn: entry.principalArn, policyArn: CLUSTER_ADMIN_ACCESS_POLICY, accessScope: { type: ADMIN_ACCESS_ENTRY.accessScopeType } },
        parent,
      );
    }

    this.issuerUrl = eks.identities.apply((identities) => identities[0]?.oidcs[0]?.issuer ?? "");
    const oidc = new aws.iam.OpenIdConnectProvider(`${name}-oidc-provider`, { url: this.issuerUrl, clientIdLists: [STS_AUDIENCE], tags }, parent);

    const nodeRole = new aws.iam.Role(
      `${name}-node-role`,
      { namePrefix: roleNamePrefix(cluster.name, "node"), description: `Managed nodes of EKS cluster ${cluster.name}`, assumeRolePolicy: JSON.stringify(renderServiceTrustPolicy("ec2.amazonaws.com")), tags },
      parent,
    );
    const nodeAttachments = MANAGED_POLICIES.node.map(
      (policyArn) => new aws.iam.RolePolicyAttachment(`${name}-node-role-${policyName(policyArn)}`, { role: nodeRole.name, policyArn }, parent),
    );

    this.clusterName = eks.name;
    this.endpoint = eks.endpoint;
    this.certificateAuthorityData = eks.certificateAuthority.apply((ca) => ca.data ?? "");
    this.oidcProviderArn = oidc.arn;
    // Node groups read the ARN only once its policies are attached: nodes could not join without them.
    this.nodeRoleArn = pulumi.all([nodeRole.arn, pulumi.all(nodeAttachments.map((a) => a.id))]).apply(([arn]) => arn);
    this.kubeconfig = pulumi.secret(
      pulumi
        .all([eks.name, eks.endpoint, this.certificateAuthorityData])
        .apply(([clusterName, endpoint, certificateAuthorityData]) => renderKubeconfig({ clusterName, endpoint, certificateAuthorityData, region: context.region })),
    );
    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      issuerUrl: this.issuerUrl,
      oidcProviderArn: this.oidcProviderArn,
      nodeRoleArn: this.nodeRoleArn,
      kubeconfig: this.kubeconfig,
    });
  }
}

/** The last segment of a managed policy ARN, for child names (`AmazonEKSClusterPolicy` → `amazoneksclusterpolicy`). */
export function policyName(policyArn: string): string {
  return policyArn.split("/").pop()!.toLowerCase().replace(/_/g, "-");
}

/** A child-name-safe name of an IAM principal ARN (`.../role/platform-admin` → `role-platform-admin`). */
export function principalName(arn: string): string {
  const [, resource = arn] = /:(?:role|user)\/(.*)$/.exec(arn) ?? [];
  const kind = arn.includes(":user/") ? "user" : "role";
  return `${kind}-${resource.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}
