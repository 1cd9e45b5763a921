import { z } from "../zod";
import { dnsLabel, positiveInt } from "./common";

/** Alert severities inferstack's rules emit; receivers choose which ones they get. */
export const SEVERITIES = ["critical", "warning"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Kinds of alert receivers. Each one's endpoint is a secret config value (see {@link RECEIVER_SECRET_KEYS}). */
export const RECEIVER_KINDS = ["pagerduty", "slack", "webhook"] as const;
export type ReceiverKind = (typeof RECEIVER_KINDS)[number];

/**
 * The secret config key (in the `inferstack:` namespace) that holds each receiver's endpoint. They are
 * secrets because whoever holds them can post to the channel or page the on-call engineer.
 */
export const RECEIVER_SECRET_KEYS: Readonly<Record<ReceiverKind, string>> = Object.freeze({
  pagerduty: "alertPagerdutyRoutingKey",
  slack: "alertSlackWebhookUrl",
  webhook: "alertWebhookUrl",
});

/** The secret config key holding Grafana's admin password (never a literal, never the chart's generated one). */
export const GRAFANA_ADMIN_PASSWORD_KEY = "grafanaAdminPassword";

/** What each receiver's secret holds, for error messages and `pulumi config set` hints. */
export const RECEIVER_SECRET_HINTS: Readonly<Record<ReceiverKind, string>> = Object.freeze({
  pagerduty: "<PagerDuty Events API v2 routing key>",
  slack: "<Slack incoming webhook URL>",
  webhook: "<https URL that accepts Alertmanager's webhook payload>",
});

const severities = z.array(z.enum(SEVERITIES)).min(1);

/** Prometheus (kube-prometheus-stack) sizing. */
export const PrometheusSpec = z.strictObject({
  /** Prometheus replicas, each scraping every target (HA pair). @default 1 in dev, 2 in staging and prod */
  replicas: positiveInt.optional(),
  /** How long samples are kept. @default 3 in dev, 7 in staging, 15 in prod */
  retentionDays: positiveInt.optional(),
  /** Size of each replica's persistent volume (encrypted gp3). @default 20 in dev, 50 in staging, 100 in prod */
  volumeSizeGiB: positiveInt.optional(),
  /**
   * Prometheus deletes the oldest blocks beyond this size, whatever their age. At most 90% of
   * `volumeSizeGiB` (compaction needs free space). @default 80% of volumeSizeGiB, rounded down
   */
  retentionSizeGiB: positiveInt.optional(),
});
export type PrometheusSpec = z.infer<typeof PrometheusSpec>;

/** Alertmanager sizing. */
export const AlertmanagerSpec = z.strictObject({
  /** Alertmanager replicas, gossiping to deduplicate notifications. @default 1 in dev, 3 in staging and prod */
  replicas: positiveInt.optional(),
  /** Volume for silences and the notification log. @default 2 in dev and staging, 5 in prod */
  volumeSizeGiB: positiveInt.optional(),
});
export type AlertmanagerSpec = z.infer<typeof AlertmanagerSpec>;

/**
 * Where alerts go. Each receiver listed here needs its secret config value (e.g.
 * `pulumi config set --secret inferstack:alertSlackWebhookUrl <url>`); alerts of a severity no
 * receiver takes are dropped.
 */
export const AlertingSpec = z.strictObject({
  /** PagerDuty (Events API v2). @default severities ["critical"] */
  pagerduty: z.strictObject({ severities: severities.optional() }).optional(),
  /** A Slack incoming webhook. @default severities ["critical", "warning"] */
  slack: z
    .strictObject({
      /** Channel to post to, overriding the webhook's own. @default the webhook's channel */
      channel: z
        .string()
        .regex(/^[#@][a-z0-9._-]{1,80}$/, {
          error: (issue) => `must be a Slack channel such as "#ml-alerts"; got ${JSON.stringify(issue.input)}. Start it with "#" (or "@" for a user).`,
        })
        .optional(),
      severities: severities.optional(),
    })
    .optional(),
  /** A generic webhook receiving Alertmanager's JSON payload. @default severities ["critical", "warning"] */
  webhook: z.strictObject({ severities: severities.optional() }).optional(),
});
export type AlertingSpec = z.infer<typeof AlertingSpec>;

/** Monitoring and alerting of an environment: `inferstack:environment.observability`. */
export const ObservabilitySpec = z.strictObject({
  /** Install Prometheus, Alertmanager, Grafana, the DCGM exporter and the per-model rules. @default true */
  enabled: z.boolean().optional(),
  /** Namespace of the monitoring stack. @default "monitoring" */
  namespace: dnsLabel("namespace").optional(),
  prometheus: PrometheusSpec.optional(),
  alertmanager: AlertmanagerSpec.optional(),
  alerting: AlertingSpec.optional(),
});
export type ObservabilitySpec = z.infer<typeof ObservabilitySpec>;
