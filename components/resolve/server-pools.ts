import { type CatalogModel } from "../spec/catalog";
import { problemAt, type Origin } from "../spec/issues";
import { describeValue, formatGiB, type Problem } from "../spec/problems";
import { runtimeImage } from "../registry/images";
import { PLATFORM_DEFAULTS } from "./defaults";
import { SERVING_DEFAULTS, SERVING_TIER_DEFAULTS } from "./serving-defaults";
import { type ResolvedEnvironment, type ResolvedModel, type ResolvedServerPool } from "./types";

/** Suffix of a server pool's ServiceAccount name. */
const SERVICE_ACCOUNT_SUFFIX = "-server";

/**
 * Groups the resolved models into server pools and checks that each shared pool is coherent: one
 * runtime, one node pool, and models that fit on one GPU together.
 */
export function resolveServerPools(
  models: readonly ResolvedModel[],
  catalog: readonly CatalogModel[],
  environment: ResolvedEnvironment,
): { serverPools: ResolvedServerPool[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const byPool = new Map<string, ResolvedModel[]>();
  for (const model of models) byPool.set(model.serverPool, [...(byPool.get(model.serverPool) ?? []), model]);
  const originOf = (name: string) => catalog.find((m) => m.spec.name === name)!.origin;
  const poolPath = ["environments", environment.stack, "serverPool"];

  const serverPools: ResolvedServerPool[] = [];
  for (const [name, members] of [...byPool].sort(([a], [b]) => a.localeCompare(b))) {
    const [first, ...rest] = members;
    const before = problems.length;
    for (const model of rest) {
      if (model.runtime !== first!.runtime) {
        problems.push(
          problemAt(
            originOf(model.name),
            poolPath,
            `server pool "${name}" runs ${first!.runtime} (model ${first!.name}) but this model uses ${model.runtime}; got ${describeValue(name)}. Give models of different runtimes different server pools.`,
          ),
        );
      }
      if (model.nodePool !== first!.nodePool) {
        problems.push(
          problemAt(
            originOf(model.name),
            poolPath,
            `server pool "${name}" runs on node pool "${first!.nodePool}" (model ${first!.name}) but this model asks for "${model.nodePool}"; got ${describeValue(name)}. Place every model of a server pool on the same node pool.`,
          ),
        );
      }
    }
    const nodePool = environment.nodePools.find((p) => p.name === first!.nodePool)!;
    const gpuMemoryGiB = nodePool.gpu ? members.reduce((sum, m) => sum + (m.gpu?.memoryGiB ?? 0) * m.instancesPerServer, 0) : 0;
    const usable = nodePool.gpuMemoryGiB * (1 - PLATFORM_DEFAULTS.gpuMemoryHeadroomRatio);
    if (members.length > 1 && gpuMemoryGiB > usable) {
      const parts = members.map((m) => `${m.name} ${formatGiB((m.gpu?.memoryGiB ?? 0) * m.instancesPerServer)}`).join(" + ");
      problems.push(
        problemAt(
          originOf(members[members.length - 1]!.name),
          poolPath,
          `server pool "${name}" needs ${formatGiB(gpuMemoryGiB)} GiB on one GPU (${parts}) but node pool "${nodePool.name}" (${nodePool.instance.name}) offers ${formatGiB(usable)} GiB after ${PLATFORM_DEFAULTS.gpuMemoryHeadroomRatio * 100}% headroom; got ${describeValue(name)}. Split the pool or choose larger GPUs.`,
        ),
      );
    }
    if (first!.runtime === "tfserving") checkTfServingBatching(name, members, originOf, poolPath, problems);
    if (problems.length > before) continue;
    serverPools.push({
      name,
      runtime: first!.runtime,
      nodePool: first!.nodePool,
      gpu: nodePool.gpu,
      models: members.map((m) => m.name).sort(),
      serviceAccount: `${name}${SERVICE_ACCOUNT_SUFFIX}`,
      image: runtimeImage(first!.runtime, nodePool.gpu, environment.registryMirror),
      gpuMemoryGiB,
      scaling: {
        minReplicas: Math.max(...members.map((m) => m.scaling.minReplicas)),
        maxReplicas: Math.max(...members.map((m) => m.scaling.maxReplicas)),
      },
      ...poolServing(first!.runtime, members),
      preStopSeconds: SERVING_TIER_DEFAULTS[environment.tier].preStopSeconds,
    });
  }
  return { serverPools, problems };
}

/** Pod resources, load budget, longest request and autoscaling target of a pool's models. */
function poolServing(runtime: ResolvedModel["runtime"], members: readonly ResolvedModel[]): Pick<ResolvedServerPool, "resources" | "loadSeconds" | "requestSeconds" | "queueTargetMicroseconds"> {
  const base = SERVING_DEFAULTS.runtimeResources[runtime];
  const sum = (pick: (m: ResolvedModel) => number) => members.reduce((total, m) => total + pick(m), 0);
  // Each model may queue for its batching delay on purpose: the target stays above twice the longest.
  const tightestSloMicroseconds = Math.min(...members.map((m) => m.slo.latencyMs)) * 1000;
  const longestBatchDelay = Math.max(0, ...members.map((m) => m.dynamicBatching?.maxQueueDelayMicroseconds ?? 0));
  return {
    resources: {
      cpu: base.cpu + sum((m) => m.resources.cpu),
      memoryGiB: base.memoryGiB + sum((m) => m.resources.memoryGiB),
      ephemeralStorageGiB: base.ephemeralStorageGiB + sum((m) => m.resources.ephemeralStorageGiB),
    },
    loadSeconds: sum((m) => m.timeouts.loadSeconds),
    requestSeconds: Math.max(...members.map((m) => m.timeouts.requestSeconds)),
    queueTargetMicroseconds: Math.round(Math.max(tightestSloMicroseconds * SERVING_DEFAULTS.queueTargetRatio, 2 * longestBatchDelay)),
  };
}

/**
 * TF Serving reads one batching parameters file per server and `--enable_batching` applies to every
 * model it serves, so the models of a shared TF Serving pool must batch alike.
 */
function checkTfServingBatching(
  name: string,
  members: readonly ResolvedModel[],
  originOf: (model: string) => Origin,
  poolPath: readonly string[],
  problems: Problem[],
): void {
  const key = (m: ResolvedModel) => JSON.stringify({ maxBatchSize: m.dynamicBatching === undefined ? 0 : m.maxBatchSize, batching: m.dynamicBatching ?? null });
  const [first, ...rest] = members;
  for (const model of rest) {
    if (key(model) === key(first!)) continue;
    problems.push(
      problemAt(
        originOf(model.name),
        poolPath,
        `TF Serving applies one batching configuration to every model of server pool "${name}", but this model's maxBatchSize and dynamicBatching differ from model ${first!.name}'s; got ${describeValue(name)}. Give the models identical batching settings or separate server pools.`,
      ),
    );
  }
}

/** A per-pool reader role (`modelStore.readerRoleArns`) must name a server pool of the stack. */
export function readerRoleProblems(environment: ResolvedEnvironment, serverPools: readonly ResolvedServerPool[], origin: Origin): Problem[] {
  const names = serverPools.map((p) => p.name);
  return Object.keys(environment.modelStore?.readerRoleArns ?? {})
    .filter((pool) => !names.includes(pool))
    .map((pool) =>
      problemAt(origin, ["modelStore", "readerRoleArns", pool], `names no server pool of this stack; got ${describeValue(pool)}. Use one of: ${names.join(", ")}.`),
    );
}

/**
 * On an existing cluster, the IAM role each pool reads the model store as: its own from
 * `modelStore.readerRoleArns`, else the shared `modelStore.readerRoleArn` (create mode: the
 * foundation's per-pool role, known only at deploy time, so nothing here).
 */
export function withReaderRoles(serverPools: readonly ResolvedServerPool[], environment: ResolvedEnvironment): readonly ResolvedServerPool[] {
  const store = environment.modelStore;
  return serverPools.map((pool) => {
    const readerRoleArn = store?.readerRoleArns?.[pool.name] ?? store?.readerRoleArn;
    return readerRoleArn === undefined ? pool : { ...pool, readerRoleArn };
  });
}
