import { type EnvironmentSpec } from "../spec/environment";
import { problemAt, type Origin } from "../spec/issues";
import { formatGiB, type Problem } from "../spec/problems";
import { LOGGING_DEFAULTS, LOGGING_TIER_DEFAULTS } from "./logging-defaults";
import { type ResolvedEnvironment, type ResolvedLogging } from "./types";

/** What the sizing rule reads. */
export interface SizingInput {
  readonly dailyIngestGiB: number;
  readonly retentionDays: number;
  readonly nodes: number;
  readonly storageGiB: number;
  /** Replica shards per primary (0 or 1). */
  readonly indexReplicas: number;
}

/** What the sizing rule gives: the disk retention needs and the disk the volumes offer. */
export interface Sizing {
  readonly neededGiB: number;
  readonly usableGiB: number;
  /** Longest retention the volumes hold (may be below 1: then no retention fits). */
  readonly maxRetentionDays: number;
  /** Smallest per-node volume that holds the retention. */
  readonly minStorageGiB: number;
}

/**
 * The logging sizing rule. Every day adds `dailyIngestGiB` of primary data, stored `1 + replicas`
 * times; an index is deleted `retentionDays` after it rolls over and rolls over after at most
 * `rolloverDays`, so the cluster holds `retentionDays + rolloverDays` days of it. Elasticsearch stops
 * placing shards on a node above its low disk watermark (85%), so the volumes offer
 * `nodes × storageGiB × 0.85`. Retention fits when what it needs is no more than that.
 */
export function loggingSizing(input: SizingInput): Sizing {
  const copies = 1 + input.indexReplicas;
  const { rolloverDays, diskWatermarkRatio } = LOGGING_DEFAULTS;
  const neededGiB = round(input.dailyIngestGiB * copies * (input.retentionDays + rolloverDays));
  const usableGiB = round(input.nodes * input.storageGiB * diskWatermarkRatio);
  return {
    neededGiB,
    usableGiB,
    maxRetentionDays: Math.floor(round(usableGiB / (input.dailyIngestGiB * copies))) - rolloverDays,
    minStorageGiB: Math.ceil(round(neededGiB / (input.nodes * diskWatermarkRatio))),
  };
}

/**
 * Applies the logging defaults of the environment's tier and checks what needs more than one field:
 * persistent storage in prod, a node count that keeps a quorum, and a retention the volumes can hold.
 * Returns no logging when it is switched off (and then checks nothing).
 */
export function resolveLogging(
  spec: EnvironmentSpec["logging"],
  environment: ResolvedEnvironment,
  origin: Origin,
): { logging?: ResolvedLogging; problems: Problem[] } {
  if (!environment.logging.enabled) return { problems: [] };
  const problems: Problem[] = [];
  const tier = LOGGING_TIER_DEFAULTS[environment.tier];
  const at = (...path: string[]) => ["logging", ...path];

  const persistentStorage = spec?.elasticsearch?.persistentStorage ?? tier.persistentStorage;
  if (!persistentStorage && tier.requirePersistentStorage) {
    problems.push(
      problemAt(
        origin,
        at("elasticsearch", "persistentStorage"),
        `${environment.tier} keeps its logs on persistent encrypted volumes so that a restarted or rescheduled Elasticsearch node keeps its data; got false. Remove persistentStorage or set it to true.`,
      ),
    );
  }

  const nodes = spec?.elasticsearch?.nodes ?? tier.nodes;
  if (nodes < tier.minNodes) {
    problems.push(
      problemAt(
        origin,
        at("elasticsearch", "nodes"),
        `${environment.tier} needs at least ${tier.minNodes} master-eligible Elasticsearch nodes so that losing one keeps a quorum; got ${nodes}. Set nodes to ${tier.minNodes} or more.`,
      ),
    );
  } else if (nodes === 2) {
    problems.push(
      problemAt(
        origin,
        at("elasticsearch", "nodes"),
        `two master-eligible Elasticsearch nodes cannot elect a master once either is lost; got 2. Use 1 node (no fault tolerance) or 3.`,
      ),
    );
  }

  const retentionDays = spec?.retentionDays ?? tier.retentionDays;
  const dailyIngestGiB = spec?.dailyIngestGiB ?? tier.dailyIngestGiB;
  const storageGiB = spec?.elasticsearch?.storageGiB ?? tier.storageGiB;
  const indexReplicas = nodes > 1 ? 1 : 0;
  const sizing = loggingSizing({ dailyIngestGiB, retentionDays, nodes, storageGiB, indexReplicas });
  if (sizing.neededGiB > sizing.usableGiB) {
    problems.push(problemAt(origin, at("retentionDays"), retentionMessage({ dailyIngestGiB, retentionDays, nodes, storageGiB, indexReplicas }, sizing)));
  }

  if (problems.length > 0) return { problems };
  return {
    logging: {
      stackVersion: spec?.stackVersion ?? LOGGING_DEFAULTS.stackVersion,
      namespace: LOGGING_DEFAULTS.namespace,
      name: LOGGING_DEFAULTS.name,
      retentionDays,
      dailyIngestGiB,
      elasticsearch: {
        nodes,
        storageGiB,
        persistentStorage,
        indexReplicas,
        spreadAcrossZones: environment.spreadAcrossZones && nodes > 1,
        resources: tier.elasticsearchResources,
      },
      kibana: { replicas: tier.kibanaReplicas, resources: tier.kibanaResources },
      sizing: { neededGiB: sizing.neededGiB, usableGiB: sizing.usableGiB },
    },
    problems,
  };
}

function retentionMessage(input: SizingInput, sizing: Sizing): string {
  const copies = 1 + input.indexReplicas;
  const days = input.retentionDays + LOGGING_DEFAULTS.rolloverDays;
  const watermark = `${Math.round(LOGGING_DEFAULTS.diskWatermarkRatio * 100)}%`;
  const fix =
    sizing.maxRetentionDays >= 1
      ? `Lower retentionDays to ${sizing.maxRetentionDays}, raise elasticsearch.storageGiB to ${sizing.minStorageGiB}, or lower dailyIngestGiB.`
      : `Raise elasticsearch.storageGiB to ${sizing.minStorageGiB} or lower dailyIngestGiB.`;
  return (
    `keeping ${input.retentionDays} days needs ${formatGiB(sizing.neededGiB)} GiB ` +
    `(${formatGiB(input.dailyIngestGiB)} GiB a day × ${copies === 1 ? "1 copy" : `${copies} copies`} × ${days} days, counting the day before rollover) ` +
    `but the volumes (${input.nodes} × ${input.storageGiB} GiB) offer ${formatGiB(sizing.usableGiB)} GiB below Elasticsearch's ${watermark} disk watermark; ` +
    `got ${input.retentionDays}. ${fix}`
  );
}

/** Rounds away binary noise (0.85 × 300 = 254.99999999999997) to 6 decimals. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
