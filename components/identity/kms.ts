/**
 * KMS key policies of the foundation's customer-managed keys. Every key delegates to the account's
 * IAM policies (AWS's default key policy); the logs key also lets CloudWatch Logs use it for this
 * account's log groups, and the model store key lets S3 server access logging write its log objects.
 * Keys rotate yearly (RULES KMS-01) and are never created with the lockout safety check bypassed (KMS-02).
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
import { type PolicyDocument } from "./scopes";

/** What a key protects; each purpose has a key of its own. */
export type KeyPurpose = "eks-secrets" | "logs" | "model-store" | "registry";

/** Human description of each key. */
export const KEY_DESCRIPTIONS: Readonly<Record<KeyPurpose, string>> = Object.freeze({
  "eks-secrets": "envelope encryption of Kubernetes Secrets",
  logs: "EKS control-plane and VPC flow logs",
  "model-store": "model store objects and their access logs",
  registry: "container images",
});

/**
 * Settings of every foundation key besides its policy and deletion window: symmetric, rotated yearly
 * (RULES KMS-01), never created with the lockout safety check bypassed (KMS-02).
 */
export const KEY_SETTINGS = Object.freeze({ enableKeyRotation: true, rotationPeriodInDays: 365, bypassPolicyLockoutSafetyCheck: false });

/** The description of a foundation key. */
export function keyDescription(purpose: KeyPurpose): string {
  return `inferstack: ${KEY_DESCRIPTIONS[purpose]}`;
}

/** The account and region a key lives in. */
export interface KeyContext {
  readonly accountId: string;
  readonly region: string;
}

/** The key policy of a foundation key. */
export function renderKeyPolicy(purpose: KeyPurpose, context: KeyContext): PolicyDocument {
  const statements: Record<string, unknown>[] = [
    {
      Sid: "AccountAdministersThroughIam",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${context.accountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
  ];
  if (purpose === "logs") {
    statements.push({
      Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${context.region}.amazonaws.com` },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${context.region}:${context.accountId}:log-group:*` } },
    });
  }
  if (purpose === "model-store") {
    // SSE-KMS log targets work when the logging service may use the key (aws-cdk PR #25350).
    statements.push({
      Sid: "S3ServerAccessLoggingWritesLogs",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": context.accountId } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
