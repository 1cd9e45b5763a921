import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { at, K8S, obj } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** OBS-07: Grafana needs a login, its cookies stay on HTTPS, and it is not published before SSO. */
export const grafanaRequireSecureAccess = resourcePolicy({
  name: "inferstack-kubernetes-grafana-require-secure-access",
  description: "Grafana disables anonymous access, sets secure cookies and HSTS, and is not published through an ingress.",
  severity: "high",
  rules: ["OBS-07"],
  sources: ["Grafana security configuration"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: 'Set grafana."grafana.ini" { "auth.anonymous": { enabled: false }, security: { cookie_secure: true, cookie_samesite: "strict", strict_transport_security: true } } and keep grafana.ingress.enabled false until SSO is configured.',
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.kubePrometheusStack)) return;
    const ini = obj(obj(valueAt(resource, "grafana"))["grafana.ini"]);
    const anonymous = obj(ini)["auth.anonymous"] !== undefined ? obj(ini["auth.anonymous"]).enabled : at(ini, "auth.anonymous.enabled");
    if (anonymous === true) report('lets anyone view dashboards without logging in; got "auth.anonymous".enabled true. Set it to false.');
    const security = obj(ini.security);
    const missing = [
      ...(security.cookie_secure === true ? [] : [`cookie_secure ${shown(security.cookie_secure, "unset")}`]),
      ...(typeof security.cookie_samesite === "string" && security.cookie_samesite !== "none" ? [] : [`cookie_samesite ${shown(security.cookie_samesite, "unset")}`]),
      ...(security.strict_transport_security === true ? [] : [`strict_transport_security ${shown(security.strict_transport_security, "unset")}`]),
    ];
    if (missing.length > 0) report(`sends session cookies without the browser protections; got ${missing.join(", ")} in grafana.ini security. Set cookie_secure true, cookie_samesite "strict" and strict_transport_security true.`);
    if (valueAt(resource, "grafana.ingress.enabled") === true) report("publishes Grafana through an ingress; got grafana.ingress.enabled true. Configure SSO first and acknowledge the ingress with it.");
  },
});
