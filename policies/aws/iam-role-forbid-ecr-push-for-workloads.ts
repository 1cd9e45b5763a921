import { AWS, grants, managedPolicyName, roleKind, rolePermissions } from "../lib/aws";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** ECR actions that change what a registry serves. */
const PUSH_ACTIONS = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchDeleteImage", "ecr:DeleteRepository", "ecr:PutImageTagMutability"];
const PUSH_MANAGED = ["AmazonEC2ContainerRegistryFullAccess", "AmazonEC2ContainerRegistryPowerUser", "AmazonEC2ContainerRegistryPushOnly"];

/** ECR-06: a compromised node or serving pod cannot replace the images everything else runs. */
export const iamRoleForbidEcrPushForWorkloads = stackPolicy({
  name: "inferstack-aws-iam-role-forbid-ecr-push-for-workloads",
  description: "Node and workload roles may pull from ECR but never push, tag or delete images.",
  severity: "high",
  rules: ["ECR-06"],
  sources: ["CIS EKS 5.1.3"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.iamRole, AWS.iamRolePolicy, AWS.iamRolePolicyAttachment, AWS.iamPolicy],
  remediation: "Remove push actions from node and serving roles (AmazonEC2ContainerRegistryReadOnly is enough to pull); only the CI publisher role may push.",
  validate(resources, report, runtime) {
    const roles = ofType(resources, AWS.iamRole).filter((r) => ["node", "workload", "pod-identity"].includes(roleKind(r)));
    if (roles.length === 0) runtime.notApplicable("no node or workload role in the stack");
    for (const role of roles) {
      const permissions = rolePermissions(role, resources);
      for (const arn of permissions.managedPolicyArns) {
        const name = managedPolicyName(arn);
        if (name !== undefined && PUSH_MANAGED.includes(name)) report(role, `can push images through ${name}; got managed policy "${arn}". Use AmazonEC2ContainerRegistryReadOnly.`);
      }
      for (const { from, statement } of permissions.statements) {
        const pushes = PUSH_ACTIONS.filter((action) => grants(statement, action));
        if (pushes.length > 0) report(role, `can change registry contents; got ${pushes.join(", ")} through ${from}. Keep pushing to the CI publisher role.`);
      }
    }
  },
});
