import { PERMISSION_TYPES, permissionStatements, RESOURCE_STAR_ONLY_ACTIONS, statementLabel } from "../lib/iam";
import { levels, resourcePolicy } from "../lib/policy";

/** IAM-02: least privilege; a wildcard stays only as an acknowledged exception. */
export const iamPolicyForbidWildcards = resourcePolicy({
  name: "inferstack-aws-iam-policy-forbid-wildcards",
  description: "IAM policy documents name specific actions and resources instead of service-wide or resource wildcards.",
  severity: "high",
  rules: ["IAM-02"],
  sources: ["AwsSolutions-IAM5", "CT.IAM.PR.3", "CT.IAM.PR.5"],
  enforcement: levels("A/M/M"),
  resourceTypes: PERMISSION_TYPES,
  remediation: "List the actions and ARNs the identity uses; where a wildcard is unavoidable, acknowledge the finding with the reason.",
  validate(resource, report) {
    permissionStatements(resource).forEach(({ from, statement }, index) => {
      if (statement.effect !== "Allow") return;
      const label = statementLabel(from, statement, index);
      const wildActions = [...statement.actions.filter((a) => a === "*" || a.endsWith(":*")), ...statement.notActions.map((a) => `NotAction ${a}`)];
      if (wildActions.length > 0) {
        report(`${label} grants whole services; got ${wildActions.map((a) => `"${a}"`).join(", ")}. Name the actions the identity calls.`);
      }
      const starOnly = statement.actions.length > 0 && statement.actions.every((a) => RESOURCE_STAR_ONLY_ACTIONS.includes(a));
      if (statement.resources.includes("*") && !starOnly) {
        report(`${label} applies to every resource; got Resource "*" for ${statement.actions.join(", ")}. Name the ARNs (only ${RESOURCE_STAR_ONLY_ACTIONS.join(" and ")} need "*").`);
      }
    });
  },
});
