import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** CON-03: gossip between Consul agents is encrypted. */
export const consulRequireGossipEncryption = resourcePolicy({
  name: "inferstack-kubernetes-consul-require-gossip-encryption",
  description: "The Consul release encrypts gossip traffic with a generated or stored key.",
  severity: "high",
  rules: ["CON-03"],
  sources: ["HashiCorp Consul gossip encryption"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: "Set values.global.gossipEncryption.autoGenerate: true (or secretName and secretKey of a stored key).",
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.consul)) return;
    const auto = valueAt(resource, "global.gossipEncryption.autoGenerate") === true;
    const stored = typeof valueAt(resource, "global.gossipEncryption.secretName") === "string" && typeof valueAt(resource, "global.gossipEncryption.secretKey") === "string";
    if (!auto && !stored) report("gossips in plain text; got no global.gossipEncryption.autoGenerate or secretName/secretKey. Set autoGenerate: true.");
  },
});
