import { validatePolicyDocument } from "../../../components/identity/validate";
import { accessLogBucketName, modelStoreBucketName } from "../../../components/modelstore/names";
import { PUBLIC_ACCESS_BLOCK, renderLogBucketLifecycle, renderLogBucketPolicy, renderModelStoreLifecycle, renderModelStorePolicy } from "../../../components/modelstore/render";

const STORE = { bucket: "inferstack-models-777788889999-prod", logBucket: "inferstack-models-777788889999-prod-logs", noncurrentVersionDays: 90, abortIncompleteUploadDays: 7, accessLogDays: 365 };
const tlsOnly = (bucket: string) => [
  { Sid: "DenyPlainHttp", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
  { Sid: "DenyTlsBelow12", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
];

describe("model store bucket", () => {
  it("is named after the account and stack, its log bucket after it", () => {
    expect(modelStoreBucketName("777788889999", "prod")).toBe("inferstack-models-777788889999-prod");
    expect(accessLogBucketName(STORE.bucket)).toBe(STORE.logBucket);
  });

  it("refuses plain HTTP and TLS below 1.2, and grants nothing", () => {
    const policy = renderModelStorePolicy(STORE.bucket);
    expect(policy).toEqual({ Version: "2012-10-17", Statement: tlsOnly(STORE.bucket) });
    expect(validatePolicyDocument(policy, "resource")).toEqual([]);
  });

  it("expires noncurrent versions and their delete markers and aborts incomplete uploads, never current versions", () => {
    expect(renderModelStoreLifecycle(STORE)).toEqual([
      { id: "expire-noncurrent-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: 90 }, expiration: { expiredObjectDeleteMarker: true } },
      { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    ]);
  });

  it("blocks every kind of public access explicitly", () => {
    expect(PUBLIC_ACCESS_BLOCK).toEqual({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  });
});

describe("access log bucket", () => {
  it("accepts log delivery for the model store of its own account only, over TLS", () => {
    const policy = renderLogBucketPolicy(STORE.logBucket, STORE.bucket, "777788889999");
    expect(policy.Statement).toEqual([
      ...tlsOnly(STORE.logBucket),
      {
        Sid: "S3ServerAccessLogsDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: "arn:aws:s3:::inferstack-models-777788889999-prod-logs/access-logs/*",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::inferstack-models-777788889999-prod" }, StringEquals: { "aws:SourceAccount": "777788889999" } },
      },
    ]);
    expect(validatePolicyDocument(policy, "resource")).toEqual([]);
  });

  it("expires logs after a year", () => {
    expect(renderLogBucketLifecycle(STORE)).toEqual([
      { id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: 365 }, noncurrentVersionExpiration: { noncurrentDays: 1 } },
      { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    ]);
  });
});
