import { AWS } from "../lib/aws";
import { arr, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

/** Port range of a rule, for messages. */
const ports = (from: unknown, to: unknown) => (from === to ? `port ${String(from)}` : `ports ${String(from)}-${String(to)}`);

/** NET-01: nothing inside the VPC is open to the internet (a public load balancer on 443 is acknowledged explicitly). */
export const ec2SecuritygroupForbidPublicIngress = resourcePolicy({
  name: "inferstack-aws-ec2-securitygroup-forbid-public-ingress",
  description: "Security groups never allow ingress from 0.0.0.0/0 or ::/0.",
  severity: "critical",
  rules: ["NET-01"],
  sources: ["AwsSolutions-EC23", "CT.EC2.PR.3", "CT.EC2.PR.4", "pulumi-cp disallow-public-internet-ingress"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.securityGroup, AWS.securityGroupRule, AWS.securityGroupIngressRule],
  remediation: "Allow the specific CIDRs or security groups that need access; a public load balancer on 443 is acknowledged with its reason.",
  validate(resource, report) {
    const rules =
      resource.type === AWS.securityGroup
        ? arr(resource.props.ingress).map(obj)
        : resource.type === AWS.securityGroupRule
          ? resource.props.type === "ingress"
            ? [resource.props]
            : []
          : [{ ...resource.props, cidrBlocks: [resource.props.cidrIpv4], ipv6CidrBlocks: [resource.props.cidrIpv6] }];
    for (const rule of rules) {
      const open = [...arr(rule.cidrBlocks), ...arr(rule.ipv6CidrBlocks)].filter((c) => ANYWHERE.includes(String(c)));
      if (open.length > 0) {
        report(`allows ingress from anywhere on ${ports(rule.fromPort, rule.toPort)}; got ${open.join(", ")}. Allow the CIDRs or security groups that need it.`);
      }
    }
  },
});
