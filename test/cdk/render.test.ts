/** The CDK engine's pure parts: CloudFormation spellings of rendered data, context checks, notes, tier tables. */
import { renderLaunchTemplate } from "../../components/compute/render";
import { renderIrsaTrustPolicy } from "../../components/identity/scopes";
import { validatePolicyDocument } from "../../components/identity/validate";
import { renderModelStoreLifecycle, renderLogBucketLifecycle } from "../../components/modelstore/render";
import { availabilityZoneProblems, availabilityZonesKey, readCdkContext, VALIDATOR_ERRORS_FATAL_FLAG } from "../../cdk/context";
import { foundationStackName, NAG_ALLOWANCES, NAG_PACKS } from "../../cdk/defaults";
import { foundationNotes, hasFoundation, type FoundationPlatform } from "../../cdk/load";
import { cfnLaunchTemplateData, cfnLifecycleRule, cfnTags, constructIdOf, irsaTrustPolicyTemplate, IRSA_TRUST_VARIABLES } from "../../cdk/render";
import { formatProblem } from "../../components/spec/problems";
import { REPO, shippedPlatform } from "../helpers/input";

const prod = shippedPlatform("prod") as FoundationPlatform;
const dev = shippedPlatform("dev") as FoundationPlatform;

describe("CloudFormation spellings of the shared renderers' output", () => {
  it("lists tags as key/value pairs sorted by key", () => {
    expect(cfnTags({ b: "2", Name: "n", a: "1" })).toEqual([
      { key: "Name", value: "n" },
      { key: "a", value: "1" },
      { key: "b", value: "2" },
    ]);
  });

  it("turns a rendered launch template into launch template data with boolean volume flags", () => {
    const gpu = prod.foundation.nodeGroups.find((g) => g.gpu)!;
    const nodeTags = [
      { key: "Name", value: "inferstack-prod-a10g" },
      { key: "inferstack.io/environment", value: "prod" },
      { key: "inferstack.io/node-pool", value: "a10g" },
    ];
    expect(cfnLaunchTemplateData(renderLaunchTemplate("inferstack-prod", gpu, { "inferstack.io/environment": "prod" }))).toEqual({
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 200, volumeType: "gp3", encrypted: true, deleteOnTermination: true } }],
      monitoring: { enabled: true },
      tagSpecifications: [
        { resourceType: "instance", tags: nodeTags },
        { resourceType: "volume", tags: nodeTags },
      ],
    });
  });

  it("writes the lifecycle rules in CloudFormation's flat form, whole bucket", () => {
    expect([...renderModelStoreLifecycle(prod.foundation.modelStore), ...renderLogBucketLifecycle(prod.foundation.modelStore)].map(cfnLifecycleRule)).toEqual([
      { id: "expire-noncurrent-versions", status: "Enabled", expiredObjectDeleteMarker: true, noncurrentVersionExpiration: { noncurrentDays: 90 } },
      { id: "abort-incomplete-uploads", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
      { id: "expire-access-logs", status: "Enabled", expirationInDays: 365, noncurrentVersionExpiration: { noncurrentDays: 1 } },
      { id: "abort-incomplete-uploads", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    ]);
  });

  it("renders the IRSA trust policy as Fn::Sub text that becomes the shared renderer's document", () => {
    const subject = "system:serviceaccount:inferstack:resnet50-server";
    const text = irsaTrustPolicyTemplate(subject);
    expect(IRSA_TRUST_VARIABLES).toEqual({ providerArn: "OidcProviderArn", issuerHostPath: "OidcIssuerHostPath" });
    const provider = "arn:aws:iam::777788889999:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC";
    const filled = text.replace(/\$\{OidcProviderArn\}/g, provider).replace(/\$\{OidcIssuerHostPath\}/g, "oidc.eks.us-east-1.amazonaws.com/id/ABC");
    const document = JSON.parse(filled);
    expect(document).toEqual(renderIrsaTrustPolicy(subject, provider, "https://oidc.eks.us-east-1.amazonaws.com/id/ABC"));
    expect(validatePolicyDocument(document, "trust")).toEqual([]);
    expect(text.match(/\$\{[A-Za-z]+\}/g)).toEqual(["${OidcProviderArn}", "${OidcIssuerHostPath}", "${OidcIssuerHostPath}"]);
  });

  it.each([
    ["arn:aws:iam::777788889999:role/platform-admin", "RolePlatformAdmin"],
    ["arn:aws:iam::777788889999:user/ops/jane.doe", "UserOpsJaneDoe"],
    ["ctr-ranker", "CtrRanker"],
  ])("derives the construct id of %s from its name: %s", (text, id) => {
    expect(constructIdOf(text)).toBe(id);
  });
});

describe("the committed CDK context", () => {
  const context = readCdkContext(REPO);

  it("makes the CloudFormation validator's findings fatal and keeps the default security group closed", () => {
    expect([context[VALIDATOR_ERRORS_FATAL_FLAG], context["@aws-cdk/aws-ec2:restrictDefaultSecurityGroup"], context["@aws-cdk/aws-eks:useNativeOidcProvider"]]).toEqual([true, true, true]);
  });

  it.each(["dev", "staging", "prod"])("caches the availability zones of %s's account, so synthesis never asks AWS", (stack) => {
    const { accountId, region } = shippedPlatform(stack).environment.aws;
    expect(context[availabilityZonesKey(accountId, region)]).toEqual(["a", "b", "c", "d", "e", "f"].map((z) => `us-east-1${z}`));
  });

  it("finds nothing to report for the shipped foundation stacks", () => {
    expect([availabilityZoneProblems(dev, context), availabilityZoneProblems(prod, context)]).toEqual([[], []]);
  });

  it("reports an account whose zones are not cached, and a zone the account does not list", () => {
    expect(availabilityZoneProblems(prod, {}).map(formatProblem)).toEqual([
      'cdk.context.json: availability-zones:account=777788889999:region=us-east-1: has no availability zones, so the CDK would ask AWS for them; got nothing. Add the key with the output of `aws ec2 describe-availability-zones --region us-east-1 --query "AvailabilityZones[].ZoneName"` run in account 777788889999.',
    ]);
    const twoZones = { [availabilityZonesKey("777788889999", "us-east-1")]: ["us-east-1a", "us-east-1b"] };
    expect(availabilityZoneProblems(prod, twoZones).map(formatProblem)).toEqual([
      'cdk.context.json: availability-zones:account=777788889999:region=us-east-1: does not list zone "us-east-1c" that the foundation uses; got "us-east-1a" or "us-east-1b". Use zones of the account (cluster.network.zones), or refresh the list from `aws ec2 describe-availability-zones`.',
    ]);
  });
});

describe("engine tables and notes", () => {
  it("names each foundation's CloudFormation stack after its inferstack stack", () => {
    expect(foundationStackName("prod-eu")).toBe("inferstack-prod-eu-foundation");
  });

  it("runs NIST 800-53 R5 on prod only and lets only advisory tiers acknowledge relaxed controls", () => {
    expect(NAG_PACKS).toEqual({
      dev: { awsSolutions: true, nist80053r5: false },
      staging: { awsSolutions: true, nist80053r5: false },
      prod: { awsSolutions: true, nist80053r5: true },
    });
    expect(NAG_ALLOWANCES).toEqual({
      dev: { flowLogsOff: true, accessLogsOff: true, publicEndpoint: true, partialControlPlaneLogs: true },
      staging: { flowLogsOff: true, accessLogsOff: true, publicEndpoint: false, partialControlPlaneLogs: false },
      prod: { flowLogsOff: false, accessLogsOff: false, publicEndpoint: false, partialControlPlaneLogs: false },
    });
  });

  it("tells a stack without cluster admins that nobody reaches its API, and every stack how to copy its images", () => {
    expect(foundationNotes(prod)).toEqual([
      "after cdk deploy, copy the pinned image: crane copy amazon/aws-cli:2.34.24 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/aws-cli:2.34.24",
      "after cdk deploy, copy the pinned image: crane copy tensorflow/serving:2.20.0-gpu 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tensorflow-serving:2.20.0-gpu",
      "after cdk deploy, copy the pinned image: crane copy nvcr.io/nvidia/tritonserver:26.07-py3 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tritonserver:26.07-py3",
    ]);
    expect(foundationNotes(dev)[0]).toBe(
      "cluster.admins is empty: nobody gets Kubernetes access to the cluster this template creates (the identity running cdk deploy gets none, unlike pulumi up). List the role that deploys the serving layer in cluster.admins.",
    );
  });

  it("knows which platforms create their foundation", () => {
    expect(["dev", "staging", "prod"].map((s) => hasFoundation(shippedPlatform(s)))).toEqual([true, false, true]);
  });
});
