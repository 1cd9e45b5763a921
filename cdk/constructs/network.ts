import { Tags } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { renderServiceTrustPolicy } from "../../components/compute/render";
import { FLOW_LOG_SETTINGS, flowLogGroupName, natGatewayZones, renderFlowLogPolicy, renderSubnets, VPC_SETTINGS } from "../../components/network/render";
import { type ResolvedNetwork } from "../../components/resolve/foundation-types";
import { RenderedRole } from "./role";

type NewNetwork = Extract<ResolvedNetwork, { mode: "create" }>;

/**
 * Hands the L2 VPC the subnet blocks resolve computed (`subnetLayout`): zone i gets private quarter i
 * and public sixteenth i of the last quarter. The CDK's own allocator would pack the blocks one after
 * another, which differs from the Pulumi engine's layout whenever the VPC has fewer than three zones.
 */
export class ResolvedSubnetBlocks implements ec2.IIpAddresses {
  constructor(private readonly network: NewNetwork) {}

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.network.cidr };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((request) => {
        const zone = this.network.zones.find((z) => z.name === request.availabilityZone);
        if (zone === undefined) throw new Error(`no resolved subnet blocks for zone ${request.availabilityZone}`);
        return { cidr: request.configuration.subnetType === ec2.SubnetType.PUBLIC ? zone.publicCidr : zone.privateCidr };
      }),
    };
  }
}

/** Properties of {@link Network}. */
export interface NetworkProps {
  /** The resolved network: a new VPC's zones and blocks, or an existing VPC's private subnets. */
  readonly network: ResolvedNetwork;
  /** Name of the EKS cluster the VPC is for (VPC, subnet and log group names). */
  readonly clusterName: string;
  readonly accountId: string;
  /** KMS key of the flow-log group; used when the network is new and flow logs are on. */
  readonly logsKey: kms.IKey;
}

/**
 * The cluster's network, as the Pulumi `Network` component builds it: a VPC across the resolved zones
 * with a private and a public subnet per zone (blocks from resolve), no subnet assigning public IPs,
 * NAT gateways in the first or every zone, a free S3 gateway endpoint on the private route tables,
 * the default security group stripped of its rules (RULES NET-04) and, where resolved, flow logs into
 * a KMS-encrypted log group (NET-03). With an existing VPC, only references to its private subnets.
 */
export class Network extends Construct {
  readonly vpc: ec2.IVpc;
  /** Flow-log parts, when the network is new and flow logs are on. */
  readonly flowLog?: { readonly resource: ec2.CfnFlowLog; readonly role: RenderedRole; readonly logGroup: logs.LogGroup };

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { network, clusterName } = props;
    if (network.mode === "existing") {
      this.vpc = ec2.Vpc.fromVpcAttributes(this, "Vpc", {
        vpcId: network.vpcId,
        availabilityZones: network.zones.map((z) => z.name),
        privateSubnetIds: network.zones.map((z) => z.privateSubnetId),
      });
      return;
    }
    const vpc = new ec2.Vpc(this, "Vpc", {
      vpcName: clusterName,
      ipAddresses: new ResolvedSubnetBlocks(network),
      availabilityZones: network.zones.map((z) => z.name),
      enableDnsHostnames: VPC_SETTINGS.enableDnsHostnames,
      enableDnsSupport: VPC_SETTINGS.enableDnsSupport,
      natGateways: natGatewayZones(network).length,
      subnetConfiguration: [
        { name: "private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: VPC_SETTINGS.mapPublicIpOnLaunch },
      ],
      // A custom resource empties the default security group: CloudFormation has no property for it.
      restrictDefaultSecurityGroup: true,
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] } },
    });
    // The subnets' names and load-balancer role tags, as rendered (the foundation tags come from the stack).
    for (const spec of renderSubnets(network, clusterName, {})) {
      const subnets = spec.public ? vpc.publicSubnets : vpc.privateSubnets;
      // On the subnet resource only: tagged on the L2 subnet, the Name would spread to its NAT gateway and routes.
      const subnet = subnets.find((s) => s.availabilityZone === spec.zone)!.node.defaultChild!;
      for (const [key, value] of Object.entries(spec.tags)) Tags.of(subnet).add(key, value, { priority: 300 });
    }
    this.vpc = vpc;

    if (network.flowLogs.enabled) {
      const logGroup = new logs.LogGroup(this, "FlowLogs", {
        logGroupName: flowLogGroupName(clusterName),
        // Resolve accepts only CloudWatch Logs retention values (LOG_RETENTION_DAYS), the enum's values.
        retention: network.flowLogs.retentionDays as logs.RetentionDays,
        encryptionKey: props.logsKey,
      });
      const role = new RenderedRole(this, "FlowLogsRole", {
        trust: renderServiceTrustPolicy("vpc-flow-logs.amazonaws.com", props.accountId),
        description: `Delivers VPC flow logs of ${clusterName}`,
      });
      const policy = role.attachPolicy("WriteFlowLogs", `Writes the VPC flow logs of ${clusterName} into their log group`, renderFlowLogPolicy(logGroup.logGroupArn));
      const resource = new ec2.CfnFlowLog(this, "FlowLog", {
        resourceId: vpc.vpcId,
        resourceType: "VPC",
        trafficType: FLOW_LOG_SETTINGS.trafficType,
        logDestinationType: FLOW_LOG_SETTINGS.destinationType,
        logDestination: logGroup.logGroupArn,
        deliverLogsPermissionArn: role.roleArn,
        maxAggregationInterval: FLOW_LOG_SETTINGS.maxAggregationIntervalSeconds,
      });
      resource.addResourceDependency(policy);
      this.flowLog = { resource, role, logGroup };
    }
  }

  /** Private subnets of the given zones, in the zones' order. */
  privateSubnetsIn(zones: readonly string[]): ec2.ISubnet[] {
    return zones.map((zone) => {
      const subnet = this.vpc.privateSubnets.find((s) => s.availabilityZone === zone);
      if (subnet === undefined) throw new Error(`no private subnet in zone ${zone}`);
      return subnet;
    });
  }
}
