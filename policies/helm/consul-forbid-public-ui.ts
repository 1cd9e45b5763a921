import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** CON-07: the Consul UI (and its API) is reachable only from inside the cluster. */
export const consulForbidPublicUi = resourcePolicy({
  name: "inferstack-kubernetes-consul-forbid-public-ui",
  description: "The Consul UI is neither a load balancer or node port nor behind an unauthenticated ingress.",
  severity: "high",
  rules: ["CON-07"],
  sources: ["HashiCorp Consul security model"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: "Leave ui.service.type unset (ClusterIP) and ui.ingress.enabled false; use kubectl port-forward, or acknowledge an ingress behind SSO.",
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.consul)) return;
    const type = valueAt(resource, "ui.service.type");
    if (type === "LoadBalancer" || type === "NodePort") report(`exposes the Consul UI outside the cluster; got ui.service.type "${String(type)}". Leave it ClusterIP.`);
    if (valueAt(resource, "ui.ingress.enabled") === true) report("publishes the Consul UI through an ingress; got ui.ingress.enabled true. Remove it, or acknowledge it with the SSO that protects it.");
  },
});
