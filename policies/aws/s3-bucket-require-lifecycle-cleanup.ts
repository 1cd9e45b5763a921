import { AWS } from "../lib/aws";
import { arr, at, obj } from "../lib/kubernetes";
import { count, levels, stackPolicy } from "../lib/policy";
import { bucketsOf, configuring } from "../lib/s3";

/** S3-07: old artifact versions and abandoned multipart uploads do not pile up. */
export const s3BucketRequireLifecycleCleanup = stackPolicy({
  name: "inferstack-aws-s3-bucket-require-lifecycle-cleanup",
  description: "Every S3 bucket has lifecycle rules that expire noncurrent versions and abort incomplete multipart uploads.",
  severity: "low",
  rules: ["S3-07"],
  sources: ["CT.S3.PR.3", "CT.S3.PR.6"],
  enforcement: levels("A/A/A"),
  resourceTypes: [AWS.bucket, AWS.bucketLifecycle],
  remediation:
    'Create an aws.s3.BucketLifecycleConfiguration with enabled rules setting noncurrentVersionExpiration { noncurrentDays } and abortIncompleteMultipartUpload { daysAfterInitiation }.',
  validate(resources, report, runtime) {
    for (const bucket of bucketsOf(resources, runtime)) {
      const rules = configuring(resources, AWS.bucketLifecycle, bucket)
        .flatMap((c) => arr(c.props.rules))
        .map(obj)
        .filter((r) => r.status === "Enabled");
      const inline = arr(bucket.props.lifecycleRules).map(obj).filter((r) => r.enabled === true);
      const expires = rules.some((r) => typeof at(r, "noncurrentVersionExpiration.noncurrentDays") === "number") || inline.some((r) => typeof at(r, "noncurrentVersionExpiration.days") === "number");
      const aborts = rules.some((r) => typeof at(r, "abortIncompleteMultipartUpload.daysAfterInitiation") === "number") || inline.some((r) => typeof r.abortIncompleteMultipartUploadDays === "number");
      const missing = [...(expires ? [] : ["noncurrent-version expiry"]), ...(aborts ? [] : ["incomplete-upload abort"])];
      if (missing.length > 0) {
        report(bucket, `has no enabled lifecycle rule for ${missing.join(" or ")}; got ${rules.length + inline.length === 0 ? "no enabled rule" : `${count(rules.length + inline.length, "enabled rule")}, none of them for it`}. Add a rule to an aws.s3.BucketLifecycleConfiguration.`);
      }
    }
  },
});
