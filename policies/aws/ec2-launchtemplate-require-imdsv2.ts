import { AWS } from "../lib/aws";
import { at } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** NODE-01: instance credentials need a session token (IMDSv2), which SSRF-style requests cannot get. */
export const ec2LaunchtemplateRequireImdsv2 = resourcePolicy({
  name: "inferstack-aws-ec2-launchtemplate-require-imdsv2",
  description: "Launch templates require IMDSv2 session tokens for the instance metadata service.",
  severity: "high",
  rules: ["NODE-01"],
  sources: ["CT.EC2.PR.1", "CT.AUTOSCALING.PR.2", "NIST EC2IMDSv2Enabled", "EKS best practices"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.launchTemplate],
  remediation: 'Set metadataOptions { httpTokens: "required" }.',
  validate(resource, report) {
    const tokens = at(resource.props, "metadataOptions.httpTokens");
    if (tokens !== "required") report(`allows IMDSv1 requests without a token; got httpTokens ${shown(tokens, "unset (optional)")}. Set metadataOptions.httpTokens: "required".`);
  },
});
