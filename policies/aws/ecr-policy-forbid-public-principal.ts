import { AWS, isPublicPrincipal, statementsOf } from "../lib/aws";
import { levels, resourcePolicy } from "../lib/policy";

/** ECR-04: no repository or registry policy opens images to anyone. */
export const ecrPolicyForbidPublicPrincipal = resourcePolicy({
  name: "inferstack-aws-ecr-policy-forbid-public-principal",
  description: "ECR repository and registry policies never allow access to the anonymous principal.",
  severity: "critical",
  rules: ["ECR-04"],
  sources: ["AwsSolutions-ECR1", "CIS EKS 5.1.2"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.ecrRepositoryPolicy, AWS.ecrRegistryPolicy],
  remediation: "Name the accounts or roles that may pull (Principal { AWS: [<role ARN>] }) instead of \"*\".",
  validate(resource, report) {
    statementsOf(resource.props.policy).forEach((statement, index) => {
      if (statement.effect === "Allow" && isPublicPrincipal(statement) && Object.keys(statement.condition).length === 0) {
        const label = statement.sid === undefined ? `#${index + 1}` : `"${statement.sid}"`;
        report(`statement ${label} allows ${statement.actions.join(", ")} to anyone; got Principal "*". Name the account or role ARNs that need access.`);
      }
    });
  },
});
