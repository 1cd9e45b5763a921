import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { arr, K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** OBS-03: alerting survives the loss of one Prometheus (two replicas), or metrics leave the cluster (remote write). */
export const prometheusRequireHighAvailability = resourcePolicy({
  name: "inferstack-kubernetes-prometheus-require-high-availability",
  description: "Prometheus runs two replicas or writes its samples to a remote store.",
  severity: "medium",
  rules: ["OBS-03"],
  sources: ["Prometheus high-availability practice"],
  enforcement: levels("D/A/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: "Set prometheus.prometheusSpec.replicas: 2 (Alertmanager deduplicates), or configure remoteWrite.",
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.kubePrometheusStack)) return;
    const replicas = valueAt(resource, "prometheus.prometheusSpec.replicas") ?? 1;
    const remote = arr(valueAt(resource, "prometheus.prometheusSpec.remoteWrite")).length > 0;
    if (!remote && (typeof replicas !== "number" || replicas < 2)) report(`stops alerting when its one Prometheus restarts; got prometheus.prometheusSpec.replicas ${shown(replicas, "unset")} and no remoteWrite. Run 2 replicas.`);
  },
});
