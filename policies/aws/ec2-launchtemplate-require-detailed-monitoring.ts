import { AWS } from "../lib/aws";
import { at } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** NODE-08: one-minute EC2 metrics for GPU nodes. */
export const ec2LaunchtemplateRequireDetailedMonitoring = resourcePolicy({
  name: "inferstack-aws-ec2-launchtemplate-require-detailed-monitoring",
  description: "Launch templates turn on EC2 detailed monitoring.",
  severity: "low",
  rules: ["NODE-08"],
  sources: ["AwsSolutions-EC28", "awsguard ec2-instance-detailed-monitoring-enabled", "CT.EC2.PR.10"],
  enforcement: levels("A/A/A"),
  resourceTypes: [AWS.launchTemplate],
  remediation: "Set monitoring { enabled: true }.",
  validate(resource, report) {
    const enabled = at(resource.props, "monitoring.enabled");
    if (enabled !== true) report(`reports EC2 metrics every five minutes only; got monitoring.enabled ${shown(enabled, "unset")}. Set monitoring.enabled: true.`);
  },
});
