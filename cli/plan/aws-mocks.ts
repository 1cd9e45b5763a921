/**
 * Realistic provider outputs of the AWS resources the foundation creates, for the plan's mock engine:
 * ids in AWS's formats, ARNs, the EKS endpoint, certificate authority and OIDC issuer, ECR URLs. Every
 * value is derived from the resource's type and name, so two plans are byte-identical.
 */
import { createHash } from "node:crypto";

/** Account and region of the environment being planned. */
export interface AwsMockContext {
  readonly region: string;
  readonly accountId: string;
}

/** `n` hex characters derived from `seed`. */
function hex(seed: string, n: number): string {
  let out = "";
  for (let i = 0; out.length < n; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
  return out.slice(0, n);
}

/** A UUID-shaped value derived from `seed`. */
function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A stand-in certificate authority: base64 of a PEM header, enough for a kubeconfig to be well formed. */
function certificateAuthority(seed: string): string {
  return Buffer.from(`-----BEGIN CERTIFICATE-----\nMIIplan${hex(seed, 48)}\n-----END CERTIFICATE-----\n`).toString("base64");
}

/** Id prefixes of EC2 resources. */
const EC2_ID_PREFIXES: Readonly<Record<string, string>> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/route:Route": "r-rtb",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/flowLog:FlowLog": "fl",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt",
};

/** The id the provider would assign. */
export function awsMockId(type: string, name: string, inputs: Record<string, unknown>): string {
  const prefix = EC2_ID_PREFIXES[type];
  if (prefix !== undefined) return `${prefix}-${hex(`${type}::${name}`, 17)}`;
  switch (type) {
    case "aws:s3/bucket:Bucket":
      return String(inputs.bucket ?? name);
    case "aws:cloudwatch/logGroup:LogGroup":
    case "aws:ecr/repository:Repository":
      return String(inputs.name ?? name);
    case "aws:kms/key:Key":
      return uuid(`${type}::${name}`);
    case "aws:eks/cluster:Cluster":
      return String(inputs.name ?? name);
    default:
      return `${name}-id`;
  }
}

/** The outputs a provider would compute for an AWS resource, merged over its inputs. */
export function awsMockState(type: string, name: string, inputs: Record<string, unknown>, context: AwsMockContext): Record<string, unknown> {
  const { region, accountId } = context;
  const id = awsMockId(type, name, inputs);
  // An explicit name wins; a name prefix gets the provider's 26-digit unique suffix; else Pulumi's autoname.
  const uniqueSuffix = BigInt(`0x${hex(`${type}::${name}`, 20)}`).toString().padStart(26, "0").slice(0, 26);
  const autoname = (value: unknown, namePrefix?: unknown) =>
    typeof value === "string" ? value : typeof namePrefix === "string" ? `${namePrefix}${uniqueSuffix}` : `${name}-${hex(`${type}::${name}`, 7)}`;
  const service = type.split(":")[1]?.split("/")[0] ?? "aws";
  const ec2 = EC2_ID_PREFIXES[type];
  if (ec2 !== undefined) {
    const resource = type.split(":")[2]!.replace(/^./, (c) => c.toLowerCase()).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const extra: Record<string, unknown> = {};
    if (type === "aws:ec2/launchTemplate:LaunchTemplate") Object.assign(extra, { latestVersion: 1, defaultVersion: 1, name: autoname(inputs.name) });
    if (type === "aws:ec2/eip:Eip") Object.assign(extra, { allocationId: id, publicIp: `198.51.100.${parseInt(hex(name, 2), 16) % 250}` });
    if (type === "aws:ec2/vpc:Vpc") Object.assign(extra, { defaultSecurityGroupId: `sg-${hex(`${name}-default`, 17)}`, mainRouteTableId: `rtb-${hex(`${name}-main`, 17)}` });
    return { ...inputs, ...extra, arn: `arn:aws:ec2:${region}:${accountId}:${resource}/${id}` };
  }
  switch (type) {
    case "aws:s3/bucket:Bucket":
      return { ...inputs, bucket: id, arn: `arn:aws:s3:::${id}`, bucketDomainName: `${id}.s3.amazonaws.com`, bucketRegionalDomainName: `${id}.s3.${region}.amazonaws.com`, region };
    case "aws:kms/key:Key":
      return { ...inputs, keyId: id, arn: `arn:aws:kms:${region}:${accountId}:key/${id}` };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { ...inputs, arn: `arn:aws:logs:${region}:${accountId}:log-group:${id}` };
    case "aws:iam/role:Role": {
      const roleName = autoname(inputs.name, inputs.namePrefix);
      return { ...inputs, name: roleName, arn: `arn:aws:iam::${accountId}:role/${roleName}`, uniqueId: `AROA${hex(name, 17).toUpperCase()}` };
    }
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
      return { ...inputs, arn: `arn:aws:iam::${accountId}:oidc-provider/${String(inputs.url ?? "").replace(/^https:\/\//, "")}` };
    case "aws:eks/cluster:Cluster": {
      const clusterId = hex(`${type}::${name}`, 32).toUpperCase();
      return {
        ...inputs,
        name: id,
        arn: `arn:aws:eks:${region}:${accountId}:cluster/${id}`,
        endpoint: `https://${clusterId}.gr7.${region}.eks.amazonaws.com`,
        certificateAuthority: { data: certificateAuthority(name) },
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${clusterId}` }] }],
        vpcConfig: { ...(inputs.vpcConfig as Record<string, unknown>), clusterSecurityGroupId: `sg-${hex(`${name}-cluster`, 17)}` },
        status: "ACTIVE",
      };
    }
    case "aws:eks/nodeGroup:NodeGroup": {
      const nodeGroupName = autoname(inputs.nodeGroupName, inputs.nodeGroupNamePrefix);
      return { ...inputs, nodeGroupName, arn: `arn:aws:eks:${region}:${accountId}:nodegroup/${String(inputs.clusterName)}/${nodeGroupName}/${uuid(name)}`, status: "ACTIVE" };
    }
    case "aws:eks/addon:Addon":
      return { ...inputs, arn: `arn:aws:eks:${region}:${accountId}:addon/${String(inputs.clusterName)}/${String(inputs.addonName)}/${uuid(name)}` };
    case "aws:eks/accessEntry:AccessEntry":
      return { ...inputs, accessEntryArn: `arn:aws:eks:${region}:${accountId}:access-entry/${String(inputs.clusterName)}/${uuid(name)}` };
    case "aws:ecr/repository:Repository":
      return { ...inputs, arn: `arn:aws:ecr:${region}:${accountId}:repository/${id}`, registryId: accountId, repositoryUrl: `${accountId}.dkr.ecr.${region}.amazonaws.com/${id}` };
    default:
      return { ...inputs, arn: `arn:aws:${service}:${region}:${accountId}:${name}` };
  }
}
