import { AWS, referredList } from "../lib/aws";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** NODE-05: losing one availability zone leaves nodes in another. */
export const eksNodegroupRequireMultipleZones = stackPolicy({
  name: "inferstack-aws-eks-nodegroup-require-multiple-zones",
  description: "EKS node groups span subnets in at least two availability zones.",
  severity: "medium",
  rules: ["NODE-05"],
  sources: ["CT.AUTOSCALING.PR.1", "AWS Well-Architected REL"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.eksNodeGroup, AWS.subnet],
  remediation: "Give the node group private subnets in two or more availability zones (three in prod where the GPU type is offered there).",
  validate(resources, report, runtime) {
    const nodeGroups = ofType(resources, AWS.eksNodeGroup);
    if (nodeGroups.length === 0) runtime.notApplicable("no EKS node group in the stack");
    const subnets = ofType(resources, AWS.subnet);
    for (const nodeGroup of nodeGroups) {
      const mine = referredList(nodeGroup, "subnetIds", subnets);
      const zones = [...new Set(mine.map((s) => s.props.availabilityZone ?? s.props.availabilityZoneId).filter((z): z is string => typeof z === "string"))].sort();
      if (mine.length > 0 && zones.length < 2) {
        report(nodeGroup, `runs in ${zones.length === 0 ? "subnets without a zone" : `one availability zone`}; got zones [${zones.join(", ")}]. Add private subnets of a second zone.`);
      }
    }
  },
});
