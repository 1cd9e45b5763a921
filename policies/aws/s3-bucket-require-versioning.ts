import { describeValue } from "../../components/spec/problems";
import { AWS } from "../lib/aws";
import { at } from "../lib/kubernetes";
import { levels, stackPolicy } from "../lib/policy";
import { bucketsOf, configuring } from "../lib/s3";

/** S3-04: an overwritten or deleted model artifact can be restored. */
export const s3BucketRequireVersioning = stackPolicy({
  name: "inferstack-aws-s3-bucket-require-versioning",
  description: "Every S3 bucket has versioning enabled so an earlier model artifact can be restored.",
  severity: "medium",
  rules: ["S3-04"],
  sources: ["CT.S3.PR.11", "NIST S3BucketVersioningEnabled", "MLREL-13"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.bucket, AWS.bucketVersioning],
  remediation: 'Create an aws.s3.BucketVersioning for the bucket with versioningConfiguration { status: "Enabled" }.',
  validate(resources, report, runtime) {
    for (const bucket of bucketsOf(resources, runtime)) {
      const statuses = configuring(resources, AWS.bucketVersioning, bucket).map((v) => at(v.props, "versioningConfiguration.status"));
      const inline = at(bucket.props, "versioning.enabled") === true;
      if (!inline && !statuses.includes("Enabled")) {
        report(bucket, `does not enable versioning; got ${statuses.length === 0 ? "no aws.s3.BucketVersioning" : `status ${statuses.map(describeValue).join(", ")}`}. Add an aws.s3.BucketVersioning with status "Enabled".`);
      }
    }
  },
});
