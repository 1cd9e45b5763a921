import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** K-SEC-19: pods are owned by a controller that restarts and reschedules them. */
export const workloadForbidBarePods = resourcePolicy({
  name: "inferstack-kubernetes-workload-forbid-bare-pods",
  description: "The stack creates no bare Pods, only workloads managed by a controller.",
  severity: "medium",
  rules: ["K-SEC-19"],
  sources: ["pulumi-cp disallow-pod"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.pod],
  remediation: "Wrap the pod in a Deployment, StatefulSet, DaemonSet or Job.",
  validate(_resource, report) {
    report("is a bare Pod that nothing restarts or reschedules; got kind Pod. Use a Deployment, StatefulSet, DaemonSet or Job.");
  },
});
