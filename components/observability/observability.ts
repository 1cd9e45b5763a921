import * as k8s from "../kubernetes-sdk";
import * as pulumi from "@pulumi/pulumi";
import { z } from "../zod";
import { type ResolvedEnvironment, type ResolvedModel, type ResolvedMonitoring, type ResolvedServerPool } from "../resolve/types";
import { TOKENS } from "../tokens";
import { type ReceiverEndpoints } from "./alertmanager";
import { renderAutoscalingRule, renderPrometheusAdapterValues } from "./autoscaling";
import { KUBE_PROMETHEUS_STACK_SERVICES, OBSERVABILITY_CHARTS, serviceUrl, type PinnedChart } from "./charts";
import { packDashboards, renderDashboardConfigMap, renderDashboards } from "./dashboards";
import { renderDcgmExporterValues } from "./dcgm-exporter";
import { kubePrometheusStackValuesSchema, renderKubePrometheusStackValues } from "./kube-prometheus-stack";
import { renderGrafanaAdminSecret, renderMonitoringNamespace } from "./namespace";
import { renderDcgmServiceMonitor, renderPoolServiceMonitor } from "./service-monitors";
import { renderSloRule } from "./slo-rules";

/** Arguments of {@link Observability}. */
export interface ObservabilityArgs {
  /** The environment (resolved): namespace, stack name, node pools. */
  readonly environment: ResolvedEnvironment;
  /** Monitoring settings (resolved): sizes, replicas, receivers. */
  readonly monitoring: ResolvedMonitoring;
  /** Models deployed in the environment: one SLO rule and one dashboard each. */
  readonly models: readonly ResolvedModel[];
  /** Server pools: one ServiceMonitor each, on the pool's `<pool>-metrics` Service. */
  readonly serverPools: readonly ResolvedServerPool[];
  /** Grafana's admin password; pass the secret config value (`config.requireSecret(...)`). */
  readonly grafanaAdminPassword: pulumi.Input<string>;
  /** Endpoint of every receiver in `monitoring.alerting.receivers`, by kind; pass the secret config values. */
  readonly receiverEndpoints: ReceiverEndpoints<pulumi.Input<string>>;
  /**
   * Resources the monitoring stack needs first: the serving namespace (its monitors and rules live
   * there) and the StorageClass of its volumes. @default none: they must exist
   */
  readonly prerequisites?: readonly pulumi.Resource[];
}

/** Accepts a secret wherever the values schema has one: a string or a Pulumi output. */
const secretInput = z.custom<pulumi.Input<string>>((value) => typeof value === "string" || pulumi.Output.isInstance(value), {
  error: "must be a string or a Pulumi output",
});

/**
 * Monitoring and alerting of one environment: kube-prometheus-stack (Prometheus, Alertmanager with the
 * environment's routes, Grafana with an admin Secret from the Pulumi secret), the DCGM exporter on the
 * GPU node pools, prometheus-adapter serving the autoscaling metric, one ServiceMonitor per server
 * pool, one SLO PrometheusRule and one Grafana dashboard per model plus the platform overview
 * (packed into as few ConfigMaps as fit).
 * Everything is rendered from resolved data before any resource is created.
 */
export class Observability extends pulumi.ComponentResource {
  /** The monitoring namespace. */
  readonly namespace: k8s.core.v1.Namespace;
  /** The kube-prometheus-stack release. */
  readonly stack: k8s.helm.v3.Release;
  /** In-cluster URLs of Prometheus, Alertmanager and Grafana. */
  readonly urls: pulumi.Output<{ prometheus: string; alertmanager: string; grafana: string }>;
  /** Name of each model's SLO PrometheusRule, by model. */
  readonly sloRules: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.observability, name, {}, opts);
    const { environment, monitoring } = args;
    const child = { parent: this };

    // Rendered and validated first: a value the charts would misread fails before anything is created.
    const stackValues = kubePrometheusStackValuesSchema(secretInput).parse(
      renderKubePrometheusStackValues({ environment, monitoring, endpoints: args.receiverEndpoints }),
    );
    const adapterValues = renderPrometheusAdapterValues(monitoring);
    const dcgmValues = monitoring.gpuNodePools.length > 0 ? renderDcgmExporterValues(monitoring) : undefined;

    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, renderMonitoringNamespace(environment, monitoring), child);
    const adminSecret = new k8s.core.v1.Secret(
      `${name}-grafana-admin`,
      renderGrafanaAdminSecret(environment, monitoring, pulumi.secret(args.grafanaAdminPassword)),
      { ...child, dependsOn: [this.namespace] },
    );
    const release = (role: string, chart: PinnedChart, values: pulumi.Inputs, dependsOn: pulumi.Resource[]) =>
      new k8s.helm.v3.Release(
        `${name}-${role}`,
        {
          chart: chart.chart,
          version: chart.version,
          repositoryOpts: { repo: chart.repo },
          name: chart.releaseName,
          namespace: monitoring.namespace,
          createNamespace: false,
          values,
        },
        { ...child, dependsOn },
      );
    this.stack = release("kube-prometheus-stack", OBSERVABILITY_CHARTS.kubePrometheusStack, stackValues, [
      this.namespace,
      adminSecret,
      ...(args.prerequisites ?? []),
    ]);
    // Monitors and rules are custom resources whose definitions the stack's chart installs.
    const afterStack = { ...child, dependsOn: [this.stack] };
    release("prometheus-adapter", OBSERVABILITY_CHARTS.prometheusAdapter, adapterValues, [this.stack]);
    new k8s.apiextensions.CustomResource(`${name}-autoscaling-rules`, renderAutoscalingRule(environment, monitoring), afterStack);
    if (dcgmValues !== undefined) {
      release("dcgm-exporter", OBSERVABILITY_CHARTS.dcgmExporter, dcgmValues, [this.stack]);
      new k8s.apiextensions.CustomResource(`${name}-dcgm-monitor`, renderDcgmServiceMonitor(environment, monitoring), afterStack);
    }

    for (const pool of args.serverPools) {
      new k8s.apiextensions.CustomResource(`${name}-pool-${pool.name}-monitor`, renderPoolServiceMonitor(pool, environment, monitoring), afterStack);
    }
    const sloRules: Record<string, string> = {};
    for (const model of args.models) {
      const pool = args.serverPools.find((p) => p.name === model.serverPool)!;
      const rule = renderSloRule({ model, pool, environment });
      sloRules[model.name] = rule.metadata.name;
      new k8s.apiextensions.CustomResource(`${name}-model-${model.name}-slo`, rule, afterStack);
    }
    packDashboards(renderDashboards(environment, monitoring, args.models, args.serverPools)).forEach((shard, index) => {
      new k8s.core.v1.ConfigMap(`${name}-dashboards-${index}`, renderDashboardConfigMap(shard, index, environment, monitoring), { ...child, dependsOn: [this.namespace] });
    });

    this.urls = pulumi.output({
      prometheus: serviceUrl(KUBE_PROMETHEUS_STACK_SERVICES.prometheus, monitoring.namespace),
      alertmanager: serviceUrl(KUBE_PROMETHEUS_STACK_SERVICES.alertmanager, monitoring.namespace),
      grafana: serviceUrl(KUBE_PROMETHEUS_STACK_SERVICES.grafana, monitoring.namespace),
    });
    this.sloRules = pulumi.output(sloRules);
    this.registerOutputs({ urls: this.urls, sloRules: this.sloRules });
  }
}
