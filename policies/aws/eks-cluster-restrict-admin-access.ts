import { AWS } from "../lib/aws";
import { arr, at } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** EKS-09: cluster access is granted through access entries, and nobody is mapped into system:masters. */
export const eksClusterRestrictAdminAccess = resourcePolicy({
  name: "inferstack-aws-eks-cluster-restrict-admin-access",
  description: "EKS clusters authenticate through access entries, and no access entry maps a principal into system:masters.",
  severity: "high",
  rules: ["EKS-09"],
  sources: ["CIS EKS 4.1.7"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.eksCluster, AWS.eksAccessEntry],
  remediation: 'Set accessConfig.authenticationMode to "API"; grant admins AmazonEKSClusterAdminPolicy through an access policy association instead of the system:masters group.',
  validate(resource, report) {
    if (resource.type === AWS.eksAccessEntry) {
      if (arr(resource.props.kubernetesGroups).includes("system:masters")) {
        report('maps its principal into system:masters, which no RBAC rule can restrict; got kubernetesGroups including "system:masters". Use an access policy association with a scoped policy.');
      }
      return;
    }
    const mode = at(resource.props, "accessConfig.authenticationMode");
    if (mode !== "API" && mode !== "API_AND_CONFIG_MAP") {
      report(`authenticates through the aws-auth ConfigMap only; got authenticationMode ${shown(mode, "unset (CONFIG_MAP)")}. Set accessConfig.authenticationMode to "API".`);
    }
  },
});
