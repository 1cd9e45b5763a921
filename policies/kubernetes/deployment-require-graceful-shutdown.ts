import { arr, at, containersOf, K8S, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, templateOf } from "../lib/workloads";

/** Seconds Kubernetes waits before killing a terminating pod when the spec does not say. */
const DEFAULT_GRACE_SECONDS = 30;
/** Time left after the preStop pause for in-flight inference requests to finish. */
const DRAIN_SECONDS = 10;

/** Seconds a preStop hook pauses: `sleep: { seconds }` or an exec of `sleep N`; undefined when unknown. */
function preStopSeconds(preStop: unknown): number | undefined {
  const sleep = at(preStop, "sleep.seconds");
  if (typeof sleep === "number") return sleep;
  const command = arr(at(preStop, "exec.command")).map(String).join(" ");
  const match = /\bsleep\s+(\d+)/.exec(command);
  return match ? Number(match[1]) : undefined;
}

/**
 * K-REL-14: on termination, endpoints deregister first (a preStop pause), then in-flight requests
 * finish before the kill.
 */
export const deploymentRequireGracefulShutdown = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-graceful-shutdown",
  description: "Serving containers pause in a preStop hook, and the grace period leaves at least 10 seconds after it for in-flight requests.",
  severity: "medium",
  rules: ["K-REL-14"],
  sources: ["kube-score probe guidance", "Triton --exit-timeout-secs"],
  enforcement: levels("A/A/M"),
  resourceTypes: [K8S.deployment],
  remediation: `Add lifecycle.preStop (e.g. exec ["sleep", "10"]) and set terminationGracePeriodSeconds to the pause plus the longest request, at least pause + ${DRAIN_SECONDS}.`,
  validate(resource, report) {
    const template = templateOf(resource);
    if (!template) return;
    const grace = typeof template.spec.terminationGracePeriodSeconds === "number" ? template.spec.terminationGracePeriodSeconds : DEFAULT_GRACE_SECONDS;
    for (const container of containersOf(template.spec).filter((c) => !c.init && arr(c.body.ports).length > 0)) {
      const preStop = obj(container.body.lifecycle).preStop;
      if (preStop === undefined) {
        report(`${containerLabel(container)} stops serving before its endpoints are removed; got no lifecycle.preStop. Add a preStop pause of 5-15 seconds.`);
        continue;
      }
      const pause = preStopSeconds(preStop);
      if (pause !== undefined && grace < pause + DRAIN_SECONDS) {
        report(`${containerLabel(container)} is killed ${Math.max(grace - pause, 0)} s after its preStop pause; got terminationGracePeriodSeconds ${grace} with a ${pause} s pause. Use at least ${pause + DRAIN_SECONDS}.`);
      }
    }
  },
});
