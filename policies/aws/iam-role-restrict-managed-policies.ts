import { AWS, managedPolicyName } from "../lib/aws";
import { arr } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/**
 * AWS-managed policies EKS clusters, nodes and the EBS CSI add-on need; any other is broader than
 * inferstack's identities require. `AmazonEBSCSIDriverPolicy` is the policy the EKS user guide gives
 * the EBS CSI driver's IRSA role ("Store Kubernetes volumes with Amazon EBS"); AWS maintains its
 * actions as the driver grows.
 */
export const ALLOWED_MANAGED_POLICIES: readonly string[] = [
  "AmazonEKSClusterPolicy",
  "AmazonEKSWorkerNodePolicy",
  "AmazonEKS_CNI_Policy",
  "AmazonEC2ContainerRegistryReadOnly",
  "AmazonSSMManagedInstanceCore",
  "AmazonEBSCSIDriverPolicy",
];

/** IAM-03: AWS-managed policies only from an allow-list (cdk-nag IAM4 flags them all; EKS needs these). */
export const iamRoleRestrictManagedPolicies = resourcePolicy({
  name: "inferstack-aws-iam-role-restrict-managed-policies",
  description: "Roles attach AWS-managed policies only from the EKS allow-list.",
  severity: "medium",
  rules: ["IAM-03"],
  sources: ["AwsSolutions-IAM4"],
  enforcement: levels("A/A/A"),
  resourceTypes: [AWS.iamRole, AWS.iamRolePolicyAttachment],
  remediation: `Replace the managed policy with a customer-managed one scoped to what the role uses, or acknowledge it with a reason. Allowed: ${ALLOWED_MANAGED_POLICIES.join(", ")}.`,
  validate(resource, report) {
    const arns = resource.type === AWS.iamRole ? arr(resource.props.managedPolicyArns) : [resource.props.policyArn];
    for (const arn of arns) {
      const name = typeof arn === "string" ? managedPolicyName(arn) : undefined;
      if (name !== undefined && !ALLOWED_MANAGED_POLICIES.includes(name)) {
        report(`attaches an AWS-managed policy outside the allow-list; got "${name}". Use a customer-managed policy with the actions the role needs, or one of ${ALLOWED_MANAGED_POLICIES.join(", ")}.`);
      }
    }
  },
});
