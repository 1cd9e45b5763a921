/**
 * Pure renderers of a new VPC: subnets with their Kubernetes load-balancer tags, where the NAT
 * gateways go, and the flow-log delivery role's permissions.
 */
import { type PolicyDocument } from "../identity/scopes";
import { type ResolvedNetwork, type ResolvedZone } from "../resolve/foundation-types";

type NewNetwork = Extract<ResolvedNetwork, { mode: "create" }>;

/**
 * Settings of a new VPC and its subnets: DNS names for nodes and endpoints, and no subnet assigning
 * public IPs on launch (RULES NODE-04).
 */
export const VPC_SETTINGS = Object.freeze({ enableDnsHostnames: true, enableDnsSupport: true, mapPublicIpOnLaunch: false });

/** Flow log settings: every packet decision, aggregated per minute (the finest interval), into CloudWatch Logs. */
export const FLOW_LOG_SETTINGS = Object.freeze({ trafficType: "ALL", maxAggregationIntervalSeconds: 60, destinationType: "cloud-watch-logs" } as const);

/** One subnet of a new VPC. */
export interface SubnetSpec {
  /** Child-name role: `private-<zone>` or `public-<zone>`. */
  readonly role: string;
  readonly zone: string;
  readonly cidr: string;
  readonly public: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The subnets: private ones for nodes and internal load balancers (`kubernetes.io/role/internal-elb`),
 * public ones for NAT gateways and internet-facing load balancers (`kubernetes.io/role/elb`). No subnet
 * assigns public IPs on launch (RULES NODE-04): NAT gateways and load balancers bring their own.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html
 */
export function renderSubnets(network: NewNetwork, clusterName: string, tags: Readonly<Record<string, string>>): SubnetSpec[] {
  const subnet = (zone: ResolvedZone, isPublic: boolean): SubnetSpec => ({
    role: `${isPublic ? "public" : "private"}-${zone.name}`,
    zone: zone.name,
    cidr: isPublic ? zone.publicCidr : zone.privateCidr,
    public: isPublic,
    tags: {
      ...tags,
      Name: `${clusterName}-${isPublic ? "public" : "private"}-${zone.name}`,
      [isPublic ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb"]: "1",
    },
  });
  return network.zones.flatMap((zone) => [subnet(zone, false), subnet(zone, true)]);
}

/** Zones that get a NAT gateway: the first zone only, or every zone. */
export function natGatewayZones(network: NewNetwork): string[] {
  const zones = network.zones.map((z) => z.name);
  return network.natGateways === "single" ? zones.slice(0, 1) : zones;
}

/** The zone whose NAT gateway a zone's private subnet routes through. */
export function natZoneFor(network: NewNetwork, zone: string): string {
  return network.natGateways === "single" ? network.zones[0]!.name : zone;
}

/** What the flow-log delivery role may do: write into its own log group only. */
export function renderFlowLogPolicy(logGroupArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WriteFlowLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
    ],
  };
}

/** The flow-log group of a cluster's VPC. */
export function flowLogGroupName(clusterName: string): string {
  return `/inferstack/${clusterName}/vpc-flow-logs`;
}
