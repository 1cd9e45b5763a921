/** A pinned Helm chart: where it comes from and which version inferstack installs. */
export interface PinnedChart {
  readonly chart: string;
  readonly version: string;
  /** Helm repository URL. */
  readonly repo: string;
  /** Release name: fixed, because Service names that other components address derive from it. */
  readonly releaseName: string;
}

/**
 * Third-party charts of the observability area. A version change is a reviewed change here, never
 * a floating range.
 *
 * - kube-prometheus-stack 88.5.3 (operator v0.93.1, Grafana subchart 12.11.1): FACTS §4.1, read from
 *   prometheus-community/helm-charts HEAD on 2026-08-22.
 * - dcgm-exporter 4.8.2 (image `nvcr.io/nvidia/k8s/dcgm-exporter:4.5.3-4.8.2-distroless`): FACTS §4.3,
 *   NVIDIA/dcgm-exporter tag 4.5.3-4.8.2.
 * - prometheus-adapter 5.4.0: the newest release found on 2026-11-28
 *   (https://newreleases.io/project/github/prometheus-community/helm-charts/release/prometheus-adapter-5.4.0;
 *   the Artifact Hub feed lists 5.3.0 of 2026-02-19 before it, Chart.yaml 5.3.0 has appVersion v0.12.0).
 *   Its rules format (`rules.custom[]` with `seriesQuery`, `resources.overrides`, `name.matches/as`,
 *   `metricsQuery`) is the adapter's documented discovery config.
 * @see https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack
 * @see https://github.com/NVIDIA/dcgm-exporter/tree/main/deployment
 * @see https://github.com/kubernetes-sigs/prometheus-adapter/blob/master/docs/config.md
 */
export const OBSERVABILITY_CHARTS = Object.freeze({
  kubePrometheusStack: Object.freeze({
    chart: "kube-prometheus-stack",
    version: "88.5.3",
    repo: "https://prometheus-community.github.io/helm-charts",
    releaseName: "kube-prometheus-stack",
  }),
  dcgmExporter: Object.freeze({
    chart: "dcgm-exporter",
    version: "4.8.2",
    repo: "https://nvidia.github.io/dcgm-exporter/helm-charts",
    releaseName: "dcgm-exporter",
  }),
  prometheusAdapter: Object.freeze({
    chart: "prometheus-adapter",
    version: "5.4.0",
    repo: "https://prometheus-community.github.io/helm-charts",
    releaseName: "prometheus-adapter",
  }),
} satisfies Record<string, PinnedChart>);

/**
 * In-cluster Services the kube-prometheus-stack release creates, named from its fixed full name
 * (`fullnameOverride`), and their ports.
 */
export const KUBE_PROMETHEUS_STACK_SERVICES = Object.freeze({
  prometheus: { name: `${OBSERVABILITY_CHARTS.kubePrometheusStack.releaseName}-prometheus`, port: 9090 },
  alertmanager: { name: `${OBSERVABILITY_CHARTS.kubePrometheusStack.releaseName}-alertmanager`, port: 9093 },
  grafana: { name: `${OBSERVABILITY_CHARTS.kubePrometheusStack.releaseName}-grafana`, port: 80 },
});

/** The in-cluster URL of a Service of the monitoring namespace. */
export function serviceUrl(service: { readonly name: string; readonly port: number }, namespace: string): string {
  return `http://${service.name}.${namespace}.svc:${service.port}`;
}
