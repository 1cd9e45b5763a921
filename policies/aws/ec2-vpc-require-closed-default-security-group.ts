import { AWS, referring } from "../lib/aws";
import { arr } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** NET-04: a resource that lands in the default security group by mistake gets no access. */
export const ec2VpcRequireClosedDefaultSecurityGroup = stackPolicy({
  name: "inferstack-aws-ec2-vpc-require-closed-default-security-group",
  description: "Every VPC's default security group is managed by the stack and has no rules.",
  severity: "medium",
  rules: ["NET-04"],
  sources: ["NIST VPCDefaultSecurityGroupClosed"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.vpc, AWS.defaultSecurityGroup],
  remediation: "Add an aws.ec2.DefaultSecurityGroup { vpcId } without ingress or egress: it removes the default allow rules.",
  validate(resources, report, runtime) {
    const vpcs = ofType(resources, AWS.vpc);
    const defaults = ofType(resources, AWS.defaultSecurityGroup);
    if (vpcs.length === 0 && defaults.length === 0) runtime.notApplicable("no VPC in the stack");
    for (const group of defaults) {
      const rules = arr(group.props.ingress).length + arr(group.props.egress).length;
      if (rules > 0) report(group, `keeps ${rules} rule(s) on the default security group; got ingress/egress rules. Remove them: nothing should rely on the default group.`);
    }
    for (const vpc of vpcs) {
      if (referring(defaults, "vpcId", vpc).length === 0) report(vpc, "leaves its default security group open to its own members and all egress; got no aws.ec2.DefaultSecurityGroup. Add one without rules.");
    }
  },
});
