import { AWS } from "../lib/aws";
import { arr } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** inferstack's instance-type allow-list (and NODE-10: every allowed type is Nitro-based). */
export const eksNodegroupRestrictInstanceTypes = resourcePolicy({
  name: "inferstack-aws-eks-nodegroup-restrict-instance-types",
  description: "Node groups and launch templates use only the environment's allowed instance types.",
  severity: "high",
  rules: ["OWN instance-type allow-list", "NODE-10"],
  sources: ["CT.EC2.PR.15", "CT.EC2.PR.16"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.eksNodeGroup, AWS.launchTemplate],
  usesContext: true,
  remediation: "Use a type of the environment's allow-list (inferstack:environment.policy.allowedInstanceTypes, defaults per tier in components/resolve/policy.ts).",
  validate(resource, report, runtime) {
    const allowed = runtime.context().allowedInstanceTypes;
    const types = resource.type === AWS.eksNodeGroup ? arr(resource.props.instanceTypes).map(String) : typeof resource.props.instanceType === "string" ? [resource.props.instanceType] : [];
    const outside = types.filter((t) => !allowed.includes(t));
    if (outside.length > 0) {
      report(`uses instance types outside ${runtime.context().stack}'s allow-list; got ${outside.join(", ")}. Use one of ${allowed.join(", ")}, or extend inferstack:environment.policy.allowedInstanceTypes.`);
    }
  },
});
