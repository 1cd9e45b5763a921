import { ENCRYPTED_STORAGE_CLASS } from "../../components/kubernetes/storage";
import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** OBS-01: metrics survive a Prometheus restart (the chart defaults to an emptyDir). */
export const prometheusRequirePersistentStorage = resourcePolicy({
  name: "inferstack-kubernetes-prometheus-require-persistent-storage",
  description: `Prometheus keeps its data on a persistent volume of the encrypted ${ENCRYPTED_STORAGE_CLASS} class.`,
  severity: "medium",
  rules: ["OBS-01"],
  sources: ["kube-prometheus-stack chart defaults (emptyDir)"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: `Set prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec { storageClassName: "${ENCRYPTED_STORAGE_CLASS}", accessModes: ["ReadWriteOnce"], resources.requests.storage }.`,
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.kubePrometheusStack)) return;
    const claim = valueAt(resource, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec");
    if (claim === undefined) {
      report("loses every metric when Prometheus restarts; got no prometheus.prometheusSpec.storageSpec.volumeClaimTemplate (an emptyDir). Add a volume claim template.");
      return;
    }
    const className = valueAt(resource, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName");
    if (className !== ENCRYPTED_STORAGE_CLASS) report(`stores metrics outside the encrypted class; got storageClassName ${shown(className, "unset")}. Use "${ENCRYPTED_STORAGE_CLASS}".`);
    if (valueAt(resource, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage") === undefined) {
      report("does not size its volume; got no resources.requests.storage in the claim template. Set it.");
    }
  },
});
