import { AWS } from "../lib/aws";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** KMS-01: symmetric keys rotate their key material yearly. */
export const kmsKeyRequireRotation = resourcePolicy({
  name: "inferstack-aws-kms-key-require-rotation",
  description: "Every symmetric KMS key rotates its key material automatically.",
  severity: "high",
  rules: ["KMS-01"],
  sources: ["AwsSolutions-KMS5", "awsguard cmk-backing-key-rotation-enabled", "CT.KMS.PR.1"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.kmsKey],
  remediation: "Set enableKeyRotation: true on the aws.kms.Key.",
  validate(resource, report) {
    const spec = resource.props.customerMasterKeySpec;
    if (spec !== undefined && spec !== "SYMMETRIC_DEFAULT") return;
    if (resource.props.enableKeyRotation !== true) {
      report(`does not rotate its key material; got enableKeyRotation ${shown(resource.props.enableKeyRotation, "unset")}. Set enableKeyRotation: true.`);
    }
  },
});
