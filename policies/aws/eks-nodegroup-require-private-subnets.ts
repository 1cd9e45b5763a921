import { AWS, referredList } from "../lib/aws";
import { obj } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** EKS-07: GPU and system nodes have no route from the internet. */
export const eksNodegroupRequirePrivateSubnets = stackPolicy({
  name: "inferstack-aws-eks-nodegroup-require-private-subnets",
  description: "EKS node groups launch only into private subnets that never assign public IP addresses.",
  severity: "high",
  rules: ["EKS-07", "NODE-04"],
  sources: ["CIS EKS 5.4.3", "CT.EC2.PR.8", "NIST VPCSubnetAutoAssignPublicIpDisabled"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.eksNodeGroup, AWS.subnet],
  remediation: "Give node groups the VPC's private subnets (mapPublicIpOnLaunch false, no kubernetes.io/role/elb tag); public subnets are for load balancers only.",
  validate(resources, report, runtime) {
    const nodeGroups = ofType(resources, AWS.eksNodeGroup);
    if (nodeGroups.length === 0) runtime.notApplicable("no EKS node group in the stack");
    const subnets = ofType(resources, AWS.subnet);
    for (const nodeGroup of nodeGroups) {
      for (const subnet of referredList(nodeGroup, "subnetIds", subnets)) {
        const publicIps = subnet.props.mapPublicIpOnLaunch === true;
        const elb = obj(subnet.props.tags)["kubernetes.io/role/elb"] !== undefined;
        if (publicIps || elb) {
          report(nodeGroup, `launches nodes into public subnet ${subnet.name}; got ${publicIps ? "mapPublicIpOnLaunch true" : 'the "kubernetes.io/role/elb" tag'}. Use the VPC's private subnets.`);
        }
      }
    }
  },
});
