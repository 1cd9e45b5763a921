import * as aws from "../aws-sdk";
import * as pulumi from "@pulumi/pulumi";
import { renderServiceTrustPolicy } from "../compute/render";
import { type ResolvedNetwork } from "../resolve/foundation-types";
import { roleNamePrefix } from "../identity/names";
import { TOKENS } from "../tokens";
import { FLOW_LOG_SETTINGS, flowLogGroupName, natGatewayZones, natZoneFor, renderFlowLogPolicy, renderSubnets, VPC_SETTINGS } from "./render";

/** Arguments of {@link Network}. */
export interface NetworkArgs {
  /** The resolved new network (zones, subnet blocks, NAT mode, flow logs). */
  readonly network: Extract<ResolvedNetwork, { mode: "create" }>;
  /** Name of the EKS cluster the VPC is for (subnet and log group names). */
  readonly clusterName: string;
  readonly region: string;
  readonly accountId: string;
  /** Tags on every resource. */
  readonly tags: Readonly<Record<string, string>>;
  /** KMS key of the flow-log group; required when flow logs are on. @default none (flow logs off) */
  readonly logsKeyArn?: pulumi.Input<string>;
}

/**
 * A VPC across the resolved zones: a private and a public subnet per zone, an internet gateway, NAT
 * gateways (one, or one per zone), route tables, a free S3 gateway endpoint (model downloads skip the
 * NAT), the default security group stripped of its rules (RULES NET-04) and, where the environment
 * asks, flow logs into a KMS-encrypted log group (NET-03).
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  /** Private subnet ids by zone name: nodes and the control plane's network interfaces. */
  readonly privateSubnetIds: Readonly<Record<string, pulumi.Output<string>>>;
  /** Public subnet ids by zone name: NAT gateways and internet-facing load balancers. */
  readonly publicSubnetIds: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.network, name, {}, opts);
    const { network, tags } = args;
    const parent = { parent: this };

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock: network.cidr, enableDnsHostnames: VPC_SETTINGS.enableDnsHostnames, enableDnsSupport: VPC_SETTINGS.enableDnsSupport, tags: { ...tags, Name: args.clusterName } },
      parent,
    );
    new aws.ec2.DefaultSecurityGroup(`${name}-default-security-group`, { vpcId: vpc.id, tags: { ...tags, Name: `${args.clusterName}-default-unused` } }, parent);
    const internetGateway = new aws.ec2.InternetGateway(`${name}-internet-gateway`, { vpcId: vpc.id, tags: { ...tags, Name: args.clusterName } }, parent);

    const privateSubnetIds: Record<string, pulumi.Output<string>> = {};
    const publicSubnetIds: Record<string, pulumi.Output<string>> = {};
    for (const subnet of renderSubnets(network, args.clusterName, tags)) {
      const created = new aws.ec2.Subnet(
        `${name}-${subnet.role}`,
        { vpcId: vpc.id, availabilityZone: subnet.zone, cidrBlock: subnet.cidr, mapPublicIpOnLaunch: VPC_SETTINGS.mapPublicIpOnLaunch, tags: subnet.tags },
        parent,
      );
      (subnet.public ? publicSubnetIds : privateSubnetIds)[subnet.zone] = created.id;
    }

    const publicRoutes = new aws.ec2.RouteTable(`${name}-public-routes`, { vpcId: vpc.id, tags: { ...tags, Name: `${args.clusterName}-public` } }, parent);
    new aws.ec2.Route(`${name}-public-internet-route`, { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }, parent);
    for (const zone of network.zones) {
      new aws.ec2.RouteTableAssociation(`${name}-public-${zone.name}-routes`, { routeTableId: publicRoutes.id, subnetId: publicSubnetIds[zone.name]! }, parent);
    }

    const natGateways: Record<string, aws.ec2.NatGateway> = {};
    for (const zone of natGatewayZones(network)) {
      const address = new aws.ec2.Eip(`${name}-nat-${zone}-address`, { domain: "vpc", tags: { ...tags, Name: `${args.clusterName}-nat-${zone}` } }, parent);
      natGateways[zone] = new aws.ec2.NatGateway(
        `${name}-nat-${zone}`,
        { allocationId: address.id, subnetId: publicSubnetIds[zone]!, connectivityType: "public", tags: { ...tags, Name: `${args.clusterName}-${zone}` } },
        { parent: this, dependsOn: [internetGateway] },
      );
    }

    const privateRouteTables: pulumi.Output<string>[] = [];
    for (const zone of network.zones) {
      const routes = new aws.ec2.RouteTable(`${name}-private-${zone.name}-routes`, { vpcId: vpc.id, tags: { ...tags, Name: `${args.clusterName}-private-${zone.name}` } }, parent);
      new aws.ec2.Route(
        `${name}-private-${zone.name}-egress-route`,
        { routeTableId: routes.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: natGateways[natZoneFor(network, zone.name)]!.id },
        parent,
      );
      new aws.ec2.RouteTableAssociation(`${name}-private-${zone.name}-association`, { routeTableId: routes.id, subnetId: privateSubnetIds[zone.name]! }, parent);
      privateRouteTables.push(routes.id);
    }
    new aws.ec2.VpcEndpoint(
      `${name}-s3-endpoint`,
      { vpcId: vpc.id, serviceName: `com.amazonaws.${args.region}.s3`, vpcEndpointType: "Gateway", routeTableIds: privateRouteTables, tags: { ...tags, Name: `${args.clusterName}-s3` } },
      parent,
    );

    if (network.flowLogs.enabled) {
      if (args.logsKeyArn === undefined) throw new pulumi.RunError(`${name}: flow logs need logsKeyArn (the KMS key of their log group).`);
      const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-flow-logs`,
        { name: flowLogGroupName(args.clusterName), retentionInDays: network.flowLogs.retentionDays, kmsKeyId: args.logsKeyArn, tags },
        parent,
      );
      const role = new aws.iam.Role(
        `${name}-flow-logs-role`,
        { namePrefix: roleNamePrefix(args.clusterName, "vpc-flow-logs"), description: `Delivers VPC flow logs of ${args.clusterName}`, assumeRolePolicy: JSON.stringify(renderServiceTrustPolicy("vpc-flow-logs.amazonaws.com", args.accountId)), tags },
        parent,
      );
      const rolePolicy = new aws.iam.RolePolicy(`${name}-flow-logs-write`, { role: role.name, policy: logGroup.arn.apply((arn) => JSON.stringify(renderFlowLogPolicy(arn))) }, parent);
      new aws.ec2.FlowLog(
        `${name}-flow-log`,
        {
          vpcId: vpc.id,
          trafficType: FLOW_LOG_SETTINGS.trafficType,
          logDestinationType: FLOW_LOG_SETTINGS.destinationType,
          logDestination: logGroup.arn,
          iamRoleArn: role.arn,
          maxAggregationInterval: FLOW_LOG_SETTINGS.maxAggregationIntervalSeconds,
          tags,
        },
        { parent: this, dependsOn: [rolePolicy] },
      );
    }

    this.vpcId = vpc.id;
    this.privateSubnetIds = privateSubnetIds;
    this.publicSubnetIds = publicSubnetIds;
    this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds, publicSubnetIds: this.publicSubnetIds });
  }
}
