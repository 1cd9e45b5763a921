import { z } from "../zod";
import { receiversFor } from "../resolve/monitoring";
import { type ResolvedEnvironment, type ResolvedMonitoring } from "../resolve/types";
import { SEVERITIES, type ReceiverKind, type Severity } from "../spec/observability";
import { minutes } from "./rules";

/** The receiver that drops what it gets (Watchdog, info alerts, severities nobody takes). */
export const NULL_RECEIVER = "null";

/** Name of the receiver of one severity in one environment, e.g. `prod-critical`. */
export function receiverName(environment: string, severity: Severity): string {
  return `${environment}-${severity}`;
}

/**
 * The Alertmanager configuration schema for what inferstack renders. Secret fields (Slack and webhook
 * URLs, the PagerDuty routing key) are typed by `secret`: `z.string()` for rendered text, or a schema
 * that also accepts Pulumi outputs inside the component.
 * @see https://prometheus.io/docs/alerting/latest/configuration/
 */
export function alertmanagerConfigSchema<S extends z.ZodType>(secret: S) {
  const matchers = z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]* (=|!=|=~|!~) ".*"$/)).min(1);
  const duration = z.string().regex(/^\d+[smh]$/);
  const route = z.strictObject({
    receiver: z.string().min(1),
    matchers,
    repeat_interval: duration.optional(),
    continue: z.literal(false).optional(),
  });
  return z.strictObject({
    global: z.strictObject({ resolve_timeout: duration }),
    route: z.strictObject({
      receiver: z.literal(NULL_RECEIVER),
      group_by: z.array(z.string()).min(1),
      group_wait: duration,
      group_interval: duration,
      repeat_interval: duration,
      routes: z.array(route),
    }),
    receivers: z.array(
      z.strictObject({
        name: z.string().min(1),
        pagerduty_configs: z
          .array(z.strictObject({ routing_key: secret, severity: z.string(), description: z.string(), send_resolved: z.boolean(), details: z.record(z.string(), z.string()) }))
          .optional(),
        slack_configs: z
          .array(z.strictObject({ api_url: secret, channel: z.string().optional(), send_resolved: z.boolean(), title: z.string(), text: z.string() }))
          .optional(),
        webhook_configs: z.array(z.strictObject({ url: secret, send_resolved: z.boolean(), max_alerts: z.int().min(0) })).optional(),
      }),
    ),
    inhibit_rules: z.array(z.strictObject({ source_matchers: matchers, target_matchers: matchers, equal: z.array(z.string()).min(1) })),
    templates: z.array(z.string()),
  });
}

/** A rendered Alertmanager configuration whose secret fields have type `S`. */
export type AlertmanagerConfig<S> = Omit<z.infer<ReturnType<typeof alertmanagerConfigSchema<z.ZodString>>>, "receivers"> & {
  readonly receivers: readonly ReceiverConfig<S>[];
};

/** One Alertmanager receiver with its integrations. */
export interface ReceiverConfig<S> {
  readonly name: string;
  readonly pagerduty_configs?: readonly { routing_key: S; severity: string; description: string; send_resolved: boolean; details: Record<string, string> }[];
  readonly slack_configs?: readonly { api_url: S; channel?: string; send_resolved: boolean; title: string; text: string }[];
  readonly webhook_configs?: readonly { url: S; send_resolved: boolean; max_alerts: number }[];
}

/** Receiver endpoints (the secret config values), by kind. */
export type ReceiverEndpoints<S> = Readonly<Partial<Record<ReceiverKind, S>>>;

const SLACK_TITLE = '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} {{ .CommonLabels.model }} ({{ .CommonLabels.environment }})';
const SLACK_TEXT = "{{ range .Alerts }}*{{ .Annotations.summary }}*\n{{ .Annotations.description }}\nRunbook: {{ .Annotations.runbook }}\n{{ end }}";
const PAGERDUTY_DESCRIPTION = "{{ .CommonAnnotations.summary }}";

/**
 * The Alertmanager configuration of an environment. Alerts are grouped per alert, environment and
 * model; each severity of this environment routes to one receiver holding every integration that
 * takes it (PagerDuty, Slack, webhook), with the tier's repeat interval; everything else (Watchdog,
 * info, severities no receiver takes) goes to the null receiver. A critical alert of a model inhibits
 * that model's warnings, so a breached objective pages once instead of paging and warning.
 * @param endpoints each receiver's endpoint (the secret values, or masks for a reviewable file)
 */
export function renderAlertmanagerConfig<S>(
  monitoring: ResolvedMonitoring,
  environment: ResolvedEnvironment,
  endpoints: ReceiverEndpoints<S>,
): AlertmanagerConfig<S> {
  const env = environment.stack;
  const { alerting } = monitoring;
  const receivers: ReceiverConfig<S>[] = [{ name: NULL_RECEIVER }];
  const routes: AlertmanagerConfig<S>["route"]["routes"] = [{ receiver: NULL_RECEIVER, matchers: ['alertname = "Watchdog"'] }];
  for (const severity of SEVERITIES) {
    const takers = receiversFor(monitoring, severity);
    if (takers.length === 0) continue;
    const name = receiverName(env, severity);
    const receiver: { -readonly [K in keyof ReceiverConfig<S>]: ReceiverConfig<S>[K] } = { name };
    for (const taker of takers) {
      const endpoint = endpoints[taker.kind];
      if (endpoint === undefined) throw new Error(`no endpoint for receiver ${taker.kind}; resolve guarantees its secret`);
      if (taker.kind === "pagerduty") {
        receiver.pagerduty_configs = [
          { routing_key: endpoint, severity, description: PAGERDUTY_DESCRIPTION, send_resolved: true, details: { model: "{{ .CommonLabels.model }}", environment: env, runbook: "{{ .CommonAnnotations.runbook }}" } },
        ];
      } else if (taker.kind === "slack") {
        receiver.slack_configs = [
          { api_url: endpoint, ...(taker.channel === undefined ? {} : { channel: taker.channel }), send_resolved: true, title: SLACK_TITLE, text: SLACK_TEXT },
        ];
      } else {
        receiver.webhook_configs = [{ url: endpoint, send_resolved: true, max_alerts: 0 }];
      }
    }
    receivers.push(receiver);
    routes.push({
      receiver: name,
      matchers: [`environment = "${env}"`, `severity = "${severity}"`],
      repeat_interval: minutes(alerting.repeatIntervalMinutes[severity]),
    });
  }
  return {
    global: { resolve_timeout: "5m" },
    route: {
      receiver: NULL_RECEIVER,
      group_by: ["alertname", "environment", "model"],
      group_wait: `${alerting.groupWaitSeconds}s`,
      group_interval: minutes(alerting.groupIntervalMinutes),
      repeat_interval: minutes(alerting.repeatIntervalMinutes.warning),
      routes,
    },
    receivers,
    inhibit_rules: [
      // inferstack's models: a critical alert silences the same model's warnings.
      { source_matchers: ['severity = "critical"', 'model =~ ".+"'], target_matchers: ['severity = "warning"', 'model =~ ".+"'], equal: ["environment", "model"] },
      // kube-prometheus-stack's cluster alerts, as the chart's default configuration inhibits them.
      { source_matchers: ['severity = "critical"'], target_matchers: ['severity =~ "warning|info"'], equal: ["namespace", "alertname"] },
      { source_matchers: ['alertname = "InfoInhibitor"'], target_matchers: ['severity = "info"'], equal: ["namespace"] },
    ],
    templates: ["/etc/alertmanager/config/*.tmpl"],
  };
}

/**
 * Stand-ins for the receivers' secrets in files written for review: valid where Alertmanager demands a
 * URL (so `amtool check-config` runs on the file), and visibly masked.
 */
export const MASKED_ENDPOINTS: Readonly<Record<ReceiverKind, string>> = Object.freeze({
  pagerduty: "[secret]",
  slack: "https://masked.invalid/[secret]",
  webhook: "https://masked.invalid/[secret]",
});
