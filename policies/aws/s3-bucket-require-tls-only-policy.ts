import { AWS, isPublicPrincipal, statementsOf, wildcardMatches, type Statement } from "../lib/aws";
import { obj } from "../lib/kubernetes";
import { levels, stackPolicy } from "../lib/policy";
import { bucketsOf, configuring } from "../lib/s3";

/** A Deny for anyone on every S3 action when the request does not use TLS, covering bucket and objects. */
function deniesPlainHttp(statement: Statement): boolean {
  const secure = obj(obj(statement.condition).Bool)["aws:SecureTransport"];
  return (
    statement.effect === "Deny" &&
    isPublicPrincipal(statement) &&
    statement.actions.some((a) => wildcardMatches(a, "s3:GetObject") && wildcardMatches(a, "s3:PutObject")) &&
    (secure === "false" || secure === false) &&
    statement.resources.some((r) => r.endsWith("/*")) &&
    statement.resources.some((r) => !r.endsWith("/*"))
  );
}

/** S3-02: requests over plain HTTP are refused by the bucket policy. */
export const s3BucketRequireTlsOnlyPolicy = stackPolicy({
  name: "inferstack-aws-s3-bucket-require-tls-only-policy",
  description: "Every S3 bucket policy denies requests that do not use TLS, on the bucket and on its objects.",
  severity: "high",
  rules: ["S3-02"],
  sources: ["AwsSolutions-S10", "CT.S3.PR.8", "NIST S3BucketSSLRequestsOnly"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.bucket, AWS.bucketPolicy],
  remediation:
    'Add a statement to the bucket policy: Effect Deny, Principal "*", Action "s3:*", Resource the bucket ARN and "<bucket ARN>/*", Condition Bool aws:SecureTransport "false".',
  validate(resources, report, runtime) {
    for (const bucket of bucketsOf(resources, runtime)) {
      const documents = [bucket.props.policy, ...configuring(resources, AWS.bucketPolicy, bucket).map((p) => p.props.policy)].filter((d) => d !== undefined);
      if (!documents.some((d) => statementsOf(d).some(deniesPlainHttp))) {
        report(
          bucket,
          `has no policy statement denying requests without TLS; got ${documents.length === 0 ? "no bucket policy" : "a bucket policy without one"}. Deny "s3:*" to Principal "*" on the bucket and its objects when aws:SecureTransport is "false".`,
        );
      }
    }
  },
});
