import { AWS, referring } from "../lib/aws";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** NET-03: traffic in and out of the VPC is recorded for investigations. */
export const ec2VpcRequireFlowLogs = stackPolicy({
  name: "inferstack-aws-ec2-vpc-require-flow-logs",
  description: "Every VPC records flow logs.",
  severity: "medium",
  rules: ["NET-03"],
  sources: ["AwsSolutions-VPC7", "NIST VPCFlowLogsEnabled"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.vpc, AWS.flowLog],
  remediation: 'Add an aws.ec2.FlowLog { vpcId, trafficType: "ALL" } writing to CloudWatch Logs or S3.',
  validate(resources, report, runtime) {
    const vpcs = ofType(resources, AWS.vpc);
    if (vpcs.length === 0) runtime.notApplicable("no VPC in the stack");
    for (const vpc of vpcs) {
      if (referring(ofType(resources, AWS.flowLog), "vpcId", vpc).length === 0) report(vpc, "records no flow logs; got no aws.ec2.FlowLog for it. Add one with trafficType \"ALL\".");
    }
  },
});
