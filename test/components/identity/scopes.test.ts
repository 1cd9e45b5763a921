import { renderKeyPolicy } from "../../../components/identity/kms";
import { nodeGroupNamePrefix, roleNamePrefix } from "../../../components/identity/names";
import { issuerHostPath, renderIrsaTrustPolicy, renderModelReaderPolicy } from "../../../components/identity/scopes";
import { validatePolicyDocument } from "../../../components/identity/validate";

const ISSUER = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
const PROVIDER = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555";
const IDENTITY = {
  serverPool: "vision",
  namespace: "inferstack",
  serviceAccount: "vision-server",
  subject: "system:serviceaccount:inferstack:vision-server",
  reads: [
    { bucket: "inferstack-models-111122223333-dev", prefixes: ["vision/mobilenet", "vision/resnet50"] },
    { bucket: "shared-models", prefixes: ["vision/yolo"] },
  ],
};

describe("IRSA trust", () => {
  it("admits only the pool's service account with the STS audience, through the cluster's OIDC provider", () => {
    const policy = renderIrsaTrustPolicy(IDENTITY.subject, PROVIDER, ISSUER);
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AssumeFromServiceAccount",
          Effect: "Allow",
          Principal: { Federated: PROVIDER },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud": "sts.amazonaws.com",
              "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub": "system:serviceaccount:inferstack:vision-server",
            },
          },
        },
      ],
    });
    expect(validatePolicyDocument(policy, "trust")).toEqual([]);
    expect(issuerHostPath(ISSUER)).toBe("oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF");
  });
});

describe("model reader permissions", () => {
  it("read only the pool's prefixes, list only under them, and decrypt with the model store key through S3", () => {
    const policy = renderModelReaderPolicy(IDENTITY, { bucket: "inferstack-models-111122223333-dev", keyArn: KEY, region: "us-east-1" });
    expect(policy.Statement).toEqual([
      {
        Sid: "ReadModelsInferstackModels111122223333Dev",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: ["arn:aws:s3:::inferstack-models-111122223333-dev/vision/mobilenet/*", "arn:aws:s3:::inferstack-models-111122223333-dev/vision/resnet50/*"],
      },
      {
        Sid: "ListModelsInferstackModels111122223333Dev",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::inferstack-models-111122223333-dev",
        Condition: { StringLikeIfExists: { "s3:prefix": ["vision/mobilenet", "vision/mobilenet/*", "vision/resnet50", "vision/resnet50/*"] } },
      },
      { Sid: "ReadModelsSharedModels", Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::shared-models/vision/yolo/*"] },
      { Sid: "ListModelsSharedModels", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::shared-models", Condition: { StringLikeIfExists: { "s3:prefix": ["vision/yolo", "vision/yolo/*"] } } },
      { Sid: "DecryptModelStore", Effect: "Allow", Action: "kms:Decrypt", Resource: KEY, Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } },
    ]);
    expect(validatePolicyDocument(policy, "identity")).toEqual([]);
  });

  it("grant no key when the pool reads only other buckets", () => {
    const policy = renderModelReaderPolicy({ ...IDENTITY, reads: [IDENTITY.reads[1]!] }, { bucket: "inferstack-models-111122223333-dev", keyArn: KEY, region: "us-east-1" });
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["ReadModelsSharedModels", "ListModelsSharedModels"]);
  });
});

describe("policy validation", () => {
  it("catches principals in identity policies, missing resources, bad Sids and oversized trust policies", () => {
    expect(
      validatePolicyDocument(
        {
          Version: "2012-10-17",
          Statement: [
            { Sid: "bad-sid", Effect: "Allow", Principal: "*", Action: "s3:GetObject" },
            { Effect: "Permit", Action: "s3:GetObject", NotAction: "s3:PutObject", Resource: "*", Condition: { StringMaybe: {} } },
          ],
        },
        "identity",
      ),
    ).toEqual([
      "statement bad-sid: Sid may hold only letters and digits",
      "statement bad-sid: an identity policy names no Principal",
      "statement bad-sid: needs a Resource",
      "statement #2: Effect must be Allow or Deny",
      "statement #2: needs exactly one of Action and NotAction",
      "statement #2: unknown condition operator StringMaybe",
    ]);
    const long = renderIrsaTrustPolicy(`system:serviceaccount:inferstack:${"x".repeat(2100)}`, PROVIDER, ISSUER);
    expect(validatePolicyDocument(long, "trust")).toEqual(["the document has 2605 characters; IAM allows 2048 for a trust policy"]);
  });
});

describe("KMS key policies", () => {
  const context = { accountId: "111122223333", region: "us-east-1" };
  const root = { Sid: "AccountAdministersThroughIam", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };

  it("delegate every key to the account's IAM policies", () => {
    expect(renderKeyPolicy("eks-secrets", context)).toEqual({ Version: "2012-10-17", Statement: [root] });
    expect(renderKeyPolicy("registry", context)).toEqual({ Version: "2012-10-17", Statement: [root] });
  });

  it("let CloudWatch Logs use the logs key for this account's log groups only", () => {
    const policy = renderKeyPolicy("logs", context);
    expect(policy.Statement[1]).toEqual({
      Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
      Effect: "Allow",
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:*" } },
    });
    expect(validatePolicyDocument(policy, "resource")).toEqual([]);
  });

  it("let S3 server access logging encrypt its log objects with the model store key", () => {
    const policy = renderKeyPolicy("model-store", context);
    expect(policy.Statement[1]).toEqual({
      Sid: "S3ServerAccessLoggingWritesLogs",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
    });
    expect(validatePolicyDocument(policy, "resource")).toEqual([]);
  });
});

describe("name prefixes", () => {
  it("leave room for AWS's 26-character unique suffix within IAM's and EKS's limits", () => {
    expect([roleNamePrefix("inferstack-prod", "resnet50"), nodeGroupNamePrefix("a10g")]).toEqual(["inferstack-prod-resnet50-", "a10g-"]);
    const role = roleNamePrefix("inferstack-production-eu-west", "a-very-long-server-pool-name-for-models");
    expect([role, role.length + 26]).toEqual(["inferstack-production-eu-west-a-very-", 63]);
    expect(nodeGroupNamePrefix("x".repeat(40)).length + 26).toBe(63);
  });
});
