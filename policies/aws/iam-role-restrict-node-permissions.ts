import { AWS, managedPolicyName, roleKind, rolePermissions } from "../lib/aws";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** What every node needs: join the cluster, run the VPC CNI, pull images, and be reachable by SSM. */
const NODE_MANAGED_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"];
/** Image pull actions a node role may also carry in its own documents. */
const NODE_ACTIONS = ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"];

/** EKS-06: every pod on a node can use the node role, so it carries no application permissions. */
export const iamRoleRestrictNodePermissions = stackPolicy({
  name: "inferstack-aws-iam-role-restrict-node-permissions",
  description: "Node roles carry only the EKS node, CNI, image-pull and SSM permissions, never application permissions.",
  severity: "high",
  rules: ["EKS-06"],
  sources: ["CIS EKS 5.2.1", "MLSEC-03"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.iamRole, AWS.iamRolePolicy, AWS.iamRolePolicyAttachment, AWS.iamPolicy],
  remediation: "Move application permissions (model store, KMS, ...) to an IRSA role of the workload's service account; keep the node role to the EKS node policies.",
  validate(resources, report, runtime) {
    const nodeRoles = ofType(resources, AWS.iamRole).filter((r) => roleKind(r) === "node");
    if (nodeRoles.length === 0) runtime.notApplicable("no node role in the stack");
    for (const role of nodeRoles) {
      const permissions = rolePermissions(role, resources);
      for (const arn of permissions.managedPolicyArns) {
        const name = managedPolicyName(arn) ?? arn;
        if (!NODE_MANAGED_POLICIES.includes(name)) report(role, `gives every pod on its nodes ${name}; got managed policy "${arn}". Attach it to the workload's IRSA role instead.`);
      }
      for (const { from, statement } of permissions.statements) {
        if (statement.effect !== "Allow") continue;
        const extra = [
          ...statement.actions.filter((a) => !NODE_ACTIONS.some((allowed) => allowed.toLowerCase() === a.toLowerCase())),
          ...statement.notActions.map((a) => `NotAction ${a}`),
        ];
        if (extra.length > 0) report(role, `gives every pod on its nodes application permissions; got ${extra.join(", ")} in ${from}. Grant them to the workload's IRSA role instead.`);
      }
    }
  },
});
