import { gpuMemoryGiB, INSTANCE_TYPES, type InstanceType } from "../compute/instance-types";
import { type EnvironmentSpec, type NodePoolSpec } from "../spec/environment";
import { problemAt, type Origin } from "../spec/issues";
import { closest, describeValue, type Problem } from "../spec/problems";
import { PLATFORM_DEFAULTS, TIER_DEFAULTS } from "./defaults";
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

  const nodePools: ResolvedNodePool[] = [];
  let poolProblems = false;
  for (const name of Object.keys(spec.nodePools).sort()) {
    const pool = resolveNodePool(name, spec.nodePools[name]!, spec, origin, problems);
    if (pool) nodePools.push(pool);
    else poolProblems = true;
  }

  // Without every node pool, model placement cannot be checked; other problems do not stop it.
  if (poolProblems) return { problems };
  return {
    environment: {
      stack,
      tier: spec.tier,
      aws: { region: spec.aws.region, accountId: spec.aws.accountId },
      cluster: { mode: spec.cluster.mode },
      ...(spec.modelStore === undefined ? {} : { modelStore: { bucket: spec.modelStore.bucket } }),
      namespace: spec.namespace ?? PLATFORM_DEFAULTS.namespace,
      nodePools,
      spreadAcrossZones: tier.spreadAcrossZones,
      discovery: { enabled: spec.discovery?.enabled ?? tier.discovery },
      observability: { enabled: spec.observability?.enabled ?? tier.observability },
      logging: { enabled: spec.logging?.enabled ?? tier.logging },
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
