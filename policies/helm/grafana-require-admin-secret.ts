import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** OBS-06: Grafana's admin password comes from a Secret, never from code or config. */
export const grafanaRequireAdminSecret = resourcePolicy({
  name: "inferstack-kubernetes-grafana-require-admin-secret",
  description: "Grafana reads its admin credentials from an existing Secret and no admin password is written in the values.",
  severity: "critical",
  rules: ["OBS-06"],
  sources: ["Grafana defaults (admin/admin)", "kube-prometheus-stack grafana.adminPassword"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: "Remove grafana.adminPassword and set grafana.admin.existingSecret (keys admin-user and admin-password).",
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.kubePrometheusStack)) return;
    if (valueAt(resource, "grafana.adminPassword") !== undefined) report("writes Grafana's admin password into the release values; got grafana.adminPassword set. Remove it and use grafana.admin.existingSecret.");
    const secret = valueAt(resource, "grafana.admin.existingSecret");
    if (typeof secret !== "string" || secret === "") report("lets the chart generate an admin password nobody manages; got no grafana.admin.existingSecret. Name a Secret holding admin-user and admin-password.");
  },
});
