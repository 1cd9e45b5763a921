/**
 * Pure renderers of the model store bucket and its access log bucket: bucket policies (TLS only;
 * log delivery), lifecycle rules and public access settings (FACTS §6.4, RULES §3.2).
 */
import { type PolicyDocument } from "../identity/scopes";
import { AWS_TAGS } from "../labels";
import { type ResolvedModelStoreBucket } from "../resolve/foundation-types";

/** All four public access blocks, set explicitly (RULES S3-01: account defaults can change). */
export const PUBLIC_ACCESS_BLOCK = Object.freeze({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });

/**
 * Protections of every bucket besides its policy and lifecycle: versioning (RULES S3-04), default
 * SSE-KMS with a bucket key (S3-03) and ACLs disabled (S3-06).
 */
export const BUCKET_SETTINGS = Object.freeze({ versioningStatus: "Enabled", sseAlgorithm: "aws:kms", bucketKeyEnabled: true, objectOwnership: "BucketOwnerEnforced" } as const);

/** Tags of the access log bucket besides the foundation's: the bucket whose logs it holds. */
export function logBucketTags(store: ResolvedModelStoreBucket): Record<string, string> {
  return { [AWS_TAGS.accessLogsOf]: store.bucket };
}

/** Prefix of the access log objects in the log bucket. */
export const ACCESS_LOG_PREFIX = "access-logs/";

/** Statements refusing plain HTTP and TLS older than 1.2 on a bucket and its objects (RULES S3-02). */
function tlsOnlyStatements(bucket: string): Record<string, unknown>[] {
  const resources = [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`];
  return [
    { Sid: "DenyPlainHttp", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { Bool: { "aws:SecureTransport": "false" } } },
    { Sid: "DenyTlsBelow12", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
  ];
}

/** The model store's bucket policy: TLS only. Reads are granted to each pool's role, never here. */
export function renderModelStorePolicy(bucket: string): PolicyDocument {
  return { Version: "2012-10-17", Statement: tlsOnlyStatements(bucket) };
}

/**
 * The log bucket's policy: TLS only, and S3 server access logging may write under the log prefix for
 * the model store bucket of this account only.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function renderLogBucketPolicy(logBucket: string, sourceBucket: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ...tlsOnlyStatements(logBucket),
      {
        Sid: "S3ServerAccessLogsDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${logBucket}/${ACCESS_LOG_PREFIX}*`,
        Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:::${sourceBucket}` }, StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/** One rule of an `aws.s3.BucketLifecycleConfiguration`. */
export interface BucketLifecycleRule {
  readonly id: string;
  readonly status: "Enabled";
  readonly filter: Record<string, never>;
  readonly noncurrentVersionExpiration?: { readonly noncurrentDays: number };
  readonly expiration?: { readonly days?: number; readonly expiredObjectDeleteMarker?: boolean };
  readonly abortIncompleteMultipartUpload?: { readonly daysAfterInitiation: number };
}

/**
 * The model store's lifecycle (RULES S3-07): a replaced or deleted model file stays restorable for
 * `noncurrentVersionDays`, then goes, with its delete marker; interrupted multipart uploads of large
 * model files are aborted. Current versions never expire.
 */
export function renderModelStoreLifecycle(store: ResolvedModelStoreBucket): BucketLifecycleRule[] {
  return [
    {
      id: "expire-noncurrent-versions",
      status: "Enabled",
      filter: {},
      noncurrentVersionExpiration: { noncurrentDays: store.noncurrentVersionDays },
      expiration: { expiredObjectDeleteMarker: true },
    },
    { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: store.abortIncompleteUploadDays } },
  ];
}

/** The log bucket's lifecycle: logs expire after `accessLogDays`, their old versions a day later. */
export function renderLogBucketLifecycle(store: ResolvedModelStoreBucket): BucketLifecycleRule[] {
  return [
    { id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: store.accessLogDays }, noncurrentVersionExpiration: { noncurrentDays: 1 } },
    { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: store.abortIncompleteUploadDays } },
  ];
}
