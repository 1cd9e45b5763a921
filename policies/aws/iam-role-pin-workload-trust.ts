import { describeValue } from "../../components/spec/problems";
import { AWS, workloadTrustStatements } from "../lib/aws";
import { obj } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

const SUBJECT = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The values of condition keys ending in `suffix` under `operator`. */
function conditionValues(condition: Record<string, unknown>, operator: string, suffix: string): unknown[] {
  return Object.entries(obj(condition[operator]))
    .filter(([key]) => key.endsWith(suffix))
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]));
}

/** EKS-06: a workload identity can be assumed by exactly one service account, with the STS audience. */
export const iamRolePinWorkloadTrust = resourcePolicy({
  name: "inferstack-aws-iam-role-pin-workload-trust",
  description: "Workload roles trust exactly named Kubernetes service accounts with the STS audience, through IRSA or an explicit Pod Identity association.",
  severity: "critical",
  rules: ["EKS-06"],
  sources: ["CIS EKS 5.2.1", "MLSEC-03"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.iamRole, AWS.eksPodIdentityAssociation],
  remediation:
    'In the IRSA trust statement add Condition StringEquals { "<issuer>:sub": "system:serviceaccount:<namespace>:<service account>", "<issuer>:aud": "sts.amazonaws.com" }; give Pod Identity associations an explicit namespace and service account.',
  validate(resource, report) {
    if (resource.type === AWS.eksPodIdentityAssociation) {
      for (const field of ["namespace", "serviceAccount"] as const) {
        const value = resource.props[field];
        if (typeof value !== "string" || value === "" || value.includes("*")) {
          report(`does not name one ${field === "namespace" ? "namespace" : "service account"}; got ${shown(value, "unset")}. Set ${field} to the exact name.`);
        }
      }
      return;
    }
    for (const statement of workloadTrustStatements(resource)) {
      const patterns = conditionValues(statement.condition, "StringLike", ":sub");
      const subjects = conditionValues(statement.condition, "StringEquals", ":sub");
      const audiences = conditionValues(statement.condition, "StringEquals", ":aud");
      if (patterns.length > 0) {
        report(`trusts service accounts by pattern; got StringLike :sub ${patterns.map(describeValue).join(", ")}. Use StringEquals with "system:serviceaccount:<namespace>:<service account>".`);
      } else if (subjects.length === 0) {
        report('trusts the cluster\'s OIDC issuer without naming a service account; got no StringEquals :sub condition. Add StringEquals "<issuer>:sub": "system:serviceaccount:<namespace>:<service account>".');
      } else {
        const loose = subjects.filter((s) => typeof s !== "string" || !SUBJECT.test(s));
        if (loose.length > 0) {
          report(`names a subject that is not one service account; got ${loose.map(describeValue).join(", ")}. Use "system:serviceaccount:<namespace>:<service account>".`);
        }
      }
      if (!audiences.includes("sts.amazonaws.com")) {
        report(`does not pin the token audience; got ${audiences.length === 0 ? "no StringEquals :aud condition" : audiences.map(describeValue).join(", ")}. Add StringEquals "<issuer>:aud": "sts.amazonaws.com".`);
      }
    }
  },
});
