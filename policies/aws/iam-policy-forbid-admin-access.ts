import { PERMISSION_TYPES, permissionStatements, statementLabel } from "../lib/iam";
import { levels, resourcePolicy } from "../lib/policy";

/** IAM-01: no identity of the stack is an administrator. */
export const iamPolicyForbidAdminAccess = resourcePolicy({
  name: "inferstack-aws-iam-policy-forbid-admin-access",
  description: "No IAM policy document allows every action on every resource.",
  severity: "critical",
  rules: ["IAM-01"],
  sources: ["CT.IAM.PR.1", "CT.IAM.PR.2", "NIST IAMPolicyNoStatementsWithAdminAccess"],
  enforcement: levels("M/M/M"),
  resourceTypes: PERMISSION_TYPES,
  remediation: "Replace the statement with the specific actions and resource ARNs the identity needs.",
  validate(resource, report) {
    permissionStatements(resource).forEach(({ from, statement }, index) => {
      const everyAction = statement.actions.some((a) => a === "*" || a === "*:*");
      if (statement.effect === "Allow" && everyAction && statement.resources.includes("*")) {
        report(`${statementLabel(from, statement, index)} allows every action on every resource; got Action "*", Resource "*". Grant the specific actions on the specific ARNs the identity needs.`);
      }
    });
  },
});
