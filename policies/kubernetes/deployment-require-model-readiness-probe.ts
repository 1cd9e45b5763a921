import { RUNTIME_FACTS } from "../../components/runtimes";
import { type Runtime } from "../../components/spec/model";
import { at, containersOf, K8S, runtimeOf, serverPoolOf } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, templateOf } from "../lib/workloads";

/**
 * Paths that answer only once models are loaded: Triton's server readiness (or one model's), TF Serving's
 * model status. Liveness-style paths would route traffic to a server still loading its models.
 */
const READY_PATHS: Readonly<Record<Runtime, RegExp>> = {
  triton: /^\/v2\/(health\/ready|models\/[^/]+(\/versions\/\d+)?\/ready)$/,
  tfserving: /^\/v1\/models\/[^/]+(\/versions\/\d+)?$/,
};

/** K-REL-03: traffic reaches a model server only after its models are loaded. */
export const deploymentRequireModelReadinessProbe = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-model-readiness-probe",
  description: "Every serving container has a readiness probe, and model servers probe model readiness on their HTTP port.",
  severity: "high",
  rules: ["K-REL-03"],
  sources: ["CKV_K8S_9", "Polaris readinessProbeMissing", "kube-score pod-probes", "kube-linter readiness-port"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.deployment],
  remediation: "Triton: httpGet /v2/health/ready on port 8000; TF Serving: httpGet /v1/models/<model> on port 8501.",
  validate(resource, report) {
    const template = templateOf(resource);
    if (!template) return;
    const runtime = serverPoolOf(template) === undefined ? undefined : runtimeOf(template);
    for (const container of containersOf(template.spec).filter((c) => !c.init)) {
      const probe = container.body.readinessProbe;
      if (probe === undefined) {
        report(`${containerLabel(container)} has no readiness probe; got none. Add one that passes only when the container can serve.`);
        continue;
      }
      // The runtime container: named after the runtime (a custom image's name need not say which it is), or by its image.
      if (runtime === undefined || (container.name !== runtime && !/tritonserver|serving/.test(String(container.body.image)))) continue;
      const path = at(probe, "httpGet.path");
      const port = at(probe, "httpGet.port");
      const facts = RUNTIME_FACTS[runtime];
      if (typeof path !== "string" || !READY_PATHS[runtime].test(path)) {
        report(`${containerLabel(container)} does not probe model readiness; got ${path === undefined ? "a probe without httpGet" : `path ${JSON.stringify(path)}`}. Probe ${runtime === "triton" ? "/v2/health/ready" : "/v1/models/<model>"} on port ${facts.httpPort}.`);
      } else if (port !== facts.httpPort && port !== "http") {
        report(`${containerLabel(container)} probes readiness on the wrong port; got ${JSON.stringify(port)}. Use the HTTP port ${facts.httpPort} ("http").`);
      }
    }
  },
});
