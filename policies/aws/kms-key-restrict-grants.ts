import { AWS, grants, statementsOf, type Statement } from "../lib/aws";
import { obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** True when the statement names only whole accounts, which delegate the decision to their IAM policies (AWS's default key policy). */
function delegatesToAccount(statement: Statement): boolean {
  const principals = statement.principal === undefined || statement.principal === "*" ? [] : Object.entries(statement.principal);
  return principals.length > 0 && principals.every(([type, values]) => type === "AWS" && values.every((v) => /^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/.test(v)));
}

/** KMS-03: grants on a key are only created by AWS services acting for the principal (EBS, S3, EKS). */
export const kmsKeyRestrictGrants = resourcePolicy({
  name: "inferstack-aws-kms-key-restrict-grants",
  description: "KMS key policies allow kms:CreateGrant only for grants to AWS resources.",
  severity: "medium",
  rules: ["KMS-03"],
  sources: ["CT.KMS.PR.3"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.kmsKey],
  remediation: 'Add Condition Bool { "kms:GrantIsForAWSResource": "true" } to every statement that allows kms:CreateGrant.',
  validate(resource, report) {
    statementsOf(resource.props.policy).forEach((statement, index) => {
      if (!grants(statement, "kms:CreateGrant") || delegatesToAccount(statement)) return;
      const forAws = obj(statement.condition.Bool)["kms:GrantIsForAWSResource"];
      if (forAws !== "true" && forAws !== true) {
        const label = statement.sid === undefined ? `#${index + 1}` : `"${statement.sid}"`;
        report(`key policy statement ${label} lets principals create grants for anyone; got kms:CreateGrant without kms:GrantIsForAWSResource. Add Condition Bool "kms:GrantIsForAWSResource": "true".`);
      }
    });
  },
});
