import { AWS } from "../lib/aws";
import { arr, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** NODE-04: nodes never get a public IP address. */
export const ec2LaunchtemplateForbidPublicIp = resourcePolicy({
  name: "inferstack-aws-ec2-launchtemplate-forbid-public-ip",
  description: "Launch templates never give the nodes they launch a public IP address.",
  severity: "high",
  rules: ["NODE-04"],
  sources: ["awsguard ec2-instance-no-public-ip", "CT.EC2.PR.8", "CT.EC2.PR.9", "CT.EC2.PR.11"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.launchTemplate],
  remediation: 'Remove associatePublicIpAddress (or set it to "false"); reach nodes through SSM.',
  validate(resource, report) {
    const open = arr(resource.props.networkInterfaces).map(obj).filter((n) => n.associatePublicIpAddress === "true");
    if (open.length > 0) report(`gives nodes public IP addresses; got associatePublicIpAddress "true" on ${open.length} network interface(s). Remove it.`);
  },
});
