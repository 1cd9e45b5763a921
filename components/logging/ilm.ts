import { z } from "../zod";
import { LOGGING_DEFAULTS } from "../resolve/logging-defaults";
import { type ResolvedLogging } from "../resolve/types";

/**
 * The body of Elasticsearch's create-or-update lifecycle policy API (`PUT _ilm/policy/<name>`), as
 * far as inferstack uses it, checked before it reaches a ConfigMap. Shape from the API reference and
 * the ILM actions reference: a `policy` with optional `_meta` and `phases` hot, warm, cold, frozen and
 * delete, each with an optional `min_age` (a time value) and the actions that phase allows.
 * Durations use Elasticsearch time units, sizes its byte units. Unknown keys are refused: Elasticsearch
 * rejects them with `unknown field` (or an unknown action), so a typo would only surface at deploy.
 * @see https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-ilm-put-lifecycle
 * @see https://www.elastic.co/guide/en/elasticsearch/reference/current/ilm-index-lifecycle.html#ilm-phase-actions
 */

/** An Elasticsearch time value: `30d`, `12h`, `0ms`. */
const TIME_VALUE = /^\d+(d|h|m|s|ms|micros|nanos)$/;
/** An Elasticsearch byte size: `50gb`. */
const BYTE_SIZE = /^\d+(b|kb|mb|gb|tb|pb)$/;

/** Phases in the order an index passes through them. */
const PHASE_ORDER = ["hot", "warm", "cold", "frozen", "delete"] as const;
const TIME_UNIT_MILLISECONDS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1, micros: 0.001, nanos: 0.000001 };

const time = z.string().regex(TIME_VALUE, { error: (issue) => `must be an Elasticsearch time value such as "30d"; got ${JSON.stringify(issue.input)}` });
const bytes = z.string().regex(BYTE_SIZE, { error: (issue) => `must be an Elasticsearch byte size such as "50gb"; got ${JSON.stringify(issue.input)}` });
const count = z.int().min(1);
/** An action inferstack does not render: its options are left to Elasticsearch, its name is checked. */
const otherAction = z.record(z.string(), z.unknown());

/** Conditions of the rollover action; at least one `max_*` condition is required. */
const Rollover = z
  .strictObject({
    max_age: time.optional(),
    max_docs: count.optional(),
    max_size: bytes.optional(),
    max_primary_shard_size: bytes.optional(),
    max_primary_shard_docs: count.optional(),
    min_age: time.optional(),
    min_docs: count.optional(),
    min_size: bytes.optional(),
    min_primary_shard_size: bytes.optional(),
    min_primary_shard_docs: count.optional(),
  })
  .refine((r) => Object.keys(r).some((key) => key.startsWith("max_")), { error: "needs at least one max_* condition" });

const setPriority = z.strictObject({ priority: z.int().min(0).nullable() });

const phase = <A extends z.core.$ZodLooseShape>(actions: A) =>
  z.strictObject({ min_age: time.optional(), actions: z.strictObject(actions) });

export const IlmPolicyBody = z.strictObject({
  policy: z.strictObject({
    _meta: z.record(z.string(), z.unknown()).optional(),
    phases: z
      .strictObject({
        hot: phase({
          set_priority: setPriority.optional(),
          unfollow: otherAction.optional(),
          rollover: Rollover.optional(),
          readonly: otherAction.optional(),
          downsample: otherAction.optional(),
          shrink: otherAction.optional(),
          forcemerge: otherAction.optional(),
          searchable_snapshot: otherAction.optional(),
        }).optional(),
        warm: phase({
          set_priority: setPriority.optional(),
          unfollow: otherAction.optional(),
          readonly: otherAction.optional(),
          downsample: otherAction.optional(),
          allocate: otherAction.optional(),
          migrate: otherAction.optional(),
          shrink: otherAction.optional(),
          forcemerge: otherAction.optional(),
        }).optional(),
        cold: phase({
          set_priority: setPriority.optional(),
          unfollow: otherAction.optional(),
          readonly: otherAction.optional(),
          downsample: otherAction.optional(),
          searchable_snapshot: otherAction.optional(),
          allocate: otherAction.optional(),
          migrate: otherAction.optional(),
        }).optional(),
        frozen: phase({ unfollow: otherAction.optional(), searchable_snapshot: otherAction.optional() }).optional(),
        delete: phase({ wait_for_snapshot: otherAction.optional(), delete: z.strictObject({ delete_searchable_snapshot: z.boolean().optional() }).optional() }).optional(),
      })
      .refine((phases) => Object.keys(phases).length > 0, { error: "needs at least one phase" })
      .refine(phasesAscend, { error: "phases must not start before the phase that precedes them (min_age counts from rollover in every phase)" }),
  }),
});
export type IlmPolicyBody = z.infer<typeof IlmPolicyBody>;

/**
 * The lifecycle policy of the log data stream: roll the write index over daily (or at 50 GB per
 * primary shard), delete a backing index `retentionDays` after it rolled over.
 */
export function renderIlmPolicy(logging: ResolvedLogging): IlmPolicyBody {
  return {
    policy: {
      _meta: { description: `Container logs: kept ${logging.retentionDays} days after rollover.`, managed_by: "inferstack" },
      phases: {
        hot: {
          min_age: "0ms",
          actions: {
            rollover: {
              max_age: `${LOGGING_DEFAULTS.rolloverDays}d`,
              max_primary_shard_size: `${LOGGING_DEFAULTS.maxPrimaryShardSizeGb}gb`,
            },
          },
        },
        delete: { min_age: `${logging.retentionDays}d`, actions: { delete: {} } },
      },
    },
  };
}

/** Schema problems of an ILM policy body as `<path> <message>` lines; empty when valid. */
export function validateIlmPolicy(body: unknown): string[] {
  return zodErrors(IlmPolicyBody.safeParse(body));
}

/** Lines `<path> <message>` of a failed zod parse. */
export function zodErrors(result: { success: boolean; error?: z.ZodError }): string[] {
  if (result.success || !result.error) return [];
  return result.error.issues.map((issue) => `/${issue.path.map(String).join("/")} ${issue.message}`);
}

/**
 * Phases in policy order must not go back in time: Elasticsearch refuses a policy whose phase starts
 * before the previous one (`min_age` is measured from rollover for every phase).
 */
function phasesAscend(phases: Partial<Record<string, { min_age?: string | undefined } | undefined>>): boolean {
  // zod runs this refinement even when a min_age failed its own check: such a phase is left out here.
  const starts = PHASE_ORDER.flatMap((name) => {
    const found = phases[name];
    const start = found ? toMilliseconds(found.min_age ?? "0ms") : undefined;
    return start === undefined ? [] : [start];
  });
  return starts.every((start, i) => i === 0 || start >= starts[i - 1]!);
}

/** A time value in milliseconds; undefined when it is not one. */
function toMilliseconds(value: string): number | undefined {
  const match = /^(\d+)([a-z]+)$/.exec(value);
  const factor = match ? TIME_UNIT_MILLISECONDS[match[2]!] : undefined;
  return factor === undefined ? undefined : Number(match![1]) * factor;
}
