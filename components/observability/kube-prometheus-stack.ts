import { z } from "../zod";
import { NODE_POOL_LABEL, SYSTEM_NODE_POOL } from "../compute/scheduling";
import { ENCRYPTED_STORAGE_CLASS } from "../kubernetes/storage";
import { LABELS } from "../labels";
import { type ResolvedEnvironment, type ResolvedMonitoring } from "../resolve/types";
import { alertmanagerConfigSchema, renderAlertmanagerConfig, type AlertmanagerConfig, type ReceiverEndpoints } from "./alertmanager";
import { OBSERVABILITY_CHARTS } from "./charts";

/** The Grafana sidecar loads ConfigMaps carrying this label (value {@link DASHBOARD_LABEL_VALUE}). */
export const DASHBOARD_LABEL = "grafana_dashboard";
export const DASHBOARD_LABEL_VALUE = "1";
/** Annotation naming the Grafana folder a dashboard ConfigMap goes into. */
export const DASHBOARD_FOLDER_ANNOTATION = "grafana_folder";

/** Keys of the Grafana admin Secret, as the Grafana chart's `admin.existingSecret` reads them. */
export const GRAFANA_ADMIN_SECRET = Object.freeze({ name: "grafana-admin-credentials", userKey: "admin-user", passwordKey: "admin-password", user: "admin" });

const quantity = z.string().regex(/^\d+(\.\d+)?(m|Mi|Gi)?$/);
const resources = z.strictObject({
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  limits: z.strictObject({ memory: quantity }),
});
const nodeSelector = z.strictObject({ [NODE_POOL_LABEL]: z.literal(SYSTEM_NODE_POOL) });
const volumeClaimTemplate = z.strictObject({
  spec: z.strictObject({
    storageClassName: z.literal(ENCRYPTED_STORAGE_CLASS),
    accessModes: z.tuple([z.literal("ReadWriteOnce")]),
    resources: z.strictObject({ requests: z.strictObject({ storage: z.string().regex(/^\d+Gi$/) }) }),
  }),
});
const podDisruptionBudget = z.strictObject({ enabled: z.boolean(), minAvailable: z.literal(1), unhealthyPodEvictionPolicy: z.literal("AlwaysAllow") });
const selectAll = z.strictObject({});

/**
 * The kube-prometheus-stack values inferstack sets, as a strict schema: a typo or a value the chart
 * would misread fails before the Release is created. `secret` types the Alertmanager receivers' secret
 * fields (plain strings for review files, Pulumi outputs inside the component).
 * @see https://github.com/prometheus-community/helm-charts/blob/main/charts/kube-prometheus-stack/values.yaml
 */
export function kubePrometheusStackValuesSchema<S extends z.ZodType>(secret: S) {
  return z.strictObject({
    fullnameOverride: z.literal(OBSERVABILITY_CHARTS.kubePrometheusStack.releaseName),
    crds: z.strictObject({ enabled: z.literal(true) }),
    defaultRules: z.strictObject({ create: z.boolean() }),
    prometheusOperator: z.strictObject({
      nodeSelector,
      resources,
      admissionWebhooks: z.strictObject({ patch: z.strictObject({ nodeSelector }) }),
    }),
    prometheus: z.strictObject({
      podDisruptionBudget,
      prometheusSpec: z.strictObject({
        replicas: z.int().min(1),
        retention: z.string().regex(/^\d+d$/),
        retentionSize: z.string().regex(/^\d+GiB$/),
        storageSpec: z.strictObject({ volumeClaimTemplate }),
        externalLabels: z.strictObject({ environment: z.string().min(1) }),
        serviceMonitorSelectorNilUsesHelmValues: z.literal(false),
        podMonitorSelectorNilUsesHelmValues: z.literal(false),
        ruleSelectorNilUsesHelmValues: z.literal(false),
        probeSelectorNilUsesHelmValues: z.literal(false),
        scrapeConfigSelectorNilUsesHelmValues: z.literal(false),
        serviceMonitorSelector: selectAll,
        serviceMonitorNamespaceSelector: selectAll,
        ruleSelector: selectAll,
        ruleNamespaceSelector: selectAll,
        nodeSelector,
        resources,
      }),
    }),
    alertmanager: z.strictObject({
      podDisruptionBudget,
      config: alertmanagerConfigSchema(secret),
      alertmanagerSpec: z.strictObject({
        replicas: z.int().min(1),
        storage: z.strictObject({ volumeClaimTemplate }),
        nodeSelector,
        resources,
      }),
    }),
    grafana: z.strictObject({
      admin: z.strictObject({
        existingSecret: z.literal(GRAFANA_ADMIN_SECRET.name),
        userKey: z.literal(GRAFANA_ADMIN_SECRET.userKey),
        passwordKey: z.literal(GRAFANA_ADMIN_SECRET.passwordKey),
      }),
      "grafana.ini": z.strictObject({
        "auth.anonymous": z.strictObject({ enabled: z.literal(false) }),
        security: z.strictObject({
          cookie_secure: z.literal(true),
          cookie_samesite: z.enum(["lax", "strict"]),
          strict_transport_security: z.literal(true),
          disable_gravatar: z.literal(true),
          allow_embedding: z.literal(false),
        }),
        users: z.strictObject({ allow_sign_up: z.literal(false) }),
        analytics: z.strictObject({ reporting_enabled: z.literal(false), check_for_updates: z.literal(false) }),
      }),
      sidecar: z.strictObject({
        dashboards: z.strictObject({
          enabled: z.literal(true),
          label: z.literal(DASHBOARD_LABEL),
          labelValue: z.literal(DASHBOARD_LABEL_VALUE),
          searchNamespace: z.string().min(1),
          folderAnnotation: z.literal(DASHBOARD_FOLDER_ANNOTATION),
          provider: z.strictObject({ foldersFromFilesStructure: z.literal(true) }),
        }),
      }),
      nodeSelector,
      resources,
    }),
    "kube-state-metrics": z.strictObject({ metricLabelsAllowlist: z.array(z.string()).min(1), nodeSelector, resources }),
    "prometheus-node-exporter": z.strictObject({ resources }),
  });
}

/** kube-prometheus-stack values, with the receivers' secrets of type `S`. */
export type KubePrometheusStackValues<S> = Omit<z.infer<ReturnType<typeof kubePrometheusStackValuesSchema<z.ZodString>>>, "alertmanager"> & {
  readonly alertmanager: Omit<z.infer<ReturnType<typeof kubePrometheusStackValuesSchema<z.ZodString>>>["alertmanager"], "config"> & {
    readonly config: AlertmanagerConfig<S>;
  };
};

/** Everything the kube-prometheus-stack values are rendered from. */
export interface KubePrometheusStackInput<S> {
  readonly environment: ResolvedEnvironment;
  readonly monitoring: ResolvedMonitoring;
  /** The alert receivers' endpoints (secret values, or masks). */
  readonly endpoints: ReceiverEndpoints<S>;
}

const gi = (value: number) => `${value}Gi`;

/**
 * kube-prometheus-stack values for an environment: persistent encrypted volumes (OBS-01), explicit
 * retention and retention size below the volume (OBS-02), the tier's replicas with disruption budgets
 * when replicated (OBS-03/04), selectors that take every ServiceMonitor and PrometheusRule of the
 * cluster (so inferstack's, labelled without `release`, are loaded), the environment as an external
 * label on every alert, Grafana's admin credentials from an existing Secret with anonymous access off
 * and secure cookies (OBS-06/07), the dashboard sidecar on, and everything on the system nodes.
 */
export function renderKubePrometheusStackValues<S>(input: KubePrometheusStackInput<S>): KubePrometheusStackValues<S> {
  const { environment, monitoring } = input;
  const onSystem = { [NODE_POOL_LABEL]: SYSTEM_NODE_POOL } as { [NODE_POOL_LABEL]: typeof SYSTEM_NODE_POOL };
  const claim = (sizeGiB: number) => ({
    spec: { storageClassName: ENCRYPTED_STORAGE_CLASS as typeof ENCRYPTED_STORAGE_CLASS, accessModes: ["ReadWriteOnce"] as ["ReadWriteOnce"], resources: { requests: { storage: gi(sizeGiB) } } },
  });
  const pdb = (replicas: number) => ({ enabled: replicas > 1, minAvailable: 1 as const, unhealthyPodEvictionPolicy: "AlwaysAllow" as const });
  const small = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } };
  const { prometheus, alertmanager } = monitoring;
  return {
    fullnameOverride: OBSERVABILITY_CHARTS.kubePrometheusStack.releaseName,
    crds: { enabled: true },
    defaultRules: { create: true },
    prometheusOperator: { nodeSelector: onSystem, resources: small, admissionWebhooks: { patch: { nodeSelector: onSystem } } },
    prometheus: {
      podDisruptionBudget: pdb(prometheus.replicas),
      prometheusSpec: {
        replicas: prometheus.replicas,
        retention: `${prometheus.retentionDays}d`,
        retentionSize: `${prometheus.retentionSizeGiB}GiB`,
        storageSpec: { volumeClaimTemplate: claim(prometheus.volumeSizeGiB) },
        externalLabels: { environment: environment.stack },
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
        serviceMonitorSelector: {},
        serviceMonitorNamespaceSelector: {},
        ruleSelector: {},
        ruleNamespaceSelector: {},
        nodeSelector: onSystem,
        resources: {
          requests: { cpu: prometheus.resources.cpu, memory: prometheus.resources.memory },
          limits: { memory: prometheus.resources.memoryLimit },
        },
      },
    },
    alertmanager: {
      podDisruptionBudget: pdb(alertmanager.replicas),
      config: renderAlertmanagerConfig(monitoring, environment, input.endpoints),
      alertmanagerSpec: {
        replicas: alertmanager.replicas,
        storage: { volumeClaimTemplate: claim(alertmanager.volumeSizeGiB) },
        nodeSelector: onSystem,
        resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } },
      },
    },
    grafana: {
      admin: { existingSecret: GRAFANA_ADMIN_SECRET.name, userKey: GRAFANA_ADMIN_SECRET.userKey, passwordKey: GRAFANA_ADMIN_SECRET.passwordKey },
      "grafana.ini": {
        "auth.anonymous": { enabled: false },
        security: { cookie_secure: true, cookie_samesite: "strict", strict_transport_security: true, disable_gravatar: true, allow_embedding: false },
        users: { allow_sign_up: false },
        analytics: { reporting_enabled: false, check_for_updates: false },
      },
      sidecar: {
        dashboards: {
          enabled: true,
          label: DASHBOARD_LABEL,
          labelValue: DASHBOARD_LABEL_VALUE,
          searchNamespace: monitoring.namespace,
          folderAnnotation: DASHBOARD_FOLDER_ANNOTATION,
          provider: { foldersFromFilesStructure: true },
        },
      },
      nodeSelector: onSystem,
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
    },
    // The SLO rules tie pods to server pools through this pod label (kube_pod_labels).
    "kube-state-metrics": { metricLabelsAllowlist: [`pods=[${LABELS.serverPool}]`], nodeSelector: onSystem, resources: small },
    "prometheus-node-exporter": { resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } } },
  };
}
