/**
 * The CDK constructs and checks on small stacks: the cases the shipped stacks do not cover (an
 * existing VPC, two zones, extra CoreDNS values), the EKS rules for `aws-eks-v2`, pack scoping, and
 * the CloudFormation validator failing a synthesis.
 */
import { App, CfnResource, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as eks from "aws-cdk-lib/aws-eks-v2";
import * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import { AwsSolutionsChecks, NIST80053R5Checks } from "cdk-nag";
import { renderAddons } from "../../components/compute/render";
import { subnetLayout } from "../../components/network/layout";
import { EksAddons } from "../../cdk/constructs/addons";
import { Network } from "../../cdk/constructs/network";
import { availabilityZonesKey, VALIDATOR_ERRORS_FATAL_FLAG } from "../../cdk/context";
import { EksV2Checks } from "../../cdk/eks-checks";
import { ScopedNagPack } from "../../cdk/nag";

const ENV = { account: "777788889999", region: "us-east-1" };
const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];

/** A stack bound to the prod account, with its zones in the context as `cdk.context.json` holds them. */
function stackWithZones(context: Record<string, unknown> = {}): Stack {
  const app = new App({ context: { [availabilityZonesKey(ENV.account, ENV.region)]: ZONES, ...context } });
  return new Stack(app, "test", { env: ENV });
}
const logsKey = (stack: Stack) => kms.Key.fromKeyArn(stack, "LogsKey", `arn:aws:kms:us-east-1:${ENV.account}:key/00000000-0000-0000-0000-000000000000`);

describe("Network", () => {
  it("references an existing VPC's private subnets and creates nothing", () => {
    const stack = stackWithZones();
    const network = new Network(stack, "Network", {
      network: { mode: "existing", vpcId: "vpc-0a1b2c3d4e5f60718", zones: [{ name: "us-east-1a", privateSubnetId: "subnet-0aaaaaaaaaaaaaaaa" }, { name: "us-east-1b", privateSubnetId: "subnet-0bbbbbbbbbbbbbbbb" }] },
      clusterName: "inferstack-prod",
      accountId: ENV.account,
      logsKey: logsKey(stack),
    });
    expect(network.privateSubnetsIn(["us-east-1b", "us-east-1a"]).map((s) => s.subnetId)).toEqual(["subnet-0bbbbbbbbbbbbbbbb", "subnet-0aaaaaaaaaaaaaaaa"]);
    expect(network.vpc.vpcId).toBe("vpc-0a1b2c3d4e5f60718");
    expect(stack.node.findAll().filter((c) => CfnResource.isCfnResource(c))).toEqual([]);
  });

  it("gives two zones the blocks resolve computed, where the CDK's own allocator would pack the public subnets after the private ones", () => {
    const stack = stackWithZones();
    const zones = subnetLayout("10.1.0.0/16", ["us-east-1a", "us-east-1b"]);
    new Network(stack, "Network", {
      network: { mode: "create", cidr: "10.1.0.0/16", zones, natGateways: "per-zone", flowLogs: { enabled: false, retentionDays: 90 } },
      clusterName: "inferstack-qa",
      accountId: ENV.account,
      logsKey: logsKey(stack),
    });
    const template = Template.fromStack(stack);
    const subnets = Object.values(template.findResources("AWS::EC2::Subnet")).map((r) => [r.Properties.AvailabilityZone, r.Properties.CidrBlock]);
    expect(subnets).toEqual([
      ["us-east-1a", "10.1.0.0/18"],
      ["us-east-1b", "10.1.64.0/18"],
      ["us-east-1a", "10.1.192.0/20"],
      ["us-east-1b", "10.1.208.0/20"],
    ]);
    template.resourceCountIs("AWS::EC2::NatGateway", 2);
    template.resourceCountIs("AWS::EC2::FlowLog", 0);

    const packed = stackWithZones();
    new ec2.Vpc(packed, "Vpc", {
      ipAddresses: ec2.IpAddresses.cidr("10.1.0.0/16"),
      availabilityZones: ["us-east-1a", "us-east-1b"],
      subnetConfiguration: [
        { name: "private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 18 },
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 20 },
      ],
    });
    const cdkDefault = Object.values(Template.fromStack(packed).findResources("AWS::EC2::Subnet")).map((r) => r.Properties.CidrBlock);
    expect(cdkDefault).toEqual(["10.1.0.0/18", "10.1.64.0/18", "10.1.128.0/20", "10.1.144.0/20"]);
  });
});

describe("EksAddons", () => {
  it("merges extra configuration values over an add-on's own, as the Pulumi component does", () => {
    const stack = stackWithZones();
    const cluster = eks.Cluster.fromClusterAttributes(stack, "Cluster", { clusterName: "inferstack-prod" });
    const corefile = "consul:53 {\n    forward . 172.20.0.53\n}\n";
    const addons = new EksAddons(stack, "Addons", {
      cluster,
      clusterName: "inferstack-prod",
      addons: renderAddons(),
      oidcProvider: { arn: "arn:aws:iam::777788889999:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC", issuerHostPath: "oidc.eks.us-east-1.amazonaws.com/id/ABC" },
      extraConfiguration: { coredns: { corefile }, "vpc-cni": { env: { WARM_IP_TARGET: "2" } } },
    });
    const stackOf = Stack.of(addons);
    expect(stackOf.resolve(addons.addons["coredns"]!.configurationValues)).toBe(JSON.stringify({ corefile }));
    expect(stackOf.resolve(addons.addons["vpc-cni"]!.configurationValues)).toBe('{"enableNetworkPolicy":"true","env":{"WARM_IP_TARGET":"2"}}');
    expect(addons.addons["kube-proxy"]!.configurationValues).toBeUndefined();
    expect(Object.keys(addons.roles)).toEqual(["vpc-cni", "aws-ebs-csi-driver"]);
  });
});

describe("the EKS rules for aws-eks-v2 clusters", () => {
  const cluster = (publicAccess: boolean, types: string[]) => {
    const stack = stackWithZones();
    return new eks.CfnCluster(stack, "Cluster", {
      roleArn: "arn:aws:iam::777788889999:role/cluster",
      resourcesVpcConfig: { subnetIds: ["subnet-0aaaaaaaaaaaaaaaa"], endpointPublicAccess: publicAccess, endpointPrivateAccess: true },
      logging: { clusterLogging: { enabledTypes: types.map((type) => ({ type })) } },
    });
  };
  const findings = (node: CfnResource) => new EksV2Checks().validateScope(node).violations.map((v) => v.ruleName);

  it("finds a public endpoint and every missing control-plane log type, which cdk-nag's own rules miss on this class", () => {
    const node = cluster(true, ["api", "audit"]);
    expect(findings(node)).toEqual(["InferstackEks-EKS1", "InferstackEks-EKS2[LogExport::authenticator]", "InferstackEks-EKS2[LogExport::controllerManager]", "InferstackEks-EKS2[LogExport::scheduler]"]);
    expect(new AwsSolutionsChecks().validateScope(node).violations.filter((v) => /EKS/.test(v.ruleName))).toEqual([]);
  });

  it("passes a private cluster that logs all five types", () => {
    expect(findings(cluster(false, ["api", "audit", "authenticator", "controllerManager", "scheduler"]))).toEqual([]);
  });
});

describe("checks on an app", () => {
  it("runs a scoped pack on its stacks only", () => {
    const app = new App();
    const checked = new Stack(app, "checked");
    const other = new Stack(app, "other");
    for (const stack of [checked, other]) new s3.CfnBucket(stack, "Bucket");
    const report = new ScopedNagPack(new NIST80053R5Checks(), [checked]).validate({ appConstruct: app, templatePaths: [], stackTemplates: [] });
    const paths = [...new Set(report.violations.flatMap((v) => v.violatingResources.map((r) => r.constructPath)))];
    expect({ success: report.success, paths }).toEqual({ success: false, paths: ["checked/Bucket"] });
  });

  it("fails the synthesis on an invalid property once the validator's findings are fatal, as cdk.json makes them", () => {
    const synth = (fatal: boolean) => {
      const stack = stackWithZones({ [VALIDATOR_ERRORS_FATAL_FLAG]: fatal });
      const statement = { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" };
      new CfnResource(stack, "Role", { type: "AWS::IAM::Role", properties: { AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [statement] }, MaxSessionDuration: "an hour" } });
      return () => (stack.node.root as App).synth();
    };
    expect(synth(true)).toThrow("ERROR MaxSessionDuration: 'an hour' is not of type 'integer' (CloudFormation Validate)");
    // Without the flag the same finding is only printed as a warning and the synthesis succeeds.
    const printed = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(synth(false)).not.toThrow();
      expect(String(printed.mock.calls[0]?.[0])).toContain("WARNING MaxSessionDuration: 'an hour' is not of type 'integer' (CloudFormation Validate)");
    } finally {
      printed.mockRestore();
    }
  });
});
