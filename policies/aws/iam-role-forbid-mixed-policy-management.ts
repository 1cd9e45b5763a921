import { AWS, referring } from "../lib/aws";
import { arr } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** IAM-04: two owners of one role's policies overwrite each other on every update (awsguard HEAD rule, ported). */
export const iamRoleForbidMixedPolicyManagement = stackPolicy({
  name: "inferstack-aws-iam-role-forbid-mixed-policy-management",
  description: "A role sets its policies either inline on the Role or through separate attachment resources, never both.",
  severity: "high",
  rules: ["IAM-04"],
  sources: ["awsguard iam-role-no-policy-management-conflicts"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.iamRole, AWS.iamRolePolicy, AWS.iamRolePolicyAttachment],
  remediation: "Move the role's inlinePolicies/managedPolicyArns into RolePolicy/RolePolicyAttachment resources, or the other way round.",
  validate(resources, report, runtime) {
    const roles = ofType(resources, AWS.iamRole);
    if (roles.length === 0) runtime.notApplicable("no IAM role in the stack");
    for (const role of roles) {
      const inline = [...(arr(role.props.inlinePolicies).length > 0 ? ["inlinePolicies"] : []), ...(arr(role.props.managedPolicyArns).length > 0 ? ["managedPolicyArns"] : [])];
      const separate = [...referring(ofType(resources, AWS.iamRolePolicy), "role", role), ...referring(ofType(resources, AWS.iamRolePolicyAttachment), "role", role)];
      if (inline.length > 0 && separate.length > 0) {
        report(role, `manages its policies in two places; got ${inline.join(" and ")} on the Role and ${separate.map((s) => s.name).join(", ")}. Keep one of the two: the other is overwritten on every update.`);
      }
    }
  },
});
