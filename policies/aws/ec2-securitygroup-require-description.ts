import { AWS } from "../lib/aws";
import { arr, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** Pulumi's description when none is given. */
const DEFAULT_DESCRIPTION = "Managed by Pulumi";

/** NET-02: every group and rule says what it is for. */
export const ec2SecuritygroupRequireDescription = resourcePolicy({
  name: "inferstack-aws-ec2-securitygroup-require-description",
  description: "Security groups and their rules carry a description of what they allow and why.",
  severity: "low",
  rules: ["NET-02"],
  sources: ["AwsSolutions-EC27"],
  enforcement: levels("A/A/A"),
  resourceTypes: [AWS.securityGroup, AWS.securityGroupRule, AWS.securityGroupIngressRule, AWS.securityGroupEgressRule],
  remediation: "Set description on the security group and on each rule.",
  validate(resource, report) {
    const description = resource.props.description;
    if (typeof description !== "string" || description.trim() === "" || description === DEFAULT_DESCRIPTION) {
      report(`does not say what it allows; got description ${description === undefined ? `unset ("${DEFAULT_DESCRIPTION}")` : JSON.stringify(description)}. Describe what the ${resource.type === AWS.securityGroup ? "group" : "rule"} is for.`);
    }
    if (resource.type !== AWS.securityGroup) return;
    const bare = [...arr(resource.props.ingress), ...arr(resource.props.egress)].map(obj).filter((r) => typeof r.description !== "string" || r.description === "");
    if (bare.length > 0) report(`has ${bare.length} inline rule(s) without a description; got no description. Describe each rule.`);
  },
});
