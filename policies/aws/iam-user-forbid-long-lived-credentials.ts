import { AWS } from "../lib/aws";
import { levels, resourcePolicy } from "../lib/policy";

/** IAM-05: people and machines get roles, not users with keys or passwords. */
export const iamUserForbidLongLivedCredentials = resourcePolicy({
  name: "inferstack-aws-iam-user-forbid-long-lived-credentials",
  description: "The stack creates no IAM users, access keys or console passwords.",
  severity: "high",
  rules: ["IAM-05"],
  sources: ["CT.IAM.PR.4", "awsguard access-keys-rotated"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.iamUser, AWS.iamAccessKey, AWS.iamUserLoginProfile],
  remediation: "Use an IAM role assumed through OIDC (CI) or IAM Identity Center (people) instead.",
  validate(resource, report) {
    const what = resource.type === AWS.iamUser ? "an IAM user" : resource.type === AWS.iamAccessKey ? "a long-lived access key" : "a console password";
    report(`creates ${what}; got ${resource.type}. Use a role assumed through OIDC or IAM Identity Center: nothing long-lived to leak or rotate.`);
  },
});
