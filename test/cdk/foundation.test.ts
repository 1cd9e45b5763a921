/**
 * The shipped foundation stacks through the CDK engine: `inferstack synth` (cdk-nag and the
 * CloudFormation validator run inside it), the exact properties of the templates it writes, the
 * acknowledged findings, and parity with the Pulumi engine. One synthesis and one plan per stack.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { main } from "../../cli/main";
import { computePlan, type ComputedPlan } from "../../cli/plan/compute";
import { type ValidationReport } from "../../cdk/synth";
import { renderCorefile } from "../../components/discovery/coredns";
import { shippedPlatform, REPO, SHIPPED_STACKS } from "../helpers/input";
import { NODE_GROUPS, REASONS, STACKS, type Stack } from "../helpers/cdk-expectations";
import { cdkIntent, differences, documentedDifferences, pulumiIntent } from "../helpers/parity";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- template JSON is untyped; the tests index it freely
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[]; DeletionPolicy?: string };

interface SynthRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
  readonly template: { Resources: Record<string, Resource>; Outputs: Record<string, unknown> };
  readonly report: ValidationReport;
}
const runs = new Map<Stack, SynthRun>();
const plans = new Map<Stack, ComputedPlan>();

beforeAll(async () => {
  const cwd = process.cwd();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-synth-"));
  process.chdir(work);
  try {
    for (const stack of STACKS) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(["synth", stack, "--out", stack], { out: (l) => out.push(l), err: (l) => err.push(l) }, REPO);
      const read = (file: string) => JSON.parse(fs.readFileSync(path.join(work, stack, file), "utf8"));
      runs.set(stack, { code, out, err, template: read(`inferstack-${stack}-foundation.template.json`), report: read("validation-report.json") });
      plans.set(stack, await computePlan(REPO, stack));
    }
  } finally {
    process.chdir(cwd);
  }
});

const run = (stack: Stack) => runs.get(stack)!;
const resources = (stack: Stack) => run(stack).template.Resources;
const ofType = (stack: Stack, type: string) => Object.entries(resources(stack)).filter(([, r]) => r.Type === type);
const tag = (r: Resource, key: string): string | undefined => r.Properties.Tags?.find((t: { Key: string }) => t.Key === key)?.Value;
const idWhere = (stack: Stack, type: string, match: (r: Resource) => boolean): string => {
  const found = ofType(stack, type).filter(([, r]) => match(r));
  if (found.length !== 1) throw new Error(`${found.length} ${type} match in ${stack}`);
  return found[0]![0];
};
const keyArn = (stack: Stack, purpose: string) => ({ "Fn::GetAtt": [idWhere(stack, "AWS::KMS::Key", (r) => tag(r, "inferstack.io/key-purpose") === purpose), "Arn"] });
const subnet = (stack: Stack, kind: "private" | "public", zone: string) => ({ Ref: idWhere(stack, "AWS::EC2::Subnet", (r) => tag(r, "Name") === `inferstack-${stack}-${kind}-${zone}`) });
const clusterId = (stack: Stack) => idWhere(stack, "AWS::EKS::Cluster", () => true);
const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
const ACCOUNT: Record<Stack, string> = { dev: "111122223333", prod: "777788889999" };
const stackTags = (stack: Stack) => [
  { Key: "inferstack.io/environment", Value: stack },
  { Key: "inferstack.io/managed-by", Value: "cdk" },
];

it("covers every shipped stack that creates its foundation", () => {
  expect(SHIPPED_STACKS.filter((s) => shippedPlatform(s).foundation !== undefined)).toEqual([...STACKS]);
});

describe("inferstack synth", () => {
  it.each(STACKS)("synthesizes %s offline, runs every check and prints where the template is", (stack) => {
    const { code, out, err } = run(stack);
    const nist = stack === "prod" ? ["  ✓ NIST.800.53.R5: no unacknowledged finding, 5 acknowledged findings"] : [];
    expect({ code, out }).toEqual({ code: 0, out: [`inferstack-${stack}-foundation  ${stack}/inferstack-${stack}-foundation.template.json`] });
    expect(err.map((line) => line.replace(/\(\d+\.\d s\)/, "(T)"))).toEqual([
      `inferstack synth ${stack}`,
      stack === "dev" ? "  ✓ spec valid: tier dev, 3 node groups, 3 repositories, 3 reader roles" : "  ✓ spec valid: tier prod, 2 node groups, 4 repositories, 2 reader roles",
      "  … synthesizing with cdk-nag and the CloudFormation validator",
      `  ✓ wrote ${stack}/inferstack-${stack}-foundation.template.json: ${stack === "dev" ? 67 : 75} resources (T)`,
      `  ✓ AwsSolutions: no unacknowledged finding, ${stack === "dev" ? 11 : 10} acknowledged findings`,
      `  ✓ InferstackEks: no unacknowledged finding, ${stack === "dev" ? 3 : 0} acknowledged findings`,
      ...nist,
      "  ✓ CloudFormation Validate: no unacknowledged finding, 7 acknowledged findings",
      ...(stack === "dev"
        ? [
            "  note: cluster.admins is empty: nobody gets Kubernetes access to the cluster this template creates (the identity running cdk deploy gets none, unlike pulumi up). List the role that deploys the serving layer in cluster.admins.",
            "  note: after cdk deploy, copy the pinned image: crane copy amazon/aws-cli:2.34.24 111122223333.dkr.ecr.us-east-1.amazonaws.com/inferstack/dev/aws-cli:2.34.24",
            "  note: after cdk deploy, copy the pinned image: crane copy tensorflow/serving:2.20.0 111122223333.dkr.ecr.us-east-1.amazonaws.com/inferstack/dev/tensorflow-serving:2.20.0",
            "  note: after cdk deploy, copy the pinned image: crane copy nvcr.io/nvidia/tritonserver:26.07-py3 111122223333.dkr.ecr.us-east-1.amazonaws.com/inferstack/dev/tritonserver:26.07-py3",
          ]
        : [
            "  note: after cdk deploy, copy the pinned image: crane copy amazon/aws-cli:2.34.24 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/aws-cli:2.34.24",
            "  note: after cdk deploy, copy the pinned image: crane copy tensorflow/serving:2.20.0-gpu 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tensorflow-serving:2.20.0-gpu",
            "  note: after cdk deploy, copy the pinned image: crane copy nvcr.io/nvidia/tritonserver:26.07-py3 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tritonserver:26.07-py3",
          ]),
    ]);
  });

  it.each(STACKS)("%s: every check concludes success with no unacknowledged finding", (stack) => {
    for (const plugin of run(stack).report.pluginReports) {
      expect({ plugin: plugin.pluginName, conclusion: plugin.conclusion, violations: plugin.violations }).toEqual({ plugin: plugin.pluginName, conclusion: "success", violations: [] });
    }
  });
});

describe.each(STACKS)("the %s foundation template", (stack) => {
  const prod = stack === "prod";
  const retentionDays = prod ? 365 : 30;

  it("creates the EKS cluster with the rendered settings: pinned version, API access entries only, private subnets, Secrets under its own key", () => {
    const [, cluster] = ofType(stack, "AWS::EKS::Cluster")[0]!;
    const { SecurityGroupIds, ...vpcConfig } = cluster.Properties.ResourcesVpcConfig;
    expect({ ...cluster.Properties, ResourcesVpcConfig: vpcConfig }).toEqual({
      Name: `inferstack-${stack}`,
      Version: "1.35",
      RoleArn: { "Fn::GetAtt": [idWhere(stack, "AWS::IAM::Role", (r) => r.Properties.Description === `Control plane of EKS cluster inferstack-${stack}`), "Arn"] },
      AccessConfig: { AuthenticationMode: "API", BootstrapClusterCreatorAdminPermissions: false },
      BootstrapSelfManagedAddons: false,
      UpgradePolicy: { SupportType: "STANDARD" },
      EncryptionConfig: [{ Provider: { KeyArn: keyArn(stack, "eks-secrets") }, Resources: ["secrets"] }],
      Logging: { ClusterLogging: { EnabledTypes: (prod ? ["api", "audit", "authenticator", "controllerManager", "scheduler"] : ["api", "audit", "authenticator"]).map((Type) => ({ Type })) } },
      ResourcesVpcConfig: {
        EndpointPrivateAccess: true,
        EndpointPublicAccess: !prod,
        ...(prod ? {} : { PublicAccessCidrs: ["203.0.113.0/24"] }),
        SubnetIds: ZONES.map((zone) => subnet(stack, "private", zone)),
      },
      ComputeConfig: { Enabled: false },
      // The Service CIDR is pinned: Consul DNS takes a fixed ClusterIP inside it.
      KubernetesNetworkConfig: { ElasticLoadBalancing: { Enabled: false }, IpFamily: "ipv4", ServiceIpv4Cidr: "10.100.0.0/16" },
      StorageConfig: { BlockStorage: { Enabled: false } },
      Tags: stackTags(stack),
    });
    expect(SecurityGroupIds).toHaveLength(1);
    // The log group exists first, so it keeps its retention and key.
    expect(ofType(stack, "AWS::EKS::Cluster")[0]![1].DependsOn).toContain(idWhere(stack, "AWS::Logs::LogGroup", (r) => r.Properties.LogGroupName === `/aws/eks/inferstack-${stack}/cluster`));
  });

  it("keeps control-plane and flow logs for the tier's retention, encrypted with the logs key", () => {
    const groups = ofType(stack, "AWS::Logs::LogGroup").map(([, r]) => ({ ...r.Properties, DeletionPolicy: r.DeletionPolicy }));
    const group = (name: string) => ({ LogGroupName: name, RetentionInDays: retentionDays, KmsKeyId: keyArn(stack, "logs"), Tags: stackTags(stack), DeletionPolicy: "Retain" });
    expect(groups).toEqual([group(`/aws/eks/inferstack-${stack}/cluster`), ...(prod ? [group("/inferstack/inferstack-prod/vpc-flow-logs")] : [])].sort((a, b) => (a.LogGroupName < b.LogGroupName ? 1 : -1)));
  });

  it("gives cluster admin through access entries to cluster.admins only", () => {
    expect(ofType(stack, "AWS::EKS::AccessEntry").map(([, r]) => r.Properties)).toEqual(
      prod
        ? [
            {
              ClusterName: { Ref: clusterId(stack) },
              PrincipalArn: "arn:aws:iam::777788889999:role/platform-admin",
              Type: "STANDARD",
              AccessPolicies: [{ PolicyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", AccessScope: { Type: "cluster" } }],
              Tags: stackTags(stack),
            },
          ]
        : [],
    );
  });

  it("needs no kubectl Lambda: the only function empties the VPC's default security group", () => {
    const template = Template.fromJSON(run(stack).template);
    template.resourceCountIs("AWS::Lambda::Function", 1);
    template.resourceCountIs("AWS::Lambda::LayerVersion", 0);
    template.hasResourceProperties("Custom::VpcRestrictDefaultSG", {
      DefaultSecurityGroupId: { "Fn::GetAtt": [idWhere(stack, "AWS::EC2::VPC", () => true), "DefaultSecurityGroup"] },
      Account: ACCOUNT[stack],
    });
  });
});

describe.each(STACKS)("the %s node groups", (stack) => {
  const groups = Object.entries(NODE_GROUPS[stack]);
  const groupOf = (pool: string) => ofType(stack, "AWS::EKS::Nodegroup").find(([, r]) => r.Properties.Labels["inferstack.io/node-pool"] === pool)!;
  const nodeTags = (pool: string) => [
    { Key: "Name", Value: `inferstack-${stack}-${pool}` },
    { Key: "inferstack.io/environment", Value: stack },
    { Key: "inferstack.io/managed-by", Value: "cdk" },
    { Key: "inferstack.io/node-pool", Value: pool },
  ];

  it("creates exactly the resolved groups", () => {
    expect(ofType(stack, "AWS::EKS::Nodegroup").map(([, r]) => r.Properties.Labels["inferstack.io/node-pool"]).sort()).toEqual(groups.map(([pool]) => pool).sort());
  });

  it.each(groups)("%s: AMI, capacity, instance types, scaling, label, taint and zones as resolved, on the shared node role", (pool, g) => {
    const [, group] = groupOf(pool);
    const { LaunchTemplate, ...props } = group.Properties;
    expect(props).toEqual({
      ClusterName: { Ref: clusterId(stack) },
      NodeRole: { "Fn::GetAtt": [idWhere(stack, "AWS::IAM::Role", (r) => r.Properties.Description === `Managed nodes of EKS cluster inferstack-${stack}`), "Arn"] },
      AmiType: g.ami,
      CapacityType: g.capacity,
      InstanceTypes: g.types,
      ScalingConfig: { MinSize: g.min, DesiredSize: g.min, MaxSize: g.max },
      UpdateConfig: { MaxUnavailable: 1 },
      Labels: { "inferstack.io/node-pool": pool },
      Taints: g.gpu ? [{ Key: "nvidia.com/gpu", Value: "true", Effect: "NO_SCHEDULE" }] : [],
      Subnets: ZONES.map((zone) => subnet(stack, "private", zone)),
      ForceUpdateEnabled: true,
      Tags: { "inferstack.io/environment": stack, "inferstack.io/managed-by": "cdk", "inferstack.io/node-pool": pool },
    });
    expect(LaunchTemplate).toEqual({ Id: { Ref: expect.any(String) }, Version: { "Fn::GetAtt": [LaunchTemplate.Id.Ref, "LatestVersionNumber"] } });
  });

  it.each(groups)("%s: launch template requires IMDSv2 with a hop limit of 1 and encrypts its gp3 volume", (pool, g) => {
    const [, group] = groupOf(pool);
    expect(resources(stack)[group.Properties.LaunchTemplate.Id.Ref]!.Properties).toEqual({
      VersionDescription: `inferstack ${pool} nodes of EKS cluster inferstack-${stack}`,
      LaunchTemplateData: {
        MetadataOptions: { HttpEndpoint: "enabled", HttpTokens: "required", HttpPutResponseHopLimit: 1, InstanceMetadataTags: "disabled" },
        BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: g.diskGiB, VolumeType: "gp3", Encrypted: true, DeleteOnTermination: true } }],
        Monitoring: { Enabled: stack === "prod" },
        TagSpecifications: [
          { ResourceType: "instance", Tags: nodeTags(pool) },
          { ResourceType: "volume", Tags: nodeTags(pool) },
        ],
      },
      TagSpecifications: [{ ResourceType: "launch-template", Tags: stackTags(stack) }],
    });
  });

  it("waits for the networking add-ons; CoreDNS and the EBS CSI driver wait for the system nodes", () => {
    const addons = Object.fromEntries(ofType(stack, "AWS::EKS::Addon").map(([id, r]) => [r.Properties.AddonName, id]));
    for (const [pool] of groups) expect(groupOf(pool)[1].DependsOn).toEqual(expect.arrayContaining([addons["vpc-cni"], addons["kube-proxy"]]));
    for (const name of ["coredns", "aws-ebs-csi-driver"]) expect(resources(stack)[addons[name]!]!.DependsOn).toContain(groupOf("system")[0]);
  });
});

describe.each(STACKS)("the %s network, registry, model store and identities", (stack) => {
  const prod = stack === "prod";
  const bucket = `inferstack-models-${ACCOUNT[stack]}-${stack}`;
  const props = (type: string) => ofType(stack, type).map(([, r]) => r.Properties);

  it("lays the VPC out as resolve does: private quarters and public sixteenths, no public IPs on launch, NAT in the first or every zone", () => {
    expect(props("AWS::EC2::VPC").map(({ CidrBlock, EnableDnsHostnames, EnableDnsSupport }) => ({ CidrBlock, EnableDnsHostnames, EnableDnsSupport }))).toEqual([
      { CidrBlock: "10.0.0.0/16", EnableDnsHostnames: true, EnableDnsSupport: true },
    ]);
    const subnets = props("AWS::EC2::Subnet").map((p) => ({ zone: p.AvailabilityZone, cidr: p.CidrBlock, mapPublicIp: p.MapPublicIpOnLaunch, name: tag({ Type: "", Properties: p }, "Name") }));
    expect(subnets).toEqual([
      { zone: "us-east-1a", cidr: "10.0.0.0/18", mapPublicIp: false, name: `inferstack-${stack}-private-us-east-1a` },
      { zone: "us-east-1b", cidr: "10.0.64.0/18", mapPublicIp: false, name: `inferstack-${stack}-private-us-east-1b` },
      { zone: "us-east-1c", cidr: "10.0.128.0/18", mapPublicIp: false, name: `inferstack-${stack}-private-us-east-1c` },
      { zone: "us-east-1a", cidr: "10.0.192.0/20", mapPublicIp: false, name: `inferstack-${stack}-public-us-east-1a` },
      { zone: "us-east-1b", cidr: "10.0.208.0/20", mapPublicIp: false, name: `inferstack-${stack}-public-us-east-1b` },
      { zone: "us-east-1c", cidr: "10.0.224.0/20", mapPublicIp: false, name: `inferstack-${stack}-public-us-east-1c` },
    ]);
    expect(props("AWS::EC2::NatGateway").map((p) => p.SubnetId)).toEqual((prod ? ZONES : ["us-east-1a"]).map((zone) => subnet(stack, "public", zone)));
    expect(props("AWS::EC2::VPCEndpoint").map((p) => ({ type: p.VpcEndpointType, routes: p.RouteTableIds.length, service: p.ServiceName }))).toEqual([
      { type: "Gateway", routes: 3, service: { "Fn::Join": ["", ["com.amazonaws.", { Ref: "AWS::Region" }, ".s3"]] } },
    ]);
  });

  it(prod ? "sends every flow of the VPC to the flow-log group through a role limited to it" : "keeps flow logs off in dev", () => {
    const flowLogs = ofType(stack, "AWS::EC2::FlowLog");
    if (!prod) return expect(flowLogs).toEqual([]);
    const logGroup = idWhere(stack, "AWS::Logs::LogGroup", (r) => r.Properties.LogGroupName === "/inferstack/inferstack-prod/vpc-flow-logs");
    const role = idWhere(stack, "AWS::IAM::Role", (r) => r.Properties.Description === "Delivers VPC flow logs of inferstack-prod");
    expect(flowLogs.map(([, r]) => r.Properties)).toEqual([
      {
        ResourceId: { Ref: idWhere(stack, "AWS::EC2::VPC", () => true) },
        ResourceType: "VPC",
        TrafficType: "ALL",
        LogDestinationType: "cloud-watch-logs",
        LogDestination: { "Fn::GetAtt": [logGroup, "Arn"] },
        DeliverLogsPermissionArn: { "Fn::GetAtt": [role, "Arn"] },
        MaxAggregationInterval: 60,
        Tags: stackTags(stack),
      },
    ]);
    expect(ofType(stack, "AWS::IAM::ManagedPolicy").find(([, r]) => r.Properties.Roles[0].Ref === role)![1].Properties.PolicyDocument.Statement).toEqual([
      {
        Sid: "WriteFlowLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [{ "Fn::GetAtt": [logGroup, "Arn"] }, { "Fn::Join": ["", [{ "Fn::GetAtt": [logGroup, "Arn"] }, ":*"]] }],
      },
    ]);
  });

  it("creates one immutable, scanned, KMS-encrypted repository per runtime image and custom image, with the rendered lifecycle", () => {
    const repositories = ofType(stack, "AWS::ECR::Repository").map(([, r]) => ({ ...r.Properties, LifecyclePolicy: JSON.parse(r.Properties.LifecyclePolicy.LifecyclePolicyText), DeletionPolicy: r.DeletionPolicy }));
    const tfTag = prod ? "2.20.0-gpu" : "2.20.0";
    const keep = (tag: string) => ({ rulePriority: 1, description: `Keep ${tag}: a deployment references it`, selection: { tagStatus: "tagged", tagPatternList: [tag], countType: "imageCountMoreThan", countNumber: 9999 }, action: { type: "expire" } });
    const rest = (first: number) => [
      { rulePriority: first, description: "Expire untagged images after 14 days", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 }, action: { type: "expire" } },
      { rulePriority: first + 1, description: "Keep the newest 30 other tagged images", selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 30 }, action: { type: "expire" } },
    ];
    const repository = (name: string, rules: unknown[], mirrorOf?: string) => ({
      RepositoryName: `inferstack/${stack}/${name}`,
      ImageTagMutability: "IMMUTABLE",
      ImageScanningConfiguration: { ScanOnPush: true },
      EncryptionConfiguration: { EncryptionType: "KMS", KmsKey: keyArn(stack, "registry") },
      LifecyclePolicy: { rules },
      EmptyOnDelete: false,
      Tags: [...stackTags(stack), ...(mirrorOf === undefined ? [] : [{ Key: "inferstack.io/mirror-of", Value: mirrorOf }])],
      DeletionPolicy: "Retain",
    });
    expect(repositories).toEqual([
      repository("aws-cli", [keep("2.34.24"), ...rest(2)], "amazon/aws-cli"),
      repository("tensorflow-serving", [keep(tfTag), ...rest(2)], "tensorflow/serving"),
      // The custom image keeps the content tag the Pulumi program pushes (the CDK creates the repository only).
      ...(prod ? [repository("triton-python", [keep(shippedPlatform("prod").foundation!.registry.customImages[0]!.tag), ...rest(2)])] : []),
      repository("tritonserver", [keep("26.07-py3"), ...rest(2)], "nvcr.io/nvidia/tritonserver"),
    ]);
    expect(ofType(stack, "AWS::ECR::RegistryScanningConfiguration")).toEqual([]);
  });

  it(`protects the model store bucket${prod ? " and its access log bucket" : ""}: versioning, SSE-KMS with a bucket key, public access blocked, ACLs off, TLS only`, () => {
    const hardened = (name: string, lifecycle: unknown[], extra: Record<string, unknown>) => ({
      BucketName: name,
      VersioningConfiguration: { Status: "Enabled" },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn(stack, "model-store") }, BucketKeyEnabled: true }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      LifecycleConfiguration: { Rules: lifecycle },
      Tags: stackTags(stack),
      ...extra,
    });
    const abort = { Id: "abort-incomplete-uploads", Status: "Enabled", AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } };
    const store = hardened(bucket, [{ Id: "expire-noncurrent-versions", Status: "Enabled", NoncurrentVersionExpiration: { NoncurrentDays: prod ? 90 : 30 }, ExpiredObjectDeleteMarker: true }, abort], {});
    const logs = `${bucket}-logs`;
    const logBucket = idWhere(stack, "AWS::S3::Bucket", (r) => r.Properties.BucketName === (prod ? logs : bucket));
    expect(ofType(stack, "AWS::S3::Bucket").map(([, r]) => ({ ...r.Properties, DeletionPolicy: r.DeletionPolicy }))).toEqual([
      ...(prod
        ? [
            {
              ...hardened(logs, [{ Id: "expire-access-logs", Status: "Enabled", ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }, abort], {}),
              Tags: [{ Key: "inferstack.io/access-logs-of", Value: bucket }, ...stackTags(stack)],
              DeletionPolicy: "Retain",
            },
          ]
        : []),
      { ...store, ...(prod ? { LoggingConfiguration: { DestinationBucketName: { Ref: logBucket }, LogFilePrefix: "access-logs/" } } : {}), DeletionPolicy: "Retain" },
    ]);
    const tlsOnly = (name: string) => [
      { Sid: "DenyPlainHttp", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
      { Sid: "DenyTlsBelow12", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
    ];
    expect(props("AWS::S3::BucketPolicy").map((p) => [p.Bucket, p.PolicyDocument.Statement])).toEqual([
      ...(prod
        ? [
            [
              logs,
              [
                ...tlsOnly(logs),
                {
                  Sid: "S3ServerAccessLogsDelivery",
                  Effect: "Allow",
                  Principal: { Service: "logging.s3.amazonaws.com" },
                  Action: "s3:PutObject",
                  Resource: `arn:aws:s3:::${logs}/access-logs/*`,
                  Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:::${bucket}` }, StringEquals: { "aws:SourceAccount": ACCOUNT[stack] } },
                },
              ],
            ],
          ]
        : []),
      [bucket, tlsOnly(bucket)],
    ]);
  });

  it("creates four rotating keys, each with its purpose's policy and the tier's deletion window", () => {
    const keys = Object.fromEntries<Resource>(ofType(stack, "AWS::KMS::Key").map(([, r]) => [String(tag(r, "inferstack.io/key-purpose")), r]));
    expect(Object.fromEntries(Object.entries(keys).map(([purpose, key]) => [purpose, key.Properties.Description]))).toEqual({
      logs: "inferstack: EKS control-plane and VPC flow logs",
      "eks-secrets": "inferstack: envelope encryption of Kubernetes Secrets",
      registry: "inferstack: container images",
      "model-store": "inferstack: model store objects and their access logs",
    });
    for (const key of Object.values(keys)) {
      expect({ ...key.Properties, KeyPolicy: undefined, Description: undefined, Tags: undefined, DeletionPolicy: key.DeletionPolicy }).toEqual({
        EnableKeyRotation: true,
        RotationPeriodInDays: 365,
        PendingWindowInDays: prod ? 30 : 7,
        BypassPolicyLockoutSafetyCheck: false,
        DeletionPolicy: "Retain",
      });
    }
    expect(keys.logs!.Properties.KeyPolicy.Statement[1]).toEqual({
      Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
      Effect: "Allow",
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-1:${ACCOUNT[stack]}:log-group:*` } },
    });
    expect(keys["model-store"]!.Properties.KeyPolicy.Statement[1]).toEqual({
      Sid: "S3ServerAccessLoggingWritesLogs",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT[stack] } },
    });
  });

  // prod runs resnet50 and bert-encoder in one pool, triton-a10g; dev gives every model its own.
  const poolPrefixes: Record<string, string[]> =
    stack === "prod"
      ? { "ctr-ranker": ["ranking/ctr-ranker"], "triton-a10g": ["nlp/bert-encoder", "vision/resnet50"] }
      : { "bert-encoder": ["nlp/bert-encoder"], "ctr-ranker": ["ranking/ctr-ranker"], resnet50: ["vision/resnet50"] };
  it.each(Object.keys(poolPrefixes))("lets only %s's ServiceAccount assume its reader role, which reads its models' prefixes only", (pool) => {
    const roleId = idWhere(stack, "AWS::IAM::Role", (r) => tag(r, "inferstack.io/server-pool") === pool);
    const provider = { Ref: idWhere(stack, "AWS::IAM::OIDCProvider", () => true) };
    const prefixes = poolPrefixes[pool]!;
    expect(resources(stack)[roleId]!.Properties.AssumeRolePolicyDocument).toEqual({
      "Fn::Sub": [
        `{"Version":"2012-10-17","Statement":[{"Sid":"AssumeFromServiceAccount","Effect":"Allow","Principal":{"Federated":"\${OidcProviderArn}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"\${OidcIssuerHostPath}:aud":"sts.amazonaws.com","\${OidcIssuerHostPath}:sub":"system:serviceaccount:inferstack:${pool}-server"}}}]}`,
        { OidcProviderArn: provider, OidcIssuerHostPath: { "Fn::Select": [1, { "Fn::Split": [":oidc-provider/", provider] }] } },
      ],
    });
    const policies = ofType(stack, "AWS::IAM::ManagedPolicy").filter(([, r]) => r.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === roleId));
    expect(policies.map(([, r]) => r.Properties.PolicyDocument.Statement)).toEqual([
      [
        { Sid: expect.stringMatching(/^ReadModels/), Effect: "Allow", Action: "s3:GetObject", Resource: prefixes.map((p) => `arn:aws:s3:::${bucket}/${p}/*`) },
        {
          Sid: expect.stringMatching(/^ListModels/),
          Effect: "Allow",
          Action: "s3:ListBucket",
          Resource: `arn:aws:s3:::${bucket}`,
          Condition: { StringLikeIfExists: { "s3:prefix": prefixes.flatMap((p) => [p, `${p}/*`]) } },
        },
        { Sid: "DecryptModelStore", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn(stack, "model-store"), Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } },
      ],
    ]);
    expect(resources(stack)[roleId]!.Properties.Policies).toBeUndefined();
    expect(run(stack).template.Outputs[`ModelStoreRoleArn${pool.split("-").map((p) => p[0]!.toUpperCase() + p.slice(1)).join("")}`]).toEqual({
      Description: `IRSA role of server pool ${pool} (eks.amazonaws.com/role-arn of its ServiceAccount)`,
      Value: { "Fn::GetAtt": [roleId, "Arn"] },
    });
  });

  it("installs the four core add-ons, the CNI with NetworkPolicy and the CNI and EBS CSI driver with IRSA roles of their own", () => {
    const role = (subject: string) => ({ "Fn::GetAtt": [idWhere(stack, "AWS::IAM::Role", (r) => String(r.Properties.Description).includes(`(${subject})`)), "Arn"] });
    const addon = (name: string, extra: Record<string, unknown>) => ({ AddonName: name, ClusterName: { Ref: clusterId(stack) }, ResolveConflicts: "OVERWRITE", Tags: stackTags(stack), ...extra });
    expect(props("AWS::EKS::Addon")).toEqual([
      addon("vpc-cni", { ConfigurationValues: '{"enableNetworkPolicy":"true"}', ServiceAccountRoleArn: role("system:serviceaccount:kube-system:aws-node") }),
      addon("kube-proxy", {}),
      // The same Corefile the Pulumi engine gives the add-on: `consul` forwarded to Consul DNS.
      addon("coredns", { ConfigurationValues: JSON.stringify({ corefile: renderCorefile(shippedPlatform(stack).discovery!) }) }),
      addon("aws-ebs-csi-driver", { ServiceAccountRoleArn: role("system:serviceaccount:kube-system:ebs-csi-controller-sa") }),
    ]);
  });

  it("outputs what the serving layer's stack needs", () => {
    const { ClusterName, RegistryUrl, ModelStoreBucket } = run(stack).template.Outputs as Record<string, { Value: unknown }>;
    expect([ClusterName!.Value, RegistryUrl!.Value, ModelStoreBucket!.Value]).toEqual([{ Ref: clusterId(stack) }, `${ACCOUNT[stack]}.dkr.ecr.us-east-1.amazonaws.com/inferstack/${stack}`, bucket]);
  });
});

describe("acknowledged findings", () => {
  const acknowledged = (stack: Stack) =>
    run(stack).report.pluginReports.flatMap((plugin) =>
      (plugin.suppressedViolations ?? []).map((v) => [v.acknowledgedId, v.violatingConstructs.map((c) => c.constructPath.replace(`inferstack-${stack}-foundation/`, "")), v.reason]),
    );
  const common = (stack: Stack) => {
    const bucket = `inferstack-models-${ACCOUNT[stack]}-${stack}`;
    return {
      iam4: [
        ["AwsSolutions::AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/AmazonEKSClusterPolicy]", ["Eks/ClusterRole/Resource"], REASONS.clusterPolicy],
        ["AwsSolutions::AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy]", ["Eks/NodeRole/Resource"], REASONS.workerNode],
        ["AwsSolutions::AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly]", ["Eks/NodeRole/Resource"], REASONS.ecrReadOnly],
        ["AwsSolutions::AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]", ["Eks/NodeRole/Resource"], REASONS.ssm],
        ["AwsSolutions::AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy]", ["NetworkingAddons/VpcCniRole/Resource"], REASONS.cni],
        ["AwsSolutions::AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy]", ["Addons/AwsEbsCsiDriverRole/Resource"], REASONS.ebs],
      ],
      // prod's pool triton-a10g serves two models, so it reads two model directories.
      readers: (stack === "prod"
        ? [
            ["ctr-ranker", "ranking/ctr-ranker"],
            ["triton-a10g", "nlp/bert-encoder"],
            ["triton-a10g", "vision/resnet50"],
          ]
        : [
            ["bert-encoder", "nlp/bert-encoder"],
            ["ctr-ranker", "ranking/ctr-ranker"],
            ["resnet50", "vision/resnet50"],
          ]
      ).map(([pool, prefix]) => [`AwsSolutions::AwsSolutions-IAM5[Resource::arn:aws:s3:::${bucket}/${prefix}/*]`, [`ModelReaders/${pool}/Read`], REASONS.reader(pool!, prefix!)]),
      validator: [
        ...[1, 2, 3].map((i) => ["CloudFormation-Validate::W3010", [`Network/Vpc/privateSubnet${i}/Subnet`, `Network/Vpc/publicSubnet${i}/Subnet`], REASONS.azs]),
        ["CloudFormation-Validate::W9009", ["Eks/Cluster/Resource"], REASONS.encryptionResources],
      ],
    };
  };

  it("dev acknowledges, on the resources concerned, what its tier relaxes besides what every stack accepts", () => {
    const { iam4, readers, validator } = common("dev");
    expect(acknowledged("dev")).toEqual([
      ["AwsSolutions::AwsSolutions-VPC7", ["Network/Vpc/Resource"], REASONS.devFlowLogs],
      ...iam4,
      ["AwsSolutions::AwsSolutions-S1", ["ModelStore/Bucket"], REASONS.devAccessLogs],
      ...readers,
      ["InferstackEks::InferstackEks-EKS1", ["Eks/Cluster/Resource"], REASONS.devEndpoint],
      ["InferstackEks::InferstackEks-EKS2[LogExport::controllerManager]", ["Eks/Cluster/Resource"], REASONS.devLogs("controllerManager")],
      ["InferstackEks::InferstackEks-EKS2[LogExport::scheduler]", ["Eks/Cluster/Resource"], REASONS.devLogs("scheduler")],
      ...validator,
    ]);
  });

  it("prod acknowledges only what every stack accepts, plus NIST 800-53 R5's public routes and replication", () => {
    const { iam4, readers, validator } = common("prod");
    const flowLogGroup = idWhere("prod", "AWS::Logs::LogGroup", (r) => r.Properties.LogGroupName === "/inferstack/inferstack-prod/vpc-flow-logs");
    expect(acknowledged("prod")).toEqual([
      [`AwsSolutions::AwsSolutions-IAM5[Resource::<${flowLogGroup}.Arn>:*]`, ["Network/FlowLogsRole/WriteFlowLogs"], REASONS.flowLogStreams],
      ...iam4,
      ...readers,
      ...[1, 2, 3].map((i) => ["NIST.800.53.R5::NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW", [`Network/Vpc/publicSubnet${i}/DefaultRoute`], REASONS.publicRoutes]),
      ["NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled", ["ModelStore/LogBucket"], REASONS.replication],
      ["NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled", ["ModelStore/Bucket"], REASONS.replication],
      ...validator,
    ]);
  });
});

describe("parity with the Pulumi engine", () => {
  const intents = (stack: Stack) => {
    const plan = plans.get(stack)!;
    return { pulumi: pulumiIntent(plan.run.resources, plan.platform.environment.aws), cdk: cdkIntent(run(stack).template) };
  };

  const documented = (stack: Stack) => documentedDifferences(fs.readFileSync(path.join(REPO, "docs/engine-differences.md"), "utf8"), stack);

  it.each(STACKS)("%s: both engines agree on the network, repositories, buckets, node groups and identity scopes, except the documented differences", (stack) => {
    const { pulumi, cdk } = intents(stack);
    expect(differences(pulumi, cdk)).toEqual(documented(stack));
  });

  it.each(STACKS)("%s: compares every resolved node group, repository, bucket and server pool", (stack) => {
    const { cdk } = intents(stack);
    const { foundation } = plans.get(stack)!.platform;
    expect({
      nodeGroups: Object.keys(cdk.nodeGroups),
      repositories: Object.keys(cdk.repositories),
      buckets: Object.keys(cdk.buckets),
      identities: Object.keys(cdk.identities),
    }).toEqual({
      nodeGroups: foundation!.nodeGroups.map((g) => g.pool).sort(),
      repositories: foundation!.registry.repositories.map((r) => r.name),
      buckets: [foundation!.modelStore.bucket, ...(foundation!.modelStore.logBucket === undefined ? [] : [foundation!.modelStore.logBucket])],
      identities: foundation!.identities.map((i) => i.serverPool),
    });
  });

  it("reads the documented differences of a stack from the table's rows", () => {
    const doc = ["## Differences in the compared fields", "", "| stack | field | Pulumi | CDK | why |", "|---|---|---|---|---|", '| prod | `nodeGroups.a10g.scaling.max` | `12` | `8` | a reason |', "", "## Next"].join("\n");
    expect([documentedDifferences(doc, "prod"), documentedDifferences(doc, "dev")]).toEqual([[{ path: "nodeGroups.a10g.scaling.max", pulumi: 12, cdk: 8 }], []]);
  });

  it("reports a field on which the engines disagree, by its path", () => {
    const { pulumi, cdk } = intents("prod");
    const resized = JSON.parse(JSON.stringify(run("prod").template)) as SynthRun["template"];
    const [id] = ofType("prod", "AWS::EKS::Nodegroup").find(([, r]) => r.Properties.Labels["inferstack.io/node-pool"] === "a10g")!;
    resized.Resources[id]!.Properties.ScalingConfig.MaxSize = 8;
    resized.Resources[id]!.Properties.CapacityType = "SPOT";
    expect(differences(pulumi, cdkIntent(resized))).toEqual([
      { path: "nodeGroups.a10g.capacityType", pulumi: "ON_DEMAND", cdk: "SPOT" },
      { path: "nodeGroups.a10g.scaling.max", pulumi: 12, cdk: 8 },
    ]);
    expect(differences(pulumi, cdk)).toEqual([]);
  });
});
