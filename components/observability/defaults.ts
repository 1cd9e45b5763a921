import { PLATFORM_DEFAULTS } from "../resolve/defaults";
import { type Tier } from "../spec/environment";
import { type ReceiverKind, type Severity } from "../spec/observability";

/** Monitoring defaults that differ by environment tier. */
export interface MonitoringTierDefaults {
  readonly prometheusReplicas: number;
  readonly retentionDays: number;
  readonly prometheusVolumeSizeGiB: number;
  readonly alertmanagerReplicas: number;
  readonly alertmanagerVolumeSizeGiB: number;
  /** prometheus-adapter replicas: the HPAs' custom metrics API must survive a node drain in prod. */
  readonly adapterReplicas: number;
  /** How often a still-firing alert is sent again, per severity. */
  readonly repeatIntervalMinutes: Readonly<Record<Severity, number>>;
  /** Prometheus container requests and memory limit. */
  readonly prometheusResources: { readonly cpu: string; readonly memory: string; readonly memoryLimit: string };
}

/**
 * Every tier-dependent monitoring default, in one place. dev keeps a few days on one replica; staging
 * has prod's shape (two Prometheus, three Alertmanager replicas with disruption budgets, OBS-03/04)
 * at lower retention; prod keeps two weeks and re-pages hourly.
 */
export const MONITORING_TIER_DEFAULTS: Readonly<Record<Tier, MonitoringTierDefaults>> = Object.freeze({
  dev: Object.freeze({
    prometheusReplicas: 1,
    retentionDays: 3,
    prometheusVolumeSizeGiB: 20,
    alertmanagerReplicas: 1,
    alertmanagerVolumeSizeGiB: 2,
    adapterReplicas: 1,
    repeatIntervalMinutes: Object.freeze({ critical: 240, warning: 1440 }),
    prometheusResources: Object.freeze({ cpu: "250m", memory: "1Gi", memoryLimit: "2Gi" }),
  }),
  staging: Object.freeze({
    prometheusReplicas: 2,
    retentionDays: 7,
    prometheusVolumeSizeGiB: 50,
    alertmanagerReplicas: 3,
    alertmanagerVolumeSizeGiB: 2,
    adapterReplicas: 2,
    repeatIntervalMinutes: Object.freeze({ critical: 120, warning: 720 }),
    prometheusResources: Object.freeze({ cpu: "500m", memory: "2Gi", memoryLimit: "4Gi" }),
  }),
  prod: Object.freeze({
    prometheusReplicas: 2,
    retentionDays: 15,
    prometheusVolumeSizeGiB: 100,
    alertmanagerReplicas: 3,
    alertmanagerVolumeSizeGiB: 5,
    adapterReplicas: 2,
    repeatIntervalMinutes: Object.freeze({ critical: 60, warning: 720 }),
    prometheusResources: Object.freeze({ cpu: "1", memory: "4Gi", memoryLimit: "8Gi" }),
  }),
} satisfies Record<Tier, MonitoringTierDefaults>);

/** Monitoring defaults that do not depend on the tier. */
export const MONITORING_DEFAULTS = Object.freeze({
  namespace: "monitoring",
  /** Default `retentionSizeGiB` as a share of the volume. */
  retentionSizeRatio: 0.8,
  /**
   * Largest `retentionSizeGiB` as a share of the volume: compaction writes a new block before it
   * deletes the old ones, so a volume filled to its retention size would run out of space.
   */
  maxRetentionSizeRatio: 0.9,
  /** Severities each receiver takes when the spec does not list them: only critical alerts page. */
  receiverSeverities: Object.freeze({
    pagerduty: Object.freeze(["critical"]),
    slack: Object.freeze(["critical", "warning"]),
    webhook: Object.freeze(["critical", "warning"]),
  } satisfies Record<ReceiverKind, readonly Severity[]>) as Readonly<Record<ReceiverKind, readonly Severity[]>>,
  /** Alertmanager waits this long to batch the first alerts of a group. */
  groupWaitSeconds: 30,
  /** ...and this long before notifying about new alerts added to a group. */
  groupIntervalMinutes: 5,
  /** Scrape interval of the serving pools' metrics. */
  scrapeIntervalSeconds: 15,
});

/**
 * Thresholds and durations of the per-model alerts. The objectives themselves (latency, error ratio)
 * come from each model's `slo`; these are the platform's own limits.
 */
export const ALERT_DEFAULTS = Object.freeze({
  /** Queue time is "rising" once it takes this share of the latency objective. */
  queueShareOfObjective: 0.5,
  /**
   * GPU memory use above this ratio leaves less headroom than resolve reserves when it places
   * models (PLATFORM_DEFAULTS.gpuMemoryHeadroomRatio, 10%).
   */
  gpuMemoryUsedRatio: 1 - PLATFORM_DEFAULTS.gpuMemoryHeadroomRatio,
  /** Average GPU utilization above this ratio means the pool needs more replicas. */
  gpuSaturationRatio: 0.95,
  /** How long each condition must hold before the alert fires, minutes. */
  forMinutes: Object.freeze({
    latency: 10,
    errorRatio: 5,
    queue: 10,
    notReady: 5,
    absent: 10,
    gpuMemory: 15,
    gpuSaturation: 30,
  }),
});
