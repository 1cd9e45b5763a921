import { arr } from "../lib/kubernetes";
import { AWS } from "../lib/aws";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** OBS-10: the control-plane log group EKS writes to is created by the stack, with retention and a KMS key. */
export const cloudwatchLoggroupRequireEksLogRetention = stackPolicy({
  name: "inferstack-aws-cloudwatch-loggroup-require-eks-log-retention",
  description: "An EKS cluster that logs its control plane has its /aws/eks/<cluster>/cluster log group in the stack with retention and KMS encryption.",
  severity: "medium",
  rules: ["OBS-10", "EKS-03"],
  sources: ["NIST CloudWatchLogGroupRetentionPeriod", "NIST CloudWatchLogGroupEncrypted"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.eksCluster, AWS.logGroup],
  remediation: 'Create an aws.cloudwatch.LogGroup named "/aws/eks/<cluster name>/cluster" with retentionInDays and kmsKeyId before the cluster (dependsOn).',
  validate(resources, report, runtime) {
    const clusters = ofType(resources, AWS.eksCluster).filter((c) => arr(c.props.enabledClusterLogTypes).length > 0);
    if (clusters.length === 0) runtime.notApplicable("no EKS cluster with control-plane logging in the stack");
    const groups = ofType(resources, AWS.logGroup);
    for (const cluster of clusters) {
      const expected = typeof cluster.props.name === "string" ? `/aws/eks/${cluster.props.name}/cluster` : undefined;
      const group = groups.find((g) => typeof g.props.name === "string" && (expected === undefined ? /^\/aws\/eks\/[^/]+\/cluster$/.test(g.props.name) : g.props.name === expected));
      if (!group) {
        report(cluster, `logs into a log group EKS creates without retention or encryption; got no aws.cloudwatch.LogGroup ${expected ?? "/aws/eks/<cluster>/cluster"}. Create it in the stack first.`);
        continue;
      }
      const missing = [...(typeof group.props.retentionInDays === "number" && group.props.retentionInDays > 0 ? [] : ["retentionInDays"]), ...(typeof group.props.kmsKeyId === "string" ? [] : ["kmsKeyId"])];
      if (missing.length > 0) report(group, `keeps the cluster's control-plane logs without ${missing.join(" and ")}; got ${missing.map((m) => `${m} unset`).join(", ")}. Set ${missing.join(" and ")}.`);
    }
  },
});
