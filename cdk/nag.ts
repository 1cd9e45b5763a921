/**
 * cdk-nag on the foundation stacks: which rule packs check which stack, and every acknowledgement,
 * each on the resource it concerns, naming its rule and the reason it is accepted. Acknowledgements
 * follow the resolved data (a dev stack that turns flow logs on loses the flow-log acknowledgement)
 * and the tier's allowances (`NAG_ALLOWANCES`: prod never acknowledges missing flow logs).
 */
import { Stack, Validations, type CfnElement, type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport } from "aws-cdk-lib";
import type * as ec2 from "aws-cdk-lib/aws-ec2";
import { AwsSolutionsChecks, NIST80053R5Checks, type NagPack } from "cdk-nag";
import { type IConstruct } from "constructs";
import { MANAGED_POLICIES } from "../components/compute/render";
import { FOUNDATION_DEFAULTS } from "../components/resolve/foundation-defaults";
import { CLUSTER_LOG_TYPES } from "../components/spec/foundation";
import { type Tier } from "../components/spec/environment";
import { NAG_ALLOWANCES, NAG_PACKS } from "./defaults";
import { EksV2Checks } from "./eks-checks";
import type { FoundationStack } from "./foundation-stack";

/**
 * A cdk-nag pack that checks only the given stacks. A pack registered on the app checks every stack
 * of it; the app of `cdk.json` holds the stacks of every tier, and NIST 800-53 R5 applies to prod only.
 */
export class ScopedNagPack implements IPolicyValidationPlugin {
  readonly name: string;

  constructor(
    private readonly pack: NagPack,
    private readonly scopes: readonly IConstruct[],
  ) {
    this.name = pack.name;
  }

  validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    const reports = this.scopes.map((scope) => this.pack.validateScope(scope));
    return { success: reports.every((r) => r.success), violations: reports.flatMap((r) => r.violations) };
  }
}

/**
 * Registers the rule packs of {@link NAG_PACKS} on the app, each scoped to the stacks whose tier asks
 * for it, plus {@link EksV2Checks} wherever AWS Solutions runs. The audit trail of acknowledgements
 * (rule, resource, reason) is the assembly's `validation-report.json`; they are not copied into the
 * templates' metadata, where the VPC construct's own stack-wide acknowledgement would repeat on
 * every resource. Returns the names of the packs registered.
 */
export function addNagPacks(app: IConstruct, stacks: readonly { readonly stack: Stack; readonly tier: Tier }[]): string[] {
  const all = stacks.map((s) => s.stack);
  const plugins: IPolicyValidationPlugin[] = [
    new ScopedNagPack(new AwsSolutionsChecks(app), all),
    new ScopedNagPack(new EksV2Checks(app), all),
  ];
  const nist = stacks.filter((s) => NAG_PACKS[s.tier].nist80053r5).map((s) => s.stack);
  if (nist.length > 0) plugins.push(new ScopedNagPack(new NIST80053R5Checks(app), nist));
  Validations.of(app).addPlugins(...plugins);
  return plugins.map((p) => p.name);
}

/** One accepted finding: where, which rule (`<pack>::<rule>[<finding>]`) and why. */
export interface Acknowledgement {
  readonly construct: IConstruct;
  readonly id: string;
  readonly reason: string;
}

const AWS_SOLUTIONS = "AwsSolutions::AwsSolutions";
const NIST = "NIST.800.53.R5::NIST.800.53.R5";
const EKS = "InferstackEks::InferstackEks";

/** Why each AWS-managed policy is attached (RULES IAM-03 keeps them to an allow-list). */
const MANAGED_POLICY_REASONS: Readonly<Record<string, string>> = Object.freeze({
  AmazonEKSClusterPolicy: "EKS requires AmazonEKSClusterPolicy on the cluster role to run the control plane; AWS maintains it with the EKS API (RULES IAM-03 allow-list).",
  AmazonEKSWorkerNodePolicy: "Managed nodes join the cluster with AmazonEKSWorkerNodePolicy, the policy EKS documents for the node role (RULES IAM-03 allow-list).",
  AmazonEC2ContainerRegistryReadOnly: "Nodes pull images from ECR with AmazonEC2ContainerRegistryReadOnly: pull only, no push (RULES IAM-03 allow-list, ECR-06).",
  AmazonSSMManagedInstanceCore: "Nodes are reached through SSM Session Manager instead of SSH or public IPs, which needs AmazonSSMManagedInstanceCore (RULES IAM-03 allow-list).",
  AmazonEKS_CNI_Policy: "The VPC CNI add-on manages pod network interfaces with AmazonEKS_CNI_Policy through its own IRSA role (kube-system/aws-node), never the node role (RULES IAM-03 allow-list).",
  AmazonEBSCSIDriverPolicy: "The EBS CSI add-on provisions the encrypted gp3 volumes of the platform's StorageClass with AmazonEBSCSIDriverPolicy, the policy AWS documents for it, through its own IRSA role (kube-system/ebs-csi-controller-sa).",
});

/** IAM4 acknowledgements of a role's AWS-managed policies. */
function managedPolicyAcks(construct: IConstruct, policyArns: readonly string[]): Acknowledgement[] {
  return policyArns.map((arn) => ({ construct, id: `${AWS_SOLUTIONS}-IAM4[Policy::${arn}]`, reason: MANAGED_POLICY_REASONS[arn.split("/").pop()!]! }));
}

/** Every acknowledgement of a foundation stack. */
export function foundationAcknowledgements(stack: FoundationStack): Acknowledgement[] {
  const { foundation, environment } = stack.platform;
  const { tier } = environment;
  const allowed = NAG_ALLOWANCES[tier];
  const acks: Acknowledgement[] = [
    ...managedPolicyAcks(stack.eks.clusterRole.resource, MANAGED_POLICIES.cluster),
    ...managedPolicyAcks(stack.eks.nodeRole.resource, MANAGED_POLICIES.node),
    ...[stack.networkingAddons, stack.addons].flatMap((addons) =>
      Object.values(addons.roles).flatMap((role) => managedPolicyAcks(role.resource, role.managedPolicyArns)),
    ),
    {
      construct: stack.eks.cluster.node.defaultChild!,
      id: "CloudFormation-Validate::W9009",
      reason: "EncryptionConfig.Resources is marked deprecated in the bundled schema, but the EKS API and the CloudFormation reference still document [\"secrets\"] as its only value; the aws-eks-v2 construct and the Pulumi engine both set it.",
    },
  ];

  const { cluster } = foundation;
  if (cluster.endpoint.publicAccess && allowed.publicEndpoint) {
    acks.push({
      construct: stack.eks.cluster.node.defaultChild!,
      id: `${EKS}-EKS1`,
      reason: `The Kubernetes API is public for reachability, but only from ${cluster.endpoint.publicAccessCidrs.join(", ")} (RULES EKS-01/02 leave that to ${tier}); staging and prod keep it private.`,
    });
  }
  for (const type of CLUSTER_LOG_TYPES.filter((t) => !cluster.logging.types.includes(t) && allowed.partialControlPlaneLogs)) {
    acks.push({
      construct: stack.eks.cluster.node.defaultChild!,
      id: `${EKS}-EKS2[LogExport::${type}]`,
      reason: `The control plane logs ${cluster.logging.types.join(", ")} to keep CloudWatch cost down (RULES EKS-03 asks ${tier} for audit at least); ${type} logs are off here and on in staging and prod.`,
    });
  }

  const { network } = foundation;
  if (network.mode === "create") {
    const vpc = stack.network.vpc as ec2.Vpc;
    if (!network.flowLogs.enabled && allowed.flowLogsOff) {
      acks.push({ construct: vpc.node.defaultChild!, id: `${AWS_SOLUTIONS}-VPC7`, reason: `VPC flow logs are off to save cost (cluster.network.flowLogs; RULES NET-03 is advisory in ${tier}); prod keeps them.` });
    }
    for (const subnet of vpc.publicSubnets) {
      acks.push({
        construct: subnet.node.findChild("DefaultRoute"),
        id: `${NIST}-VPCNoUnrestrictedRouteToIGW`,
        reason: "The public subnets' route to the internet gateway serves the NAT gateways and internet-facing load balancers only; no node runs there and no subnet assigns public IPs (RULES NODE-04).",
      });
    }
  }
  const flowLog = stack.network.flowLog;
  if (flowLog !== undefined) {
    const logGroupId = Stack.of(stack).resolve(Stack.of(stack).getLogicalId(flowLog.logGroup.node.defaultChild as CfnElement)) as string;
    acks.push({
      construct: flowLog.role.node.findChild("WriteFlowLogs"),
      id: `${AWS_SOLUTIONS}-IAM5[Resource::<${logGroupId}.Arn>:*]`,
      reason: "CloudWatch Logs names a log group's streams <group ARN>:log-stream:<name>; the wildcard covers the streams of the flow-log group and nothing else.",
    });
  }

  const store = foundation.modelStore;
  if (store.logBucket === undefined && allowed.accessLogsOff) {
    acks.push({
      construct: stack.modelStore.bucket.bucket,
      id: `${AWS_SOLUTIONS}-S1`,
      reason: `The model store's server access logs are off (modelStore.accessLogging; RULES S3-05 is advisory in ${tier}); prod logs to a ${FOUNDATION_DEFAULTS.modelStore.logBucketSuffix} bucket.`,
    });
  }
  for (const bucket of [stack.modelStore.bucket, stack.modelStore.logBucket].filter((b) => b !== undefined)) {
    acks.push({
      construct: bucket.bucket,
      id: `${NIST}-S3BucketReplicationEnabled`,
      reason:
        "Cross-region replication is a disaster-recovery decision left to the organization (RULES S3-08, advisory): models are published from CI and can be published again, and versioning already protects against overwrites and deletions.",
    });
  }

  for (const identity of foundation.identities) {
    const reader = stack.readers.readers[identity.serverPool]!;
    for (const { bucket, prefixes } of identity.reads) {
      for (const prefix of prefixes) {
        acks.push({
          construct: reader.policy,
          id: `${AWS_SOLUTIONS}-IAM5[Resource::arn:aws:s3:::${bucket}/${prefix}/*]`,
          reason: `Server pool ${identity.serverPool} reads every object under its model directory ${prefix}/ (version folders and their files) and nothing else (RULES S3-09).`,
        });
      }
    }
  }
  return acks;
}

/** Records every acknowledgement of {@link foundationAcknowledgements} on its resource. */
export function acknowledgeFindings(stack: FoundationStack): void {
  for (const ack of foundationAcknowledgements(stack)) Validations.of(ack.construct).acknowledge({ id: ack.id, reason: ack.reason });
}
