import { gpuMemoryGiB, INSTANCE_TYPES, type InstanceType } from "../compute/instance-types";
import { SYSTEM_NODE_POOL } from "../compute/scheduling";
import { modelStoreBucketName } from "../modelstore/names";
import { defaultRepositoryPrefix, ecrRegistryHost } from "../registry/images";
import { type EnvironmentSpec, type NodePoolSpec } from "../spec/environment";
import { problemAt, type Origin } from "../spec/issues";
import { closest, describeValue, type Problem } from "../spec/problems";
import { PLATFORM_DEFAULTS, TIER_DEFAULTS } from "./defaults";
import { FOUNDATION_DEFAULTS } from "./foundation-defaults";
import { type ResolvedEnvironment, type ResolvedNodePool } from "./types";

/** Applies the tier's defaults to an environment and checks what needs more than one field. */
export function resolveEnvironment(
  stack: string,
  spec: EnvironmentSpec,
  secretKeys: ReadonlySet<string>,
  origin: Origin,
): { environment?: ResolvedEnvironment; problems: Problem[] } {
  const problems: Problem[] = [];
  const tier = TIER_DEFAULTS[spec.tier];

  if (spec.cluster.mode === "existing" && !secretKeys.has("kubeconfig")) {
    problems.push(
      problemAt(
        origin,
        ["cluster", "mode"],
        `an existing cluster needs its kubeconfig; got no inferstack:kubeconfig secret. Run: pulumi config set --secret inferstack:kubeconfig < kubeconfig.yaml --stack ${stack}.`,
      ),
    );
  }

  if (spec.nodePools[SYSTEM_NODE_POOL] !== undefined) {
    problems.push(
      problemAt(
        origin,
        ["nodePools", SYSTEM_NODE_POOL],
        `is reserved for the CPU system nodes that run Consul, Prometheus and controllers; got "${SYSTEM_NODE_POOL}". Give the node pool another name.`,
      ),
    );
  }

  const nodePools: ResolvedNodePool[] = [];
  let poolProblems = false;
  for (const name of Object.keys(spec.nodePools).sort()) {
    const pool = resolveNodePool(name, spec.nodePools[name]!, spec, origin, problems);
    if (pool) nodePools.push(pool);
    else poolProblems = true;
  }

  const bucket = modelStoreBucket(stack, spec, origin, problems);
  const readerRoleArn = spec.modelStore?.readerRoleArn;
  const readerRoleArns = spec.modelStore?.readerRoleArns;
  if (spec.cluster.mode === "create") {
    for (const [key, value] of [["readerRoleArn", readerRoleArn], ["readerRoleArns", readerRoleArns]] as const) {
      if (value === undefined) continue;
      problems.push(
        problemAt(origin, ["modelStore", key], `is for an existing cluster; got ${describeValue(value)}. Remove it: with cluster.mode create, inferstack creates one read-only role per server pool.`),
      );
    }
  }
  const registryMirror = registryMirrorOf(stack, spec);

  // Without every node pool, model placement cannot be checked; other problems do not stop it.
  if (poolProblems) return { problems };
  return {
    environment: {
      stack,
      tier: spec.tier,
      aws: { region: spec.aws.region, accountId: spec.aws.accountId },
      cluster: spec.cluster.mode === "create" ? { mode: "create", name: clusterName(stack, spec) } : { mode: "existing" },
      ...(bucket === undefined
        ? {}
        : { modelStore: { bucket, ...(readerRoleArn === undefined ? {} : { readerRoleArn }), ...(readerRoleArns === undefined ? {} : { readerRoleArns: { ...readerRoleArns } }) } }),
      ...(registryMirror === undefined ? {} : { registryMirror }),
      namespace: spec.namespace ?? PLATFORM_DEFAULTS.namespace,
      nodePools,
      spreadAcrossZones: tier.spreadAcrossZones,
      discovery: { enabled: spec.discovery?.enabled ?? tier.discovery },
      observability: { enabled: spec.observability?.enabled ?? tier.observability },
      logging: { enabled: spec.logging?.enabled ?? tier.logging },
      cost: { spotDiscountRatio: spec.cost?.spotDiscountRatio ?? FOUNDATION_DEFAULTS.spotDiscountRatio },
    },
    problems,
  };
}

function resolveNodePool(
  name: string,
  spec: NodePoolSpec,
  environment: EnvironmentSpec,
  origin: Origin,
  problems: Problem[],
): ResolvedNodePool | undefined {
  const tier = TIER_DEFAULTS[environment.tier];
  const path = ["nodePools", name];
  const before = problems.length;
  const known = [...INSTANCE_TYPES.keys()];
  const types: InstanceType[] = [];
  spec.instanceTypes.forEach((typeName, index) => {
    const type = INSTANCE_TYPES.get(typeName);
    if (type) return void types.push(type);
    const hint = closest(typeName, known);
    problems.push(
      problemAt(
        origin,
        [...path, "instanceTypes", index],
        `unknown instance type; got ${describeValue(typeName)}. ${hint ? `Did you mean "${hint}"?` : `Use one of the pinned table (components/compute/instance-types.ts): ${known.join(", ")}.`}`,
      ),
    );
  });
  const withGpu = types.filter((t) => t.gpu !== undefined);
  if (withGpu.length > 0 && withGpu.length < types.length) {
    problems.push(
      problemAt(
        origin,
        [...path, "instanceTypes"],
        `mixes GPU and CPU instance types; got ${describeValue(spec.instanceTypes)}. Put GPU and CPU instance types in separate node pools.`,
      ),
    );
  }

  const capacityType = spec.capacityType ?? tier.capacityType;
  if (capacityType === "SPOT" && !tier.allowSpot) {
    problems.push(
      problemAt(
        origin,
        [...path, "capacityType"],
        `spot capacity is not allowed in ${environment.tier}; got "SPOT". Use "ON_DEMAND": a spot interruption would take serving capacity away without notice.`,
      ),
    );
  }
  const minNodes = spec.minNodes ?? tier.minNodes;
  const maxNodes = spec.maxNodes ?? Math.max(minNodes, tier.maxNodes);
  if (minNodes > maxNodes) {
    problems.push(
      problemAt(origin, [...path, "minNodes"], `must not exceed maxNodes (${maxNodes}); got ${minNodes}. Lower minNodes or raise maxNodes.`),
    );
  }
  if (problems.length > before || types.length === 0) return undefined;

  // A model must fit the smallest instance the pool may launch.
  const smallest = [...types].sort((a, b) => gpuMemoryGiB(a) - gpuMemoryGiB(b) || a.memoryGiB - b.memoryGiB)[0]!;
  return {
    name,
    instanceTypes: [...spec.instanceTypes],
    instance: smallest,
    gpu: smallest.gpu !== undefined,
    gpuMemoryGiB: gpuMemoryGiB(smallest),
    gpusPerNode: Math.min(...types.map((t) => t.gpu?.count ?? 0)),
    capacityType,
    minNodes,
    maxNodes,
  };
}

/** Name of the EKS cluster a created foundation runs: `cluster.name`, else `inferstack-<stack>`. */
export function clusterName(stack: string, spec: EnvironmentSpec): string {
  const name = spec.cluster.mode === "create" ? spec.cluster.name : undefined;
  return name ?? `${FOUNDATION_DEFAULTS.clusterNamePrefix}-${stack}`;
}

/** The model store bucket: the named one, or in create mode the computed name of the bucket to create. */
function modelStoreBucket(stack: string, spec: EnvironmentSpec, origin: Origin, problems: Problem[]): string | undefined {
  if (spec.cluster.mode !== "create") {
    if (spec.modelStore !== undefined && spec.modelStore.bucket === undefined) {
      problems.push(
        problemAt(origin, ["modelStore", "bucket"], `is required with an existing cluster: inferstack creates no bucket there; got nothing. Name your model store bucket, or remove modelStore and give models s3:// locations.`),
      );
    }
    return spec.modelStore?.bucket;
  }
  if (spec.modelStore?.bucket !== undefined) return spec.modelStore.bucket;
  const computed = modelStoreBucketName(spec.aws.accountId, stack);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(computed)) {
    problems.push(
      problemAt(origin, ["modelStore", "bucket"], `cannot be derived from stack "${stack}" (S3 allows 3-63 lowercase letters, digits, "." and "-"); got ${describeValue(computed)}. Set modelStore.bucket to the name of the bucket to create.`),
    );
  }
  return computed;
}

/** Where pools pull the runtime images from: the created registry, a bring-your-own mirror, or upstream. */
function registryMirrorOf(stack: string, spec: EnvironmentSpec): string | undefined {
  if (spec.cluster.mode !== "create") return spec.registry?.mirror;
  if (!(spec.registry?.mirrorRuntimeImages ?? FOUNDATION_DEFAULTS.registry.mirrorRuntimeImages)) return undefined;
  return `${ecrRegistryHost(spec.aws.accountId, spec.aws.region)}/${spec.registry?.repositoryPrefix ?? defaultRepositoryPrefix(stack)}`;
}
