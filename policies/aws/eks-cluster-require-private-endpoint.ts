import { AWS } from "../lib/aws";
import { at } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** EKS-01: the Kubernetes API is reachable from the VPC only (EKS leaves it public when unset). */
export const eksClusterRequirePrivateEndpoint = resourcePolicy({
  name: "inferstack-aws-eks-cluster-require-private-endpoint",
  description: "Every EKS cluster serves its API on a private endpoint and not on the public one.",
  severity: "high",
  rules: ["EKS-01"],
  sources: ["AwsSolutions-EKS1", "CT.EKS.PR.1", "CIS EKS 5.4.2", "SecHub EKS.1", "pulumi-cp disallow-api-endpoint-public-access"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.eksCluster],
  remediation: "Set vpcConfig.endpointPrivateAccess: true and endpointPublicAccess: false; reach the API from CI through the VPC (SSM or VPN).",
  validate(resource, report) {
    const publicAccess = at(resource.props, "vpcConfig.endpointPublicAccess");
    const privateAccess = at(resource.props, "vpcConfig.endpointPrivateAccess");
    if (publicAccess !== false) {
      report(`serves the Kubernetes API on a public endpoint; got endpointPublicAccess ${shown(publicAccess, "unset (public)")}. Set vpcConfig.endpointPublicAccess: false.`);
    }
    if (privateAccess !== true) {
      report(`has no private API endpoint; got endpointPrivateAccess ${shown(privateAccess, "unset")}. Set vpcConfig.endpointPrivateAccess: true.`);
    }
  },
});
