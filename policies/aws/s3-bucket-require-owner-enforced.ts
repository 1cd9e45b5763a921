import { describeValue } from "../../components/spec/problems";
import { AWS } from "../lib/aws";
import { at } from "../lib/kubernetes";
import { levels, stackPolicy } from "../lib/policy";
import { bucketsOf, configuring } from "../lib/s3";

/** S3-06: ACLs are disabled, so access is decided by policies alone. */
export const s3BucketRequireOwnerEnforced = stackPolicy({
  name: "inferstack-aws-s3-bucket-require-owner-enforced",
  description: "Every S3 bucket disables ACLs through BucketOwnerEnforced object ownership.",
  severity: "medium",
  rules: ["S3-06"],
  sources: ["CT.S3.PR.5"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.bucket, AWS.bucketOwnership],
  remediation: 'Create an aws.s3.BucketOwnershipControls for the bucket with rule { objectOwnership: "BucketOwnerEnforced" }.',
  validate(resources, report, runtime) {
    for (const bucket of bucketsOf(resources, runtime)) {
      const owners = configuring(resources, AWS.bucketOwnership, bucket).map((c) => at(c.props, "rule.objectOwnership"));
      if (!owners.includes("BucketOwnerEnforced")) {
        report(bucket, `keeps ACLs enabled; got ${owners.length === 0 ? "no aws.s3.BucketOwnershipControls" : `objectOwnership ${owners.map(describeValue).join(", ")}`}. Set objectOwnership to "BucketOwnerEnforced".`);
      }
    }
  },
});
