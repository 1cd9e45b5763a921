/**
 * What a foundation means, read back from each engine's output: the resources the Pulumi program
 * registered under the mock engine, and the CloudFormation template the CDK app synthesized. Both
 * are reduced to the same plain "intent" (names, settings, zones, scopes; references to keys and
 * providers replaced by what they point at), so a test can compare the two engines field by field.
 */
import { awsMockId, awsMockState } from "../../cli/plan/aws-mocks";
import { type RecordedResource } from "../../cli/plan/engine";
import { AWS_TAGS } from "../../components/labels";

type Json = Record<string, unknown>;

/** The intent of one foundation, comparable across engines. */
export interface FoundationIntent {
  readonly network: { readonly cidr: string; readonly subnets: Json; readonly natGatewayZones: string[] };
  /** The cluster's Service CIDR and its CoreDNS add-on configuration (the Consul forwarding). */
  readonly cluster: { readonly serviceCidr: unknown; readonly coreDnsConfiguration: unknown };
  readonly repositories: Json;
  readonly registryScanning: unknown;
  readonly buckets: Json;
  readonly nodeGroups: Json;
  readonly identities: Json;
}

/** One field on which the engines disagree. */
export interface EngineDifference {
  readonly path: string;
  readonly pulumi: unknown;
  readonly cdk: unknown;
}

/** Every leaf where `pulumi` and `cdk` differ, by dotted path, sorted. */
export function differences(pulumi: unknown, cdk: unknown, path = ""): EngineDifference[] {
  const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObject(pulumi) && isObject(cdk)) {
    const keys = [...new Set([...Object.keys(pulumi), ...Object.keys(cdk)])].sort();
    return keys.flatMap((key) => differences(pulumi[key], cdk[key], path === "" ? key : `${path}.${key}`));
  }
  return canonical(pulumi) === canonical(cdk) ? [] : [{ path, pulumi: pulumi ?? null, cdk: cdk ?? null }];
}

/** JSON with object keys sorted: key order carries no meaning in either engine's output. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * The rows for `stack` of the "Differences in the compared fields" table of
 * docs/engine-differences.md: `| stack | field | Pulumi (JSON) | CDK (JSON) | why |`.
 */
export function documentedDifferences(doc: string, stack: string): EngineDifference[] {
  const table = doc.split("## Differences in the compared fields")[1]?.split("\n## ")[0] ?? "";
  return table
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| stack ") && !line.startsWith("|---"))
    .map((line) => line.split("|").map((cell) => cell.trim().replace(/`/g, "")))
    .filter((cells) => cells[1] === stack)
    .map((cells) => ({ path: cells[2]!, pulumi: JSON.parse(cells[3]!) as unknown, cdk: JSON.parse(cells[4]!) as unknown }));
}

const byKey = <T>(entries: [string, T][]): Record<string, T> => Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

/** A normalized S3 lifecycle rule: the fields both engines set, whatever their spelling. */
function lifecycleRule(rule: { id: string; status: string; noncurrentDays?: number; expirationDays?: number; deleteMarkers?: boolean; abortDays?: number }) {
  return plain(rule);
}

/** A normalized launch template (metadata options, volumes, monitoring). */
function launchTemplate(data: { metadata: Json; volumes: { device: string; size: unknown; type: unknown; encrypted: unknown; deleteOnTermination: unknown }[]; monitoring: unknown }) {
  return {
    metadata: data.metadata,
    volumes: data.volumes.map((v) => ({ device: v.device, sizeGiB: v.size, type: v.type, encrypted: String(v.encrypted) === "true", deleteOnTermination: String(v.deleteOnTermination) === "true" })),
    detailedMonitoring: data.monitoring,
  };
}

/** The trust of an IRSA role: who may assume it, for which token audience and subject. */
function irsaTrust(document: Json, federatedIsProvider: (federated: unknown) => boolean, issuerMatches: (key: string) => boolean) {
  const statement = (document.Statement as Json[])[0]!;
  const conditions = (statement.Condition as { StringEquals: Record<string, string> }).StringEquals;
  const entries = Object.entries(conditions);
  return {
    action: statement.Action,
    federatedByClusterProvider: federatedIsProvider((statement.Principal as Json).Federated),
    conditionKeysNameTheIssuer: entries.every(([key]) => issuerMatches(key)),
    audience: entries.find(([key]) => key.endsWith(":aud"))?.[1] ?? null,
    subject: entries.find(([key]) => key.endsWith(":sub"))?.[1] ?? null,
  };
}

/** The intent of the foundation the Pulumi program registered. */
export function pulumiIntent(resources: readonly RecordedResource[], context: { region: string; accountId: string }): FoundationIntent {
  const of = (type: string) => resources.filter((r) => r.type === type);
  const idOf = (r: RecordedResource) => awsMockId(r.type, r.name, r.inputs);
  const keys = new Map(of("aws:kms/key:Key").map((r) => [awsMockState(r.type, r.name, r.inputs, context).arn as string, `kms:${(r.inputs.tags as Json)[AWS_TAGS.keyPurpose]}`]));
  const normalize = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null), (_k, v: unknown) => (typeof v === "string" && keys.has(v) ? keys.get(v) : v));
  const subnets = new Map(of("aws:ec2/subnet:Subnet").map((r) => [idOf(r), r.inputs]));
  const zoneOf = (id: unknown) => String(subnets.get(String(id))?.availabilityZone);
  const forBucket = (type: string, bucket: string) => of(type).find((r) => r.inputs.bucket === bucket)?.inputs;
  const [vpc] = of("aws:ec2/vpc:Vpc");
  const [cluster] = of("aws:eks/cluster:Cluster");

  return {
    cluster: {
      serviceCidr: (cluster?.inputs.kubernetesNetworkConfig as Json | undefined)?.serviceIpv4Cidr ?? null,
      coreDnsConfiguration: of("aws:eks/addon:Addon").find((r) => r.inputs.addonName === "coredns")?.inputs.configurationValues ?? null,
    },
    network: {
      cidr: String(vpc?.inputs.cidrBlock),
      subnets: byKey([...subnets.values()].map((s) => [String((s.tags as Json).Name).replace(/^.*?-(private|public)-/, "$1-"), { cidr: s.cidrBlock, zone: s.availabilityZone, mapPublicIpOnLaunch: s.mapPublicIpOnLaunch }])),
      natGatewayZones: of("aws:ec2/natGateway:NatGateway").map((r) => zoneOf(r.inputs.subnetId)).sort(),
    },
    repositories: byKey(
      of("aws:ecr/repository:Repository").map((r) => {
        const lifecycle = of("aws:ecr/lifecyclePolicy:LifecyclePolicy").find((p) => p.inputs.repository === r.inputs.name);
        const encryption = (r.inputs.encryptionConfigurations as Json[])[0]!;
        return [
          String(r.inputs.name),
          {
            mutability: r.inputs.imageTagMutability,
            scanOnPush: (r.inputs.imageScanningConfiguration as Json).scanOnPush,
            encryption: normalize({ type: encryption.encryptionType, key: encryption.kmsKey }),
            lifecycle: JSON.parse(String(lifecycle?.inputs.policy ?? "null")),
          },
        ];
      }),
    ),
    registryScanning: plain(of("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration")[0]?.inputs),
    buckets: byKey(
      of("aws:s3/bucket:Bucket").map((r) => {
        const name = String(r.inputs.bucket);
        const sse = (forBucket("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name)?.rules as Json[])[0]!;
        const byDefault = sse.applyServerSideEncryptionByDefault as Json;
        const { bucket: _bucket, ...block } = forBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name)!;
        const logging = forBucket("aws:s3/bucketLogging:BucketLogging", name);
        type PulumiRule = { id: string; status: string; noncurrentVersionExpiration?: Json; expiration?: Json; abortIncompleteMultipartUpload?: Json };
        return [
          name,
          {
            versioning: (forBucket("aws:s3/bucketVersioning:BucketVersioning", name)?.versioningConfiguration as Json).status,
            encryption: normalize({ algorithm: byDefault.sseAlgorithm, key: byDefault.kmsMasterKeyId, bucketKey: sse.bucketKeyEnabled }),
            publicAccessBlock: block,
            ownership: (forBucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls", name)?.rule as Json).objectOwnership,
            policy: JSON.parse(String(forBucket("aws:s3/bucketPolicy:BucketPolicy", name)?.policy)),
            logging: logging === undefined ? null : { targetBucket: logging.targetBucket, prefix: logging.targetPrefix },
            lifecycle: (forBucket("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", name)?.rules as PulumiRule[]).map((rule) =>
              lifecycleRule({
                id: rule.id,
                status: rule.status,
                noncurrentDays: rule.noncurrentVersionExpiration?.noncurrentDays as number,
                expirationDays: rule.expiration?.days as number,
                deleteMarkers: rule.expiration?.expiredObjectDeleteMarker as boolean,
                abortDays: rule.abortIncompleteMultipartUpload?.daysAfterInitiation as number,
              }),
            ),
          },
        ];
      }),
    ),
    nodeGroups: byKey(
      of("aws:eks/nodeGroup:NodeGroup").map((r) => {
        const template = of("aws:ec2/launchTemplate:LaunchTemplate").find((t) => idOf(t) === (r.inputs.launchTemplate as Json).id)!.inputs;
        const scaling = r.inputs.scalingConfig as Json;
        return [
          String((r.inputs.labels as Json)[AWS_TAGS.nodePool]),
          {
            instanceTypes: r.inputs.instanceTypes,
            amiType: r.inputs.amiType,
            capacityType: r.inputs.capacityType,
            scaling: { min: scaling.minSize, desired: scaling.desiredSize, max: scaling.maxSize },
            labels: r.inputs.labels,
            taints: r.inputs.taints ?? [],
            zones: (r.inputs.subnetIds as string[]).map(zoneOf).sort(),
            launchTemplate: launchTemplate({
              metadata: template.metadataOptions as Json,
              volumes: (template.blockDeviceMappings as { deviceName: string; ebs: Json }[]).map((m) => ({ device: m.deviceName, size: m.ebs.volumeSize, type: m.ebs.volumeType, encrypted: m.ebs.encrypted, deleteOnTermination: m.ebs.deleteOnTermination })),
              monitoring: (template.monitoring as Json).enabled,
            }),
          },
        ];
      }),
    ),
    identities: byKey(
      of("aws:iam/role:Role")
        .filter((r) => (r.inputs.tags as Json | undefined)?.[AWS_TAGS.serverPool] !== undefined)
        .map((r) => {
          const policy = of("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === `${r.name}-read`)!;
          const trust = JSON.parse(String(r.inputs.assumeRolePolicy)) as Json;
          const issuer = String(((trust.Statement as Json[])[0]!.Principal as Json).Federated).split(":oidc-provider/")[1];
          return [
            String((r.inputs.tags as Json)[AWS_TAGS.serverPool]),
            {
              trust: irsaTrust(trust, (f) => of("aws:iam/openIdConnectProvider:OpenIdConnectProvider").some((p) => awsMockState(p.type, p.name, p.inputs, context).arn === f), (key) => key.startsWith(`${issuer}:`)),
              permissions: normalize((JSON.parse(String(policy.inputs.policy)) as Json).Statement),
            },
          ];
        }),
    ),
  };
}

/** A CloudFormation template's resources. */
type Resources = Record<string, { Type: string; Properties?: Json }>;

/** The logical id a `Ref` or `Fn::GetAtt` points at. */
function target(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const v = value as Json;
  if (typeof v.Ref === "string") return v.Ref;
  if (Array.isArray(v["Fn::GetAtt"])) return String(v["Fn::GetAtt"][0]);
  return undefined;
}

const tagValue = (props: Json | undefined, key: string) => (props?.Tags as { Key: string; Value: string }[] | undefined)?.find((t) => t.Key === key)?.Value;

/** The intent of the foundation a CDK template describes. */
export function cdkIntent(template: { Resources: Resources }): FoundationIntent {
  const resources = template.Resources;
  const of = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type).map(([id, r]) => ({ id, props: r.Properties ?? {} }));
  const typeOf = (value: unknown) => resources[target(value) ?? ""]?.Type;
  // A reference to a KMS key becomes the key's purpose, as the Pulumi side's ARN does.
  const normalize = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value ?? null), (_k, v: unknown) => (typeOf(v) === "AWS::KMS::Key" ? `kms:${tagValue(resources[target(v)!]!.Properties, AWS_TAGS.keyPurpose)}` : v));
  const zoneOf = (ref: unknown) => String(resources[target(ref)!]!.Properties!.AvailabilityZone);
  const subnets = of("AWS::EC2::Subnet");
  const [vpc] = of("AWS::EC2::VPC");
  const [cluster] = of("AWS::EKS::Cluster");

  return {
    cluster: {
      serviceCidr: (cluster?.props.KubernetesNetworkConfig as Json | undefined)?.ServiceIpv4Cidr ?? null,
      coreDnsConfiguration: of("AWS::EKS::Addon").find((a) => a.props.AddonName === "coredns")?.props.ConfigurationValues ?? null,
    },
    network: {
      cidr: String(vpc?.props.CidrBlock),
      subnets: byKey(subnets.map((s) => [String(tagValue(s.props, "Name")).replace(/^.*?-(private|public)-/, "$1-"), { cidr: s.props.CidrBlock, zone: s.props.AvailabilityZone, mapPublicIpOnLaunch: s.props.MapPublicIpOnLaunch }])),
      natGatewayZones: of("AWS::EC2::NatGateway").map((n) => zoneOf(n.props.SubnetId)).sort(),
    },
    repositories: byKey(
      of("AWS::ECR::Repository").map(({ props }) => {
        const encryption = props.EncryptionConfiguration as Json;
        return [
          String(props.RepositoryName),
          {
            mutability: props.ImageTagMutability,
            scanOnPush: (props.ImageScanningConfiguration as Json).ScanOnPush,
            encryption: normalize({ type: encryption.EncryptionType, key: encryption.KmsKey }),
            lifecycle: JSON.parse(String((props.LifecyclePolicy as Json).LifecyclePolicyText)),
          },
        ];
      }),
    ),
    registryScanning: plain(of("AWS::ECR::RegistryScanningConfiguration")[0]?.props),
    buckets: byKey(
      of("AWS::S3::Bucket").map(({ props }) => {
        const name = String(props.BucketName);
        const sse = ((props.BucketEncryption as Json).ServerSideEncryptionConfiguration as Json[])[0]!;
        const byDefault = sse.ServerSideEncryptionByDefault as Json;
        const block = props.PublicAccessBlockConfiguration as Json;
        const logging = props.LoggingConfiguration as Json | undefined;
        const policy = of("AWS::S3::BucketPolicy").find((p) => p.props.Bucket === name)?.props.PolicyDocument;
        type CfnRule = { Id: string; Status: string; NoncurrentVersionExpiration?: Json; ExpirationInDays?: number; ExpiredObjectDeleteMarker?: boolean; AbortIncompleteMultipartUpload?: Json };
        return [
          name,
          {
            versioning: (props.VersioningConfiguration as Json).Status,
            encryption: normalize({ algorithm: byDefault.SSEAlgorithm, key: byDefault.KMSMasterKeyID, bucketKey: sse.BucketKeyEnabled }),
            publicAccessBlock: { blockPublicAcls: block.BlockPublicAcls, blockPublicPolicy: block.BlockPublicPolicy, ignorePublicAcls: block.IgnorePublicAcls, restrictPublicBuckets: block.RestrictPublicBuckets },
            ownership: (((props.OwnershipControls as Json).Rules as Json[])[0] as Json).ObjectOwnership,
            policy: plain(policy),
            logging: logging === undefined ? null : { targetBucket: resources[target(logging.DestinationBucketName)!]!.Properties!.BucketName, prefix: logging.LogFilePrefix },
            lifecycle: ((props.LifecycleConfiguration as Json).Rules as CfnRule[]).map((rule) =>
              lifecycleRule({
                id: rule.Id,
                status: rule.Status,
                noncurrentDays: rule.NoncurrentVersionExpiration?.NoncurrentDays as number,
                expirationDays: rule.ExpirationInDays,
                deleteMarkers: rule.ExpiredObjectDeleteMarker,
                abortDays: rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation as number,
              }),
            ),
          },
        ];
      }),
    ),
    nodeGroups: byKey(
      of("AWS::EKS::Nodegroup").map(({ props }) => {
        const data = resources[target((props.LaunchTemplate as Json).Id)!]!.Properties!.LaunchTemplateData as Json;
        const scaling = props.ScalingConfig as Json;
        const metadata = data.MetadataOptions as Json;
        return [
          String((props.Labels as Json)[AWS_TAGS.nodePool]),
          {
            instanceTypes: props.InstanceTypes,
            amiType: props.AmiType,
            capacityType: props.CapacityType,
            scaling: { min: scaling.MinSize, desired: scaling.DesiredSize, max: scaling.MaxSize },
            labels: props.Labels,
            taints: ((props.Taints as Json[] | undefined) ?? []).map((t) => ({ key: t.Key, value: t.Value, effect: t.Effect })),
            zones: (props.Subnets as unknown[]).map(zoneOf).sort(),
            launchTemplate: launchTemplate({
              metadata: { httpEndpoint: metadata.HttpEndpoint, httpPutResponseHopLimit: metadata.HttpPutResponseHopLimit, httpTokens: metadata.HttpTokens, instanceMetadataTags: metadata.InstanceMetadataTags },
              volumes: (data.BlockDeviceMappings as { DeviceName: string; Ebs: Json }[]).map((m) => ({ device: m.DeviceName, size: m.Ebs.VolumeSize, type: m.Ebs.VolumeType, encrypted: m.Ebs.Encrypted, deleteOnTermination: m.Ebs.DeleteOnTermination })),
              monitoring: (data.Monitoring as Json).Enabled,
            }),
          },
        ];
      }),
    ),
    identities: byKey(
      of("AWS::IAM::Role")
        .filter((r) => tagValue(r.props, AWS_TAGS.serverPool) !== undefined)
        .map((role) => {
          const policy = of("AWS::IAM::ManagedPolicy").find((p) => (p.props.Roles as unknown[]).some((r) => target(r) === role.id))!;
          const [text, variables] = (role.props.AssumeRolePolicyDocument as { "Fn::Sub": [string, Record<string, unknown>] })["Fn::Sub"];
          const provider = variables.OidcProviderArn;
          const issuerFromProvider = JSON.stringify(variables.OidcIssuerHostPath) === JSON.stringify({ "Fn::Select": [1, { "Fn::Split": [":oidc-provider/", provider] }] });
          return [
            String(tagValue(role.props, AWS_TAGS.serverPool)),
            {
              trust: irsaTrust(JSON.parse(text) as Json, (f) => f === "${OidcProviderArn}" && typeOf(provider) === "AWS::IAM::OIDCProvider", (key) => issuerFromProvider && key.startsWith("${OidcIssuerHostPath}:")),
              permissions: normalize((policy.props.PolicyDocument as Json).Statement),
            },
          ];
        }),
    ),
  };
}
