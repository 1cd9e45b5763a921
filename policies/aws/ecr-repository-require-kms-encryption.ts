import { AWS } from "../lib/aws";
import { arr, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** ECR-05: images are encrypted with a customer-managed KMS key (AES256 is the default). */
export const ecrRepositoryRequireKmsEncryption = resourcePolicy({
  name: "inferstack-aws-ecr-repository-require-kms-encryption",
  description: "Every ECR repository encrypts images with a customer-managed KMS key.",
  severity: "low",
  rules: ["ECR-05"],
  sources: ["pulumi-cp configure-customer-managed-key"],
  enforcement: levels("D/A/A"),
  resourceTypes: [AWS.ecrRepository],
  remediation: 'Set encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: <key ARN> }] when creating the repository (it cannot be changed later).',
  validate(resource, report) {
    const configs = arr(resource.props.encryptionConfigurations).map(obj);
    if (!configs.some((c) => (c.encryptionType === "KMS" || c.encryptionType === "KMS_DSSE") && typeof c.kmsKey === "string")) {
      report(`encrypts images with ${configs.length === 0 ? "the AES256 default" : `encryptionType ${configs.map((c) => String(c.encryptionType)).join(", ")}`}; got no KMS key. Set encryptionType "KMS" with a customer-managed kmsKey ARN.`);
    }
  },
});
