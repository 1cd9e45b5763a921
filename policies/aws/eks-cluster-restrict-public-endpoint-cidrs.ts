import { AWS } from "../lib/aws";
import { arr, at } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

/** EKS-02: where the endpoint stays public (dev), only named networks reach it. */
export const eksClusterRestrictPublicEndpointCidrs = resourcePolicy({
  name: "inferstack-aws-eks-cluster-restrict-public-endpoint-cidrs",
  description: "An EKS cluster with a public API endpoint allows only named CIDR blocks, never the whole internet.",
  severity: "critical",
  rules: ["EKS-02"],
  sources: ["CIS EKS 5.4.1"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.eksCluster],
  remediation: "Set vpcConfig.publicAccessCidrs to your office or CI egress ranges, or turn the public endpoint off.",
  validate(resource, report) {
    if (at(resource.props, "vpcConfig.endpointPublicAccess") === false) return;
    const cidrs = arr(at(resource.props, "vpcConfig.publicAccessCidrs")).map(String);
    const open = cidrs.length === 0 ? ["0.0.0.0/0 (the default)"] : cidrs.filter((c) => ANYWHERE.includes(c));
    if (open.length > 0) {
      report(`lets the whole internet reach the Kubernetes API; got publicAccessCidrs ${open.join(", ")}. List the CIDR blocks that need the API in vpcConfig.publicAccessCidrs.`);
    }
  },
});
