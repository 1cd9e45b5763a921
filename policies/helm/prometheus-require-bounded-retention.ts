import { describeValue } from "../../components/spec/problems";
import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { bytesOf, K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/**
 * A Prometheus size in bytes: `50GB` or `50GiB`, both powers of 1024 (Prometheus parses the flag as
 * base-2 bytes; the operator's ByteSize pattern `[0-9]+((K|M|G|T|E|P)i?)?B` admits both spellings).
 */
function prometheusBytes(size: unknown): number | undefined {
  const match = typeof size === "string" ? /^(\d+(?:\.\d+)?)(K|M|G|T|P|E)?i?B$/.exec(size.trim()) : null;
  if (!match) return undefined;
  return Number(match[1]) * 1024 ** (match[2] === undefined ? 0 : ["K", "M", "G", "T", "P", "E"].indexOf(match[2]) + 1);
}

/** OBS-02: retention is stated in time and size, and the size limit trips before the volume is full. */
export const prometheusRequireBoundedRetention = resourcePolicy({
  name: "inferstack-kubernetes-prometheus-require-bounded-retention",
  description: "Prometheus sets both a retention time and a retention size smaller than its volume.",
  severity: "medium",
  rules: ["OBS-02"],
  sources: ["kube-prometheus-stack chart default retention 10d"],
  enforcement: levels("A/A/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: 'Set prometheus.prometheusSpec.retention (e.g. "15d") and retentionSize (e.g. "45GB" for a 50Gi volume).',
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.kubePrometheusStack)) return;
    const spec = "prometheus.prometheusSpec";
    const retention = valueAt(resource, `${spec}.retention`);
    const size = valueAt(resource, `${spec}.retentionSize`);
    if (typeof retention !== "string" || retention === "") report(`keeps metrics for the chart's default time; got retention ${shown(retention, "unset")}. Set it explicitly.`);
    const sizeBytes = prometheusBytes(size);
    const volumeBytes = bytesOf(valueAt(resource, `${spec}.storageSpec.volumeClaimTemplate.spec.resources.requests.storage`));
    if (sizeBytes === undefined) report(`can fill its volume before old blocks are deleted; got retentionSize ${shown(size, "unset")}. Set it below the volume size (e.g. "45GB").`);
    else if (volumeBytes !== undefined && sizeBytes >= volumeBytes) report(`can fill its volume before old blocks are deleted; got retentionSize ${shown(size, "unset")} for a ${describeValue(valueAt(resource, `${spec}.storageSpec.volumeClaimTemplate.spec.resources.requests.storage`))} volume. Keep it about 10% below the volume.`);
  },
});
