import { AWS, refersTo } from "../lib/aws";
import { arr, at, obj } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** EKS-04: Kubernetes Secrets are envelope-encrypted with a customer-managed key that rotates. */
export const eksClusterRequireSecretsEncryption = stackPolicy({
  name: "inferstack-aws-eks-cluster-require-secrets-encryption",
  description: "Every EKS cluster encrypts Kubernetes Secrets with a customer-managed KMS key that rotates.",
  severity: "high",
  rules: ["EKS-04"],
  sources: ["CT.EKS.PR.2", "CIS EKS 5.3.1", "pulumi-cp enable-cluster-encryption-config"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.eksCluster, AWS.kmsKey],
  remediation: 'Set encryptionConfig { resources: ["secrets"], provider: { keyArn: <aws.kms.Key ARN> } } with a key whose enableKeyRotation is true.',
  validate(resources, report, runtime) {
    const clusters = ofType(resources, AWS.eksCluster);
    if (clusters.length === 0) runtime.notApplicable("no EKS cluster in the stack");
    for (const cluster of clusters) {
      const config = obj(cluster.props.encryptionConfig);
      if (!arr(config.resources).includes("secrets") || typeof at(config, "provider.keyArn") !== "string") {
        report(cluster, 'does not encrypt Secrets with a key of its own; got no encryptionConfig for "secrets". Add encryptionConfig with a customer-managed KMS key ARN.');
        continue;
      }
      const keyArn = at(config, "provider.keyArn") as string;
      const key = ofType(resources, AWS.kmsKey).find((k) => refersTo({ ...cluster, props: { keyArn } }, "keyArn", k));
      if (key !== undefined && key.props.enableKeyRotation !== true) {
        report(cluster, `encrypts Secrets with key ${key.name}, which does not rotate; got enableKeyRotation ${String(key.props.enableKeyRotation)}. Enable rotation on the key.`);
      }
    }
  },
});
