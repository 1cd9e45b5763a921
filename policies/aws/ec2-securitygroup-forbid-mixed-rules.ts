import { AWS, referring } from "../lib/aws";
import { arr } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";

const RULE_TYPES = [AWS.securityGroupRule, AWS.securityGroupIngressRule, AWS.securityGroupEgressRule];

/** NET-02: inline rules and rule resources on one group delete each other's rules on every update (awsguard HEAD rule, ported). */
export const ec2SecuritygroupForbidMixedRules = stackPolicy({
  name: "inferstack-aws-ec2-securitygroup-forbid-mixed-rules",
  description: "A security group defines its rules either inline or as separate rule resources, never both.",
  severity: "high",
  rules: ["NET-02"],
  sources: ["awsguard security-group-no-rule-management-conflicts"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.securityGroup, ...RULE_TYPES],
  remediation: "Move the inline ingress/egress rules into aws.vpc.SecurityGroupIngressRule/EgressRule resources (or the other way round).",
  validate(resources, report, runtime) {
    const groups = ofType(resources, AWS.securityGroup);
    if (groups.length === 0) runtime.notApplicable("no security group in the stack");
    for (const group of groups) {
      const inline = arr(group.props.ingress).length + arr(group.props.egress).length;
      const separate = referring(ofType(resources, ...RULE_TYPES), "securityGroupId", group);
      if (inline > 0 && separate.length > 0) {
        report(group, `has ${inline} inline rule(s) and rule resources ${separate.map((r) => r.name).join(", ")}; got both. Keep one way of defining rules: the other's rules are removed on every update.`);
      }
    }
  },
});
