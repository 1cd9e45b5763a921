import { MONITORING_DEFAULTS, MONITORING_TIER_DEFAULTS } from "../observability/defaults";
import { type EnvironmentSpec } from "../spec/environment";
import { problemAt, type Origin } from "../spec/issues";
import {
  GRAFANA_ADMIN_PASSWORD_KEY,
  RECEIVER_KINDS,
  RECEIVER_SECRET_HINTS,
  RECEIVER_SECRET_KEYS,
  SEVERITIES,
  type Severity,
} from "../spec/observability";
import { type Problem } from "../spec/problems";
import { CONFIG_NAMESPACE } from "../spec/stack";
import { type ResolvedEnvironment, type ResolvedMonitoring, type ResolvedReceiver } from "./types";

/**
 * Applies the tier's monitoring defaults and checks what needs more than one field: every receiver
 * has its secret, Grafana has its admin password and the retention size fits the volume. Returns no
 * monitoring when observability is disabled.
 */
export function resolveMonitoring(
  spec: EnvironmentSpec,
  environment: ResolvedEnvironment,
  secretKeys: ReadonlySet<string>,
  origin: Origin,
): { monitoring?: ResolvedMonitoring; problems: Problem[] } {
  if (!environment.observability.enabled) return { problems: [] };
  const problems: Problem[] = [];
  const observability = spec.observability ?? {};
  const tier = MONITORING_TIER_DEFAULTS[environment.tier];
  const setSecret = (key: string) => `pulumi config set --secret ${CONFIG_NAMESPACE}:${key}`;

  if (!secretKeys.has(GRAFANA_ADMIN_PASSWORD_KEY)) {
    problems.push(
      problemAt(
        origin,
        ["observability"],
        `Grafana needs an admin password; got no ${CONFIG_NAMESPACE}:${GRAFANA_ADMIN_PASSWORD_KEY} secret. Run: ${setSecret(GRAFANA_ADMIN_PASSWORD_KEY)} <password> --stack ${environment.stack}.`,
      ),
    );
  }

  const volumeSizeGiB = observability.prometheus?.volumeSizeGiB ?? tier.prometheusVolumeSizeGiB;
  const maxRetentionSizeGiB = Math.floor(volumeSizeGiB * MONITORING_DEFAULTS.maxRetentionSizeRatio);
  const retentionSizeGiB = observability.prometheus?.retentionSizeGiB ?? Math.max(1, Math.floor(volumeSizeGiB * MONITORING_DEFAULTS.retentionSizeRatio));
  if (retentionSizeGiB > maxRetentionSizeGiB) {
    const freePercent = Math.round((1 - MONITORING_DEFAULTS.maxRetentionSizeRatio) * 100);
    problems.push(
      problemAt(
        origin,
        ["observability", "prometheus", observability.prometheus?.retentionSizeGiB === undefined ? "volumeSizeGiB" : "retentionSizeGiB"],
        `retention size must leave ${freePercent}% of the ${volumeSizeGiB} GiB volume free for compaction, so at most ${maxRetentionSizeGiB} GiB; got ${retentionSizeGiB}. Lower prometheus.retentionSizeGiB or raise prometheus.volumeSizeGiB.`,
      ),
    );
  }

  const receivers: ResolvedReceiver[] = [];
  for (const kind of RECEIVER_KINDS) {
    const receiver = observability.alerting?.[kind];
    if (receiver === undefined) continue;
    const secretKey = RECEIVER_SECRET_KEYS[kind];
    if (!secretKeys.has(secretKey)) {
      problems.push(
        problemAt(
          origin,
          ["observability", "alerting", kind],
          `receiver "${kind}" needs its endpoint; got no ${CONFIG_NAMESPACE}:${secretKey} secret. Run: ${setSecret(secretKey)} ${RECEIVER_SECRET_HINTS[kind]} --stack ${environment.stack}, or remove the receiver.`,
        ),
      );
    }
    const severities = receiver.severities ?? MONITORING_DEFAULTS.receiverSeverities[kind];
    receivers.push({
      kind,
      secretKey,
      severities: SEVERITIES.filter((s) => severities.includes(s)),
      ...("channel" in receiver && receiver.channel !== undefined ? { channel: receiver.channel } : {}),
    });
  }
  if (problems.length > 0) return { problems };
  return {
    monitoring: {
      namespace: observability.namespace ?? MONITORING_DEFAULTS.namespace,
      prometheus: {
        replicas: observability.prometheus?.replicas ?? tier.prometheusReplicas,
        retentionDays: observability.prometheus?.retentionDays ?? tier.retentionDays,
        retentionSizeGiB,
        volumeSizeGiB,
        resources: tier.prometheusResources,
      },
      alertmanager: {
        replicas: observability.alertmanager?.replicas ?? tier.alertmanagerReplicas,
        volumeSizeGiB: observability.alertmanager?.volumeSizeGiB ?? tier.alertmanagerVolumeSizeGiB,
      },
      adapterReplicas: tier.adapterReplicas,
      grafanaAdminPasswordKey: GRAFANA_ADMIN_PASSWORD_KEY,
      alerting: {
        receivers,
        groupWaitSeconds: MONITORING_DEFAULTS.groupWaitSeconds,
        groupIntervalMinutes: MONITORING_DEFAULTS.groupIntervalMinutes,
        repeatIntervalMinutes: tier.repeatIntervalMinutes,
      },
      gpuNodePools: environment.nodePools.filter((p) => p.gpu).map((p) => p.name),
      scrapeIntervalSeconds: MONITORING_DEFAULTS.scrapeIntervalSeconds,
    },
    problems,
  };
}

/** The secret config keys a monitoring setup reads: Grafana's password and every receiver's endpoint. */
export function monitoringSecretKeys(monitoring: ResolvedMonitoring): string[] {
  return [monitoring.grafanaAdminPasswordKey, ...monitoring.alerting.receivers.map((r) => r.secretKey)];
}

/** Receivers that take alerts of `severity`. */
export function receiversFor(monitoring: ResolvedMonitoring, severity: Severity): ResolvedReceiver[] {
  return monitoring.alerting.receivers.filter((r) => r.severities.includes(severity));
}
