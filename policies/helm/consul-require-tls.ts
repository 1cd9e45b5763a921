import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** CON-02: Consul traffic is TLS, verified both ways, HTTPS only, with certificates distributed by auto-encrypt. */
export const consulRequireTls = resourcePolicy({
  name: "inferstack-kubernetes-consul-require-tls",
  description: "The Consul release enables TLS with verification, HTTPS only and auto-encrypt.",
  severity: "high",
  rules: ["CON-02"],
  sources: ["HashiCorp Consul mTLS documentation"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: "Set values.global.tls { enabled: true, enableAutoEncrypt: true, verify: true, httpsOnly: true }.",
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.consul)) return;
    const tls = (key: string) => valueAt(resource, `global.tls.${key}`);
    if (tls("enabled") !== true) {
      report(`sends Consul traffic in plain text; got global.tls.enabled ${shown(tls("enabled"), "unset (false)")}. Set it to true.`);
      return;
    }
    if (tls("enableAutoEncrypt") !== true) report(`leaves clients without certificates; got global.tls.enableAutoEncrypt ${shown(tls("enableAutoEncrypt"), "unset (false)")}. Set it to true.`);
    if (tls("verify") === false) report("accepts connections without verifying certificates; got global.tls.verify false. Set it to true (the default).");
    if (tls("httpsOnly") === false) report("keeps the plain HTTP API open; got global.tls.httpsOnly false. Set it to true (the default).");
  },
});
