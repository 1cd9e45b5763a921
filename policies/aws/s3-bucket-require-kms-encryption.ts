import { describeValue } from "../../components/spec/problems";
import { AWS } from "../lib/aws";
import { arr, at, obj } from "../lib/kubernetes";
import { levels, shown, stackPolicy } from "../lib/policy";
import { bucketsOf, configuring } from "../lib/s3";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

/** S3-03: model artifacts are encrypted with KMS, with S3 Bucket Keys to keep KMS calls (and cost) down. */
export const s3BucketRequireKmsEncryption = stackPolicy({
  name: "inferstack-aws-s3-bucket-require-kms-encryption",
  description: "Every S3 bucket encrypts new objects with SSE-KMS by default and enables S3 Bucket Keys.",
  severity: "high",
  rules: ["S3-03"],
  sources: ["CT.S3.PR.10", "CT.S3.PR.7", "NIST S3DefaultEncryptionKMS", "MLSEC-02"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.bucket, AWS.bucketEncryption],
  remediation:
    'Create an aws.s3.BucketServerSideEncryptionConfiguration with a rule applyServerSideEncryptionByDefault { sseAlgorithm: "aws:kms", kmsMasterKeyId: <key ARN> } and bucketKeyEnabled: true.',
  validate(resources, report, runtime) {
    for (const bucket of bucketsOf(resources, runtime)) {
      const rules = [
        ...configuring(resources, AWS.bucketEncryption, bucket).flatMap((c) => arr(c.props.rules)),
        ...(bucket.props.serverSideEncryptionConfiguration === undefined ? [] : [at(bucket.props.serverSideEncryptionConfiguration, "rule")]),
      ].map(obj);
      if (rules.length === 0) {
        report(bucket, 'has no default encryption configuration; got none (S3 falls back to SSE-S3). Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms".');
        continue;
      }
      const algorithms = rules.map((r) => at(r, "applyServerSideEncryptionByDefault.sseAlgorithm"));
      if (!algorithms.some((a) => KMS_ALGORITHMS.includes(String(a)))) {
        report(bucket, `encrypts by default without KMS; got sseAlgorithm ${algorithms.map(describeValue).join(", ")}. Use "aws:kms" with a customer-managed key.`);
      } else if (!rules.some((r) => at(r, "applyServerSideEncryptionByDefault.sseAlgorithm") === "aws:kms:dsse" || r.bucketKeyEnabled === true)) {
        report(bucket, `uses SSE-KMS without S3 Bucket Keys; got bucketKeyEnabled ${shown(rules[0]!.bucketKeyEnabled, "unset")}. Set bucketKeyEnabled: true so reads of large models do not call KMS per object.`);
      }
    }
  },
});
