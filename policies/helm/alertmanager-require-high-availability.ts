import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** OBS-04: notifications keep flowing (and silences survive) through the loss of an Alertmanager. */
export const alertmanagerRequireHighAvailability = resourcePolicy({
  name: "inferstack-kubernetes-alertmanager-require-high-availability",
  description: "Alertmanager runs three replicas with persistent storage and a disruption budget.",
  severity: "medium",
  rules: ["OBS-04"],
  sources: ["prometheus.io Alertmanager high availability"],
  enforcement: levels("D/A/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: "Set alertmanager.alertmanagerSpec.replicas: 3, alertmanager.alertmanagerSpec.storage.volumeClaimTemplate and alertmanager.podDisruptionBudget.enabled: true.",
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.kubePrometheusStack)) return;
    const replicas = valueAt(resource, "alertmanager.alertmanagerSpec.replicas") ?? 1;
    if (typeof replicas !== "number" || replicas < 3) report(`loses notifications when an Alertmanager is down; got alertmanager.alertmanagerSpec.replicas ${shown(replicas, "unset")}. Run 3.`);
    if (valueAt(resource, "alertmanager.alertmanagerSpec.storage.volumeClaimTemplate") === undefined) report("forgets silences and notification state on restart; got no alertmanager.alertmanagerSpec.storage.volumeClaimTemplate. Add one.");
    if (valueAt(resource, "alertmanager.podDisruptionBudget.enabled") !== true) report("lets a drain evict every Alertmanager at once; got alertmanager.podDisruptionBudget.enabled unset. Set it to true.");
  },
});
