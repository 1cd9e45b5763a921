import { z } from "../zod";
import { positiveInt } from "./common";

/**
 * Elastic Stack versions the logging area renders for: 8.x and 9.x, which ECK 3.5 manages and whose
 * Filebeat reads container logs with the `filestream` input and writes data streams.
 */
export const STACK_VERSION = /^(8|9)\.\d+\.\d+$/;

/** Elasticsearch as the logging area runs it: the value of `inferstack:environment.logging.elasticsearch`. */
export const LoggingElasticsearchSpec = z.strictObject({
  /**
   * Elasticsearch nodes, every one master-eligible and holding data. prod needs at least 3 so that
   * losing one keeps a quorum; 2 is refused everywhere (losing either stops master election).
   * @default 1 in dev, 3 in staging and prod
   */
  nodes: positiveInt.optional(),
  /** Size of each node's data volume, in GiB. @default 10 in dev, 100 in staging, 300 in prod */
  storageGiB: positiveInt.optional(),
  /**
   * Keep each node's data on a persistent, encrypted volume (`elasticsearch-data` claim); otherwise on
   * an `emptyDir` that a pod restart empties. Required in prod.
   * @default false in dev, true in staging and prod
   */
  persistentStorage: z.boolean().optional(),
});
export type LoggingElasticsearchSpec = z.infer<typeof LoggingElasticsearchSpec>;

/**
 * Log collection and retention with Elasticsearch, Kibana and Filebeat through the ECK operator: the
 * value of `inferstack:environment.logging`. Every field is optional; defaults depend on the tier
 * (`components/resolve/logging-defaults.ts`).
 */
export const LoggingSpec = z.strictObject({
  /** Run Elasticsearch, Kibana and a log shipper on every node. @default false in dev, true in staging and prod */
  enabled: z.boolean().optional(),
  /**
   * Elastic Stack version of Elasticsearch, Kibana and Filebeat (one version for all three).
   * @default "9.4.3" (the version ECK 3.5.0's samples pin)
   */
  stackVersion: z
    .string()
    .regex(STACK_VERSION, {
      error: (issue) =>
        `must be an Elastic Stack version 8.x or 9.x such as "9.4.3"; got ${JSON.stringify(issue.input)}. Give major.minor.patch of a release ECK 3.5 manages.`,
    })
    .optional(),
  /** Days a log line is kept after its index rolls over; then its index is deleted. @default 3 in dev, 7 in staging, 30 in prod */
  retentionDays: positiveInt.optional(),
  /**
   * Expected volume of indexed logs per day, in GiB (primary copy, as Elasticsearch stores it). Used
   * only to check that `retentionDays` fits the volumes (see the sizing rule in the README).
   * @default 1 in dev, 5 in staging, 10 in prod
   */
  dailyIngestGiB: z
    .number()
    .positive({ error: (issue) => `must be more than 0 GiB a day; got ${JSON.stringify(issue.input)}. Estimate the indexed log volume per day.` })
    .optional(),
  elasticsearch: LoggingElasticsearchSpec.optional(),
});
export type LoggingSpec = z.infer<typeof LoggingSpec>;
