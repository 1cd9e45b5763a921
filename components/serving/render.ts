import { type ResolvedEnvironment, type ResolvedModel, type ResolvedPlatform, type ResolvedServerPool } from "../resolve/types";
import { tritonConfigKey } from "./kubernetes/containers";
import { renderDeployment } from "./kubernetes/deployment";
import {
  renderAutoscaler,
  renderConfigMap,
  renderDisruptionBudget,
  renderMetricsService,
  renderModelService,
  renderPoolNetworkPolicy,
  renderServiceAccount,
} from "./kubernetes/objects";
import { modelSource } from "./layout";
import { renderTfServingFiles } from "./tfserving/config";
import { renderTritonModelConfig } from "./triton/model-config";

/** What one server pool is rendered from. */
export interface InferencePoolInput {
  readonly environment: ResolvedEnvironment;
  readonly pool: ResolvedServerPool;
  /** The pool's models (any order; rendered sorted by name). */
  readonly models: readonly ResolvedModel[];
  /** Extra annotations per model Service, keyed by model name (discovery's Consul annotations). @default none */
  readonly serviceAnnotations?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A Triton `config.pbtxt` delivered as an object of the model store. */
export interface ModelConfigObject {
  readonly model: string;
  readonly bucket: string;
  readonly key: string;
  readonly content: string;
}

/** Every object of one server pool, as plain data: what the `InferencePool` component creates. */
export interface RenderedInferencePool {
  readonly serviceAccount: ReturnType<typeof renderServiceAccount>;
  /** Present for TF Serving pools and Triton pools with models synced into the pod. */
  readonly configMap?: ReturnType<typeof renderConfigMap>;
  /** Triton configs written next to their artifacts in the model store, sorted by model. */
  readonly modelConfigObjects: readonly ModelConfigObject[];
  readonly deployment: ReturnType<typeof renderDeployment>;
  /** One per model, sorted by model. */
  readonly services: readonly { readonly model: string; readonly service: ReturnType<typeof renderModelService> }[];
  readonly metricsService: ReturnType<typeof renderMetricsService>;
  readonly disruptionBudget: ReturnType<typeof renderDisruptionBudget>;
  readonly autoscaler: ReturnType<typeof renderAutoscaler>;
  readonly networkPolicy: ReturnType<typeof renderPoolNetworkPolicy>;
}

/** Renders every object of one server pool. Pure and deterministic. */
export function renderInferencePool(input: InferencePoolInput): RenderedInferencePool {
  const { environment, pool } = input;
  const models = [...input.models].sort((a, b) => a.name.localeCompare(b.name));
  const files = runtimeConfigFiles(pool, models);
  const configMapData: Record<string, string> = {};
  const modelConfigObjects: ModelConfigObject[] = [];
  if (pool.runtime === "tfserving") Object.assign(configMapData, files.tfserving);
  for (const model of models) {
    const text = files.triton[model.name];
    if (text === undefined) continue;
    const source = modelSource(model, environment);
    if (source.kind === "store") modelConfigObjects.push({ model: model.name, ...source.configObject, content: text });
    else configMapData[tritonConfigKey(model.name)] = text;
  }
  const digestInput = { ...files.tfserving, ...Object.fromEntries(Object.entries(files.triton).map(([m, t]) => [`${m}/config.pbtxt`, t])) };
  return {
    serviceAccount: renderServiceAccount(pool, environment),
    ...(Object.keys(configMapData).length === 0 ? {} : { configMap: renderConfigMap(pool, environment, configMapData) }),
    modelConfigObjects,
    deployment: renderDeployment({ environment, pool, models, configFiles: digestInput }),
    services: models.map((model) => ({ model: model.name, service: renderModelService(pool, model, environment, input.serviceAnnotations?.[model.name]) })),
    metricsService: renderMetricsService(pool, environment),
    disruptionBudget: renderDisruptionBudget(pool, environment),
    autoscaler: renderAutoscaler(pool, environment),
    networkPolicy: renderPoolNetworkPolicy(pool, environment),
  };
}

/** The runtime config files of one pool: Triton `config.pbtxt` by model, TF Serving files by name. */
export function runtimeConfigFiles(
  pool: ResolvedServerPool,
  models: readonly ResolvedModel[],
): { triton: Record<string, string>; tfserving: Record<string, string> } {
  if (pool.runtime === "tfserving") return { triton: {}, tfserving: renderTfServingFiles(pool, models) };
  return { triton: Object.fromEntries(models.map((m) => [m.name, renderTritonModelConfig(m)])), tfserving: {} };
}

/**
 * The plan files of serving: `models/<model>/config.pbtxt` per Triton model and
 * `tfserving/<pool>/<file>` per TF Serving pool.
 */
export function servingPlanFiles(platform: ResolvedPlatform): Map<string, string> {
  const files = new Map<string, string>();
  const byPool = modelsByPool(platform.models);
  for (const pool of platform.serverPools) {
    const { triton, tfserving } = runtimeConfigFiles(pool, byPool.get(pool.name) ?? []);
    for (const [model, text] of Object.entries(triton)) files.set(`models/${model}/config.pbtxt`, text);
    for (const [file, text] of Object.entries(tfserving)) files.set(`tfserving/${pool.name}/${file}`, text);
  }
  return files;
}

/** The models of every server pool, sorted by name (one pass over the models). */
export function modelsByPool(models: readonly ResolvedModel[]): Map<string, ResolvedModel[]> {
  const byPool = new Map<string, ResolvedModel[]>();
  for (const model of models) {
    const list = byPool.get(model.serverPool);
    if (list) list.push(model);
    else byPool.set(model.serverPool, [model]);
  }
  for (const list of byPool.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return byPool;
}
