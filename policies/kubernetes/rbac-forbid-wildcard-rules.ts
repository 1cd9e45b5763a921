import { arr, K8S, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** K-SEC-18: roles list the API groups, resources and verbs they need. */
export const rbacForbidWildcardRules = resourcePolicy({
  name: "inferstack-kubernetes-rbac-forbid-wildcard-rules",
  description: "Roles and ClusterRoles never grant wildcard API groups, resources or verbs.",
  severity: "high",
  rules: ["K-SEC-18"],
  sources: ["kube-linter wildcard-in-rules", "Polaris RBAC checks", "CKV_K8S_49", "CIS EKS 4.1.1", "CIS EKS 4.1.3"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.role, K8S.clusterRole],
  remediation: "List the apiGroups, resources and verbs the subject uses.",
  validate(resource, report) {
    arr(resource.props.rules).map(obj).forEach((rule, index) => {
      const wild = ["apiGroups", "resources", "verbs"].filter((field) => arr(rule[field]).includes("*"));
      if (wild.length > 0) report(`rule #${index + 1} grants everything in ${wild.join(", ")}; got "*". List what the subject uses.`);
    });
  },
});
