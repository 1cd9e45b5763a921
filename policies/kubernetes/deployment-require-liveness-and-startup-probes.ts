import { isDeepStrictEqual } from "node:util";
import { at, containersOf, K8S, runtimeOf, serverPoolOf } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, templateOf } from "../lib/workloads";

/**
 * K-REL-04: a hung server is restarted, but not while it loads a multi-GB model (the startup probe
 * holds liveness off), and never because its models are merely not ready (liveness differs from readiness).
 */
export const deploymentRequireLivenessAndStartupProbes = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-liveness-and-startup-probes",
  description: "Serving containers have a startup probe and a liveness probe that differs from their readiness probe.",
  severity: "medium",
  rules: ["K-REL-04"],
  sources: ["CKV_K8S_8", "Polaris livenessProbeMissing", "kube-score pod-probes-identical", "kube-linter liveness-port", "kube-linter startup-port"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.deployment],
  remediation: "Add livenessProbe (Triton: /v2/health/live) and a startupProbe whose failureThreshold × periodSeconds covers the model load.",
  validate(resource, report) {
    const template = templateOf(resource);
    if (!template) return;
    const triton = serverPoolOf(template) !== undefined && runtimeOf(template) === "triton";
    for (const container of containersOf(template.spec).filter((c) => !c.init)) {
      const { livenessProbe, readinessProbe, startupProbe } = container.body;
      const label = containerLabel(container);
      if (livenessProbe === undefined) report(`${label} is never restarted when it hangs; got no livenessProbe. Add one${triton ? " on /v2/health/live" : ""}.`);
      else if (readinessProbe !== undefined && isDeepStrictEqual(livenessProbe, readinessProbe)) report(`${label} would be restarted whenever it is not ready; got a livenessProbe identical to its readinessProbe. Probe liveness separately${triton ? " (/v2/health/live)" : ""}.`);
      else if (triton && (container.name === "triton" || /tritonserver/.test(String(container.body.image))) && at(livenessProbe, "httpGet.path") !== "/v2/health/live") report(`${label} probes liveness somewhere other than Triton's live endpoint; got ${JSON.stringify(at(livenessProbe, "httpGet.path"))}. Use /v2/health/live.`);
      if (startupProbe === undefined) report(`${label} can be killed while it loads its models; got no startupProbe. Add one that allows for the model load time.`);
    }
  },
});
