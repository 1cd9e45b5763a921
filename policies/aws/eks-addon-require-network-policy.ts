import { describeValue } from "../../components/spec/problems";
import { AWS } from "../lib/aws";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** EKS-08: NetworkPolicies are enforced (the VPC CNI ignores them unless told otherwise). */
export const eksAddonRequireNetworkPolicy = stackPolicy({
  name: "inferstack-aws-eks-addon-require-network-policy",
  description: "Every EKS cluster runs the VPC CNI add-on with network policy enforcement on.",
  severity: "medium",
  rules: ["EKS-08"],
  sources: ["CIS EKS 5.4.4", "CIS EKS 4.3.2"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.eksCluster, AWS.eksAddon],
  remediation: 'Add an aws.eks.Addon { addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) }.',
  validate(resources, report, runtime) {
    const clusters = ofType(resources, AWS.eksCluster);
    if (clusters.length === 0) runtime.notApplicable("no EKS cluster in the stack");
    const cnis = ofType(resources, AWS.eksAddon).filter((a) => a.props.addonName === "vpc-cni");
    const settings = cnis.map((a) => {
      try {
        return (JSON.parse(String(a.props.configurationValues ?? "{}")) as Record<string, unknown>).enableNetworkPolicy;
      } catch {
        return undefined;
      }
    });
    if (!settings.some((s) => s === "true" || s === true)) {
      for (const cluster of clusters) {
        report(cluster, `does not enforce NetworkPolicies; got ${cnis.length === 0 ? "no vpc-cni add-on" : `enableNetworkPolicy ${settings.map(describeValue).join(", ")}`}. Install the vpc-cni add-on with enableNetworkPolicy "true".`);
      }
    }
  },
});
