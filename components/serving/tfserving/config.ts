import { RUNTIME_FACTS } from "../../runtimes";
import { type ResolvedModel, type ResolvedServerPool } from "../../resolve/types";
import { SERVING_SETTINGS } from "../settings";
import { writePbtxt, type PbField } from "../pbtxt";
import { versionPolicy } from "../triton/model-config";

/** File names of a TF Serving pool's config, inside its ConfigMap and `SERVING_SETTINGS.tfConfigDir`. */
export const TF_CONFIG_FILES = Object.freeze({
  models: "models.config",
  batching: "batching.config",
  monitoring: "monitoring.config",
});

/**
 * Renders TF Serving's model config list (`ModelServerConfig` text format): per model its name, the
 * local base path the init container syncs into, platform `tensorflow`, version policy and labels.
 * @see https://github.com/tensorflow/serving/blob/master/tensorflow_serving/g3doc/serving_config.md
 */
export function renderTfModelConfigList(models: readonly ResolvedModel[]): string {
  const configs: PbField[] = models.map((model) => [
    "config",
    [
      ["name", model.name],
      ["base_path", `${SERVING_SETTINGS.localModelRoot}/${model.name}`],
      ["model_platform", "tensorflow"],
      ["model_version_policy", versionPolicy(model.versionPolicy)],
      ...Object.keys(model.versionLabels)
        .sort()
        .map((label): PbField => ["version_labels", [["key", label], ["value", model.versionLabels[label]!]]]),
    ],
  ]);
  return writePbtxt([["model_config_list", configs]]);
}

/**
 * Renders the batching parameters file (`BatchingParameters`, wrapper types so each field is
 * `name { value: N }`), or undefined when the pool's models do not batch. Resolve guarantees the
 * models of a pool batch alike. TF Serving requires `allowed_batch_sizes` to increase and end at
 * `max_batch_size`, so the model's maximum closes the list of preferred sizes.
 * @see https://github.com/tensorflow/serving/blob/master/tensorflow_serving/batching/README.md
 */
export function renderTfBatchingParameters(pool: ResolvedServerPool, models: readonly ResolvedModel[]): string | undefined {
  const model = models.find((m) => m.dynamicBatching !== undefined);
  if (model === undefined) return undefined;
  const batching = model.dynamicBatching!;
  const allowed = [...new Set([...batching.preferredBatchSizes.filter((s) => s < model.maxBatchSize), model.maxBatchSize])];
  return writePbtxt([
    ["max_batch_size", [["value", model.maxBatchSize]]],
    ["batch_timeout_micros", [["value", batching.maxQueueDelayMicroseconds]]],
    ["max_enqueued_batches", [["value", SERVING_SETTINGS.tfMaxEnqueuedBatches]]],
    ["num_batch_threads", [["value", Math.max(1, Math.floor(pool.resources.cpu))]]],
    ...allowed.map((size): PbField => ["allowed_batch_sizes", size]),
  ]);
}

/** Renders the monitoring config: Prometheus metrics on the REST port at the runtime's metrics path. */
export function renderTfMonitoringConfig(): string {
  return writePbtxt([
    [
      "prometheus_config",
      [
        ["enable", true],
        ["path", RUNTIME_FACTS.tfserving.metricsPath],
      ],
    ],
  ]);
}

/** Every config file of a TF Serving pool, by file name (batching only when its models batch). */
export function renderTfServingFiles(pool: ResolvedServerPool, models: readonly ResolvedModel[]): Record<string, string> {
  const batching = renderTfBatchingParameters(pool, models);
  return {
    [TF_CONFIG_FILES.models]: renderTfModelConfigList(models),
    ...(batching === undefined ? {} : { [TF_CONFIG_FILES.batching]: batching }),
    [TF_CONFIG_FILES.monitoring]: renderTfMonitoringConfig(),
  };
}
