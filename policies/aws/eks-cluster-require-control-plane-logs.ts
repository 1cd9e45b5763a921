import { AWS } from "../lib/aws";
import { arr } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

const ALL_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** EKS-03: the control plane's logs reach CloudWatch (all five types; dev at least the audit log). */
export const eksClusterRequireControlPlaneLogs = resourcePolicy({
  name: "inferstack-aws-eks-cluster-require-control-plane-logs",
  description: "Every EKS cluster sends all five control-plane log types to CloudWatch, and dev clusters at least the audit log.",
  severity: "medium",
  rules: ["EKS-03"],
  sources: ["AwsSolutions-EKS2", "CIS EKS 2.1.1", "SecHub EKS.8"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.eksCluster],
  remediation: `Set enabledClusterLogTypes to ${ALL_LOG_TYPES.map((t) => `"${t}"`).join(", ")}.`,
  validate(resource, report, runtime) {
    const enabled = arr(resource.props.enabledClusterLogTypes).map(String);
    const required = runtime.tier === "dev" ? ["audit"] : ALL_LOG_TYPES;
    const missing = required.filter((t) => !enabled.includes(t));
    if (missing.length > 0) {
      report(`does not log ${missing.join(", ")}; got enabledClusterLogTypes [${enabled.join(", ")}]. Enable ${required.join(", ")} in ${runtime.tier}.`);
    }
  },
});
