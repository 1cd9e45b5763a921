import { z } from "../zod";
import { LABELS } from "../labels";
import { LOGGING_DEFAULTS } from "../resolve/logging-defaults";
import { type ResolvedEnvironment, type ResolvedLogging, type ResolvedServerPool } from "../resolve/types";
import { zodErrors } from "./ilm";

/** Directory in the Filebeat container where the ILM policy ConfigMap is mounted. */
export const ILM_POLICY_DIR = "/usr/share/filebeat/ilm";
/** Key of the policy file in the ConfigMap (and file name under {@link ILM_POLICY_DIR}). */
export const ILM_POLICY_FILE = "policy.json";

/**
 * Fields every inference log line carries, copied from its pod's labels. Filebeat's Kubernetes
 * metadata "de-dots" label keys (`labels.dedot`, on by default): `inferstack.io/model` arrives as
 * `kubernetes.labels.inferstack_io/model`.
 */
export const ENRICHED_FIELDS = Object.freeze([
  { label: LABELS.model, field: "inferstack.model" },
  { label: LABELS.serverPool, field: "inferstack.server_pool" },
  { label: LABELS.environment, field: "inferstack.environment" },
] as const);

/** The event field Filebeat puts a pod label under. */
export function labelField(label: string): string {
  return `kubernetes.labels.${label.replace(/\./g, "_")}`;
}

/*
 * The Filebeat settings inferstack renders, typed and checked before they reach the Beat resource.
 * Strict objects: Filebeat ignores unknown settings silently, so a misspelt key would quietly turn a
 * feature off. Shapes from the Filebeat reference (9.x): Kubernetes autodiscover with hints and a
 * `filestream` default config with the `container` parser; the `copy_fields` and `add_fields`
 * processors and their `when` conditions; the `setup.ilm` and `setup.template` settings.
 * @see https://www.elastic.co/docs/reference/beats/filebeat/configuration-autodiscover
 * @see https://www.elastic.co/docs/reference/beats/filebeat/filebeat-input-filestream
 * @see https://www.elastic.co/docs/reference/beats/filebeat/copy-fields
 * @see https://www.elastic.co/docs/reference/beats/filebeat/add-fields
 * @see https://www.elastic.co/docs/reference/beats/filebeat/defining-processors#conditions
 * @see https://www.elastic.co/docs/reference/beats/filebeat/ilm
 */

const fieldName = z.string().regex(/^[A-Za-z0-9_@][A-Za-z0-9_./@-]*$/);
const equals = z.strictObject({ equals: z.record(fieldName, z.union([z.string(), z.number(), z.boolean()])) });
const hasFields = z.strictObject({ has_fields: z.array(fieldName).min(1) });
const condition = z.union([equals, hasFields, z.strictObject({ and: z.array(z.union([equals, hasFields])).min(2) })]);

const CopyFields = z.strictObject({
  copy_fields: z.strictObject({
    fields: z.array(z.strictObject({ from: fieldName, to: fieldName })).min(1),
    fail_on_error: z.boolean(),
    ignore_missing: z.boolean(),
    when: condition.optional(),
  }),
});
const AddFields = z.strictObject({
  add_fields: z.strictObject({ target: fieldName, fields: z.record(z.string(), z.unknown()), when: condition.optional() }),
});

const FilestreamDefaults = z.strictObject({
  type: z.literal("filestream"),
  /** Every filestream input needs a unique id, or Filebeat refuses to start it. */
  id: z.string().includes("${data.kubernetes.container.id}"),
  paths: z.array(z.string().startsWith("/var/log/containers/")).min(1),
  parsers: z.array(z.strictObject({ container: z.strictObject({}) })).length(1),
  prospector: z.strictObject({ scanner: z.strictObject({ symlinks: z.literal(true), fingerprint: z.strictObject({ enabled: z.boolean() }) }) }),
  file_identity: z.strictObject({ fingerprint: z.strictObject({}) }),
});

export const FilebeatConfig = z.strictObject({
  filebeat: z.strictObject({
    autodiscover: z.strictObject({
      providers: z
        .array(
          z.strictObject({
            type: z.literal("kubernetes"),
            /** Each DaemonSet pod watches its own node only. */
            node: z.literal("${NODE_NAME}"),
            hints: z.strictObject({ enabled: z.boolean(), default_config: FilestreamDefaults }),
          }),
        )
        .length(1),
    }),
  }),
  processors: z.array(z.union([CopyFields, AddFields])),
  setup: z.strictObject({
    ilm: z.strictObject({
      enabled: z.literal(true),
      policy_name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
      policy_file: z.string().startsWith("/"),
      overwrite: z.boolean(),
    }),
    template: z.strictObject({
      settings: z.strictObject({ index: z.strictObject({ number_of_shards: z.int().min(1), number_of_replicas: z.int().min(0) }) }),
    }),
  }),
});
export type FilebeatConfig = z.infer<typeof FilebeatConfig>;

/**
 * The Filebeat configuration of the log shipper. One `filestream` input per container, started by
 * Kubernetes autodiscover for the containers of the pod's own node (hints may turn one off or change
 * its parsing). Processors copy the model, server pool and environment labels of the pod into
 * `inferstack.*` fields; lines from a pool that serves several models (whose pods carry no model
 * label) also get `inferstack.models`, the list of models the pool serves. `setup.ilm` installs the
 * lifecycle policy from the mounted file at every start and overwrites an older one, so a retention
 * change takes effect with the rollout it causes. `output.elasticsearch` (hosts, user, CA) is filled
 * in by ECK from `elasticsearchRef`.
 *
 * `add_cloud_metadata` is left out: it reads the instance metadata service, which the nodes' hop
 * limit of 1 keeps from pods (RULES §5); node and zone arrive with the Kubernetes metadata.
 */
export function renderFilebeatConfig(environment: ResolvedEnvironment, logging: ResolvedLogging, serverPools: readonly ResolvedServerPool[]): FilebeatConfig {
  const containerId = "${data.kubernetes.container.id}";
  const serverPoolField = labelField(LABELS.serverPool);
  const sharedPools = serverPools.filter((pool) => pool.models.length > 1);
  return {
    filebeat: {
      autodiscover: {
        providers: [
          {
            type: "kubernetes",
            node: "${NODE_NAME}",
            hints: {
              enabled: true,
              default_config: {
                type: "filestream",
                id: `kubernetes-container-logs-\${data.kubernetes.pod.name}-${containerId}`,
                paths: [`/var/log/containers/*-${containerId}.log`],
                parsers: [{ container: {} }],
                prospector: { scanner: { symlinks: true, fingerprint: { enabled: true } } },
                file_identity: { fingerprint: {} },
              },
            },
          },
        ],
      },
    },
    processors: [
      {
        copy_fields: {
          fields: ENRICHED_FIELDS.map((f) => ({ from: labelField(f.label), to: f.field })),
          fail_on_error: false,
          ignore_missing: true,
          when: { has_fields: [serverPoolField] },
        },
      },
      ...sharedPools.map((pool) => ({
        add_fields: {
          target: "inferstack",
          fields: { models: [...pool.models] },
          when: { and: [{ equals: { "kubernetes.namespace": environment.namespace } }, { equals: { [serverPoolField]: pool.name } }] },
        },
      })),
    ],
    setup: {
      ilm: {
        enabled: true,
        policy_name: LOGGING_DEFAULTS.ilmPolicyName,
        policy_file: `${ILM_POLICY_DIR}/${ILM_POLICY_FILE}`,
        overwrite: true,
      },
      template: { settings: { index: { number_of_shards: 1, number_of_replicas: logging.elasticsearch.indexReplicas } } },
    },
  };
}

/** Schema problems of a Filebeat configuration as `<path> <message>` lines; empty when valid. */
export function validateFilebeatConfig(config: unknown): string[] {
  return zodErrors(FilebeatConfig.safeParse(config));
}
