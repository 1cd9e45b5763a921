import { at, K8S } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** K-SEC-18: the stack never hands out cluster-admin. */
export const rbacForbidClusterAdminBinding = resourcePolicy({
  name: "inferstack-kubernetes-rbac-forbid-cluster-admin-binding",
  description: "No RoleBinding or ClusterRoleBinding of the stack grants the cluster-admin role.",
  severity: "critical",
  rules: ["K-SEC-18"],
  sources: ["kube-linter cluster-admin-role-binding", "CIS EKS 4.1.1", "CIS EKS 4.1.2"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.roleBinding, K8S.clusterRoleBinding],
  remediation: "Bind a Role or ClusterRole that lists only the permissions the subject needs.",
  validate(resource, report) {
    if (at(resource.props, "roleRef.name") === "cluster-admin") {
      report('grants cluster-admin; got roleRef ClusterRole "cluster-admin". Bind a role with only the permissions the subject needs.');
    }
  },
});
