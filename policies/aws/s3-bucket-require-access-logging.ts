import { AWS, referring } from "../lib/aws";
import { ofType, levels, stackPolicy } from "../lib/policy";
import { bucketsOf, configuring } from "../lib/s3";

/** S3-05: access to the model store is logged; the bucket that receives the logs is exempt. */
export const s3BucketRequireAccessLogging = stackPolicy({
  name: "inferstack-aws-s3-bucket-require-access-logging",
  description: "Every S3 bucket except a log-target bucket writes server access logs to another bucket.",
  severity: "medium",
  rules: ["S3-05"],
  sources: ["AwsSolutions-S1", "awsguard s3-bucket-logging-enabled", "CT.S3.PR.2"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.bucket, AWS.bucketLogging],
  remediation: "Create an aws.s3.BucketLogging for the bucket with targetBucket set to the environment's log bucket and a targetPrefix.",
  validate(resources, report, runtime) {
    const loggings = ofType(resources, AWS.bucketLogging);
    for (const bucket of bucketsOf(resources, runtime)) {
      const isLogTarget = referring(loggings, "targetBucket", bucket).length > 0;
      const logged = configuring(resources, AWS.bucketLogging, bucket).length > 0 || bucket.props.logging !== undefined;
      if (!isLogTarget && !logged) {
        report(bucket, "does not log access; got no aws.s3.BucketLogging. Add one that writes to the environment's log bucket.");
      }
    }
  },
});
