import { type Tier } from "../spec/environment";
import { type ResolvedContainerResources } from "./types";

/** Requests and limits of one container, in Kubernetes quantity strings. */
export type ContainerResources = ResolvedContainerResources;

/** Logging defaults that differ by environment tier. */
export interface LoggingTierDefaults {
  readonly retentionDays: number;
  readonly dailyIngestGiB: number;
  /** Elasticsearch nodes (each master-eligible and holding data). */
  readonly nodes: number;
  /** Fewest Elasticsearch nodes the tier accepts (prod: a quorum that survives one loss). */
  readonly minNodes: number;
  readonly storageGiB: number;
  readonly persistentStorage: boolean;
  /** Refuse an enabled logging stack whose data lives on `emptyDir`. */
  readonly requirePersistentStorage: boolean;
  readonly kibanaReplicas: number;
  readonly elasticsearchResources: ContainerResources;
  readonly kibanaResources: ContainerResources;
}

/**
 * Every tier-dependent logging default. dev runs one small node on an `emptyDir` and keeps three
 * days; staging mirrors prod's shape (three nodes over zones, persistent volumes) for a week; prod
 * keeps thirty days on three nodes spread over zones with two Kibana replicas.
 *
 * Memory limit equals the request (RULES K-REL-01); Elasticsearch sizes its heap from the container
 * memory (half of it) since 7.11, so the request is the knob.
 */
export const LOGGING_TIER_DEFAULTS: Readonly<Record<Tier, LoggingTierDefaults>> = Object.freeze({
  dev: Object.freeze({
    retentionDays: 3,
    dailyIngestGiB: 1,
    nodes: 1,
    minNodes: 1,
    storageGiB: 10,
    persistentStorage: false,
    requirePersistentStorage: false,
    kibanaReplicas: 1,
    elasticsearchResources: Object.freeze({ requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } }),
    kibanaResources: Object.freeze({ requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }),
  }),
  staging: Object.freeze({
    retentionDays: 7,
    dailyIngestGiB: 5,
    nodes: 3,
    minNodes: 1,
    storageGiB: 100,
    persistentStorage: true,
    requirePersistentStorage: false,
    kibanaReplicas: 1,
    elasticsearchResources: Object.freeze({ requests: { cpu: "1", memory: "4Gi" }, limits: { cpu: "2", memory: "4Gi" } }),
    kibanaResources: Object.freeze({ requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }),
  }),
  prod: Object.freeze({
    retentionDays: 30,
    dailyIngestGiB: 10,
    nodes: 3,
    minNodes: 3,
    storageGiB: 300,
    persistentStorage: true,
    requirePersistentStorage: true,
    kibanaReplicas: 2,
    elasticsearchResources: Object.freeze({ requests: { cpu: "2", memory: "8Gi" }, limits: { cpu: "4", memory: "8Gi" } }),
    kibanaResources: Object.freeze({ requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } }),
  }),
} satisfies Record<Tier, LoggingTierDefaults>);

/** Logging defaults that do not depend on the tier. */
export const LOGGING_DEFAULTS = Object.freeze({
  /** Elastic Stack version of Elasticsearch, Kibana and Filebeat: the one ECK 3.5.0's samples pin (FACTS §5). */
  stackVersion: "9.4.3",
  /** Namespace of Elasticsearch, Kibana and Filebeat (Pod Security `privileged` for Filebeat's host mounts). */
  namespace: "logging",
  /**
   * Name of the Elasticsearch, Kibana and Beat resources. ECK derives the Services from it:
   * `logs-es-http` (9200) and `logs-kb-http` (5601).
   */
  name: "logs",
  /** ServiceAccount of the Filebeat pods (reads pod and node metadata for autodiscover). */
  shipperServiceAccount: "filebeat",
  /** ConfigMap holding the ILM policy file Filebeat installs at start. */
  ilmConfigMap: "filebeat-ilm-policy",
  /** Name of the index lifecycle policy Filebeat installs and attaches to its data stream. */
  ilmPolicyName: "inferstack-logs",
  /**
   * Hot-phase rollover: a new backing index every day, or earlier when a primary shard reaches 50 GB
   * (Elastic's recommended shard size). The delete phase counts from rollover, so a line lives at
   * most `retentionDays + rolloverDays`.
   */
  rolloverDays: 1,
  maxPrimaryShardSizeGb: 50,
  /**
   * Share of a data volume Elasticsearch fills before it stops allocating shards to the node: the
   * low disk watermark, 85% by default.
   * @see https://www.elastic.co/guide/en/elasticsearch/reference/current/modules-cluster.html#disk-based-shard-allocation
   */
  diskWatermarkRatio: 0.85,
  shipperResources: Object.freeze({ requests: { cpu: "100m", memory: "300Mi" }, limits: { cpu: "500m", memory: "300Mi" } }) satisfies ContainerResources,
  operatorResources: Object.freeze({ requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "256Mi" } }) satisfies ContainerResources,
});

/**
 * The pinned ECK operator chart. `elastic/eck-operator` 3.5.0 is the chart at tag v3.5.0 of
 * elastic/cloud-on-k8s (`deploy/eck-operator/Chart.yaml`, 2026-07-24), checked 2026-08 (FACTS §5). It
 * installs the operator and the CRDs of Elasticsearch, Kibana and Beat. A version change is a
 * reviewed change here.
 */
export const ECK_CHART = Object.freeze({
  chart: "eck-operator",
  version: "3.5.0",
  repository: "https://helm.elastic.co",
  /** Helm release name (the chart's own `fullnameOverride` default). */
  name: "elastic-operator",
  /** Namespace the operator runs in. */
  namespace: "elastic-system",
});
