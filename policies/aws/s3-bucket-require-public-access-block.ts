import { AWS } from "../lib/aws";
import { levels, ofType, shown, stackPolicy } from "../lib/policy";
import { bucketsOf, configuring } from "../lib/s3";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** S3-01: the model store (and every other bucket) is never public, by an explicit block rather than account defaults. */
export const s3BucketRequirePublicAccessBlock = stackPolicy({
  name: "inferstack-aws-s3-bucket-require-public-access-block",
  description: "Every S3 bucket has its own public access block with all four settings set to true.",
  severity: "critical",
  rules: ["S3-01"],
  sources: ["AwsSolutions-S2", "CT.S3.PR.1", "NIST S3BucketLevelPublicAccessProhibited", "pulumi-cp disallow-public-read"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.bucket, AWS.bucketPublicAccessBlock],
  remediation: "Create an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets set to true.",
  validate(resources, report, runtime) {
    for (const block of ofType(resources, AWS.bucketPublicAccessBlock)) {
      const off = FLAGS.filter((flag) => block.props[flag] !== true);
      if (off.length > 0) {
        report(block, `leaves ${off.join(", ")} unset or false; got ${off.map((f) => `${f}: ${shown(block.props[f], "unset")}`).join(", ")}. Set all four settings to true.`);
      }
    }
    for (const bucket of bucketsOf(resources, runtime)) {
      if (configuring(resources, AWS.bucketPublicAccessBlock, bucket).length === 0) {
        report(bucket, "has no public access block of its own; got none. Add an aws.s3.BucketPublicAccessBlock with all four settings true: account defaults can change without this stack noticing.");
      }
    }
  },
});
