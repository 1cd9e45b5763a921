/**
 * The managed node groups of a created cluster: the CPU system group and one group per node pool,
 * with their AMI types, zones, scaling, labels, taints and volumes. Pure; called by
 * `resolveFoundation`.
 */
import { INSTANCE_TYPES } from "../compute/instance-types";
import { GPU_TAINT, NODE_POOL_LABEL, SYSTEM_NODE_POOL } from "../compute/scheduling";
import { type EnvironmentSpec } from "../spec/environment";
import { type AmiType, type CreateClusterSpec } from "../spec/foundation";
import { problemAt, type Origin } from "../spec/issues";
import { closest, describeValue, listChoices, type Problem } from "../spec/problems";
import { FOUNDATION_DEFAULTS, FOUNDATION_TIER_DEFAULTS } from "./foundation-defaults";
import { type ResolvedBlockDevice, type ResolvedNodeGroup, type ResolvedTaint } from "./foundation-types";
import { type ResolvedEnvironment, type ResolvedNodePool } from "./types";

/** AMI types that carry the NVIDIA driver. */
const NVIDIA_AMI_TYPES: readonly AmiType[] = ["AL2023_x86_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA"];

/** The EKS API's spelling of a Kubernetes taint effect. */
export function eksTaintEffect(effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule"): ResolvedTaint["effect"] {
  return effect === "NoSchedule" ? "NO_SCHEDULE" : effect === "NoExecute" ? "NO_EXECUTE" : "PREFER_NO_SCHEDULE";
}

/** The GPU taint of `components/compute/scheduling.ts`, as a node group carries it. */
export const GPU_NODE_GROUP_TAINT: ResolvedTaint = Object.freeze({ key: GPU_TAINT.key, value: GPU_TAINT.value, effect: eksTaintEffect(GPU_TAINT.effect) });

/** Launch template volumes: AL2023 keeps images on its root volume, Bottlerocket on its data volume. */
export function blockDevicesFor(amiType: AmiType, diskSizeGiB: number): ResolvedBlockDevice[] {
  return amiType.startsWith("BOTTLEROCKET")
    ? [
        { deviceName: "/dev/xvda", volumeSizeGiB: FOUNDATION_DEFAULTS.bottlerocketOsVolumeGiB },
        { deviceName: "/dev/xvdb", volumeSizeGiB: diskSizeGiB },
      ]
    : [{ deviceName: "/dev/xvda", volumeSizeGiB: diskSizeGiB }];
}

/** The node groups of a created cluster: system first, then one per node pool (sorted). */
export function resolveNodeGroups(
  spec: EnvironmentSpec & { cluster: CreateClusterSpec },
  environment: ResolvedEnvironment,
  clusterZones: readonly string[],
  origin: Origin,
  problems: Problem[],
): ResolvedNodeGroup[] {
  const tier = FOUNDATION_TIER_DEFAULTS[spec.tier];
  const groups: ResolvedNodeGroup[] = [];
  const system = resolveSystemGroup(spec, clusterZones, origin, problems);
  if (system) groups.push(system);

  for (const pool of environment.nodePools) {
    const poolSpec = spec.nodePools[pool.name]!;
    const path = ["nodePools", pool.name];
    const before = problems.length;
    const amiType = poolSpec.amiType ?? (pool.gpu ? FOUNDATION_DEFAULTS.gpuAmiType : FOUNDATION_DEFAULTS.cpuAmiType);
    const nvidia = NVIDIA_AMI_TYPES.includes(amiType);
    if (nvidia && !pool.gpu) {
      problems.push(
        problemAt(origin, [...path, "amiType"], `is an NVIDIA AMI for GPU instances but ${pool.instanceTypes.join(", ")} ha${pool.instanceTypes.length > 1 ? "ve" : "s"} no GPU; got "${amiType}". Use GPU instance types (e.g. g5.xlarge) or the AMI type "${FOUNDATION_DEFAULTS.cpuAmiType}".`),
      );
    }
    if (!nvidia && pool.gpu) {
      problems.push(
        problemAt(origin, [...path, "amiType"], `has no NVIDIA driver but ${pool.instanceTypes.join(", ")} ${pool.instanceTypes.length > 1 ? "are GPU instances" : "is a GPU instance"}; got "${amiType}". Use "AL2023_x86_64_NVIDIA" or "BOTTLEROCKET_x86_64_NVIDIA".`),
      );
    }
    const zones = poolZones(poolSpec.zones, clusterZones, path, origin, problems);
    if (zones.length > 0 && zones.length < tier.nodePoolMinZones) {
      problems.push(
        problemAt(origin, [...path, "zones"], `${spec.tier} spreads every node pool over at least ${tier.nodePoolMinZones} zones so one zone's outage leaves capacity; got ${describeValue(zones)}. Add a zone from ${listChoices(clusterZones)}.`),
      );
    }
    if (pool.minNodes < tier.nodePoolFloor) {
      problems.push(
        problemAt(origin, [...path, "minNodes"], `${spec.tier} keeps at least ${tier.nodePoolFloor} nodes in every node pool so one node loss keeps its models serving; got ${pool.minNodes}. Set minNodes to ${tier.nodePoolFloor} or more.`),
      );
    }
    if (problems.length > before) continue;
    groups.push(nodeGroup(pool, amiType, poolSpec.diskSizeGiB, zones, tier.detailedMonitoring));
  }
  return groups;
}

function nodeGroup(pool: ResolvedNodePool, amiType: AmiType, diskSizeGiB: number | undefined, zones: readonly string[], detailedMonitoring: boolean): ResolvedNodeGroup {
  const disk = diskSizeGiB ?? (pool.gpu ? FOUNDATION_DEFAULTS.gpuDiskSizeGiB : FOUNDATION_DEFAULTS.cpuDiskSizeGiB);
  return {
    pool: pool.name,
    system: false,
    gpu: pool.gpu,
    instanceTypes: [...pool.instanceTypes],
    amiType,
    capacityType: pool.capacityType,
    minNodes: pool.minNodes,
    desiredNodes: pool.minNodes,
    maxNodes: pool.maxNodes,
    zones: [...zones],
    labels: { [NODE_POOL_LABEL]: pool.name },
    taints: pool.gpu ? [GPU_NODE_GROUP_TAINT] : [],
    blockDevices: blockDevicesFor(amiType, disk),
    detailedMonitoring,
    devicePlugin: !pool.gpu ? "none" : amiType.startsWith("BOTTLEROCKET") ? "ami" : "helm",
  };
}

function resolveSystemGroup(
  spec: EnvironmentSpec & { cluster: CreateClusterSpec },
  clusterZones: readonly string[],
  origin: Origin,
  problems: Problem[],
): ResolvedNodeGroup | undefined {
  const tier = FOUNDATION_TIER_DEFAULTS[spec.tier];
  const systemSpec = spec.cluster.systemNodes;
  const path = ["cluster", "systemNodes"];
  const before = problems.length;
  const instanceTypes = [...(systemSpec?.instanceTypes ?? tier.systemNodes.instanceTypes)];
  const known = [...INSTANCE_TYPES.keys()];
  instanceTypes.forEach((name, index) => {
    const type = INSTANCE_TYPES.get(name);
    if (!type) {
      const hint = closest(name, known);
      problems.push(
        problemAt(origin, [...path, "instanceTypes", index], `unknown instance type; got ${describeValue(name)}. ${hint ? `Did you mean "${hint}"?` : `Use one of the pinned table (components/compute/instance-types.ts): ${known.join(", ")}.`}`),
      );
    } else if (type.gpu) {
      problems.push(
        problemAt(origin, [...path, "instanceTypes", index], `system nodes run Consul, Prometheus and controllers, which need no GPU; got ${describeValue(name)} with ${type.gpu.count} ${type.gpu.model}. Use a CPU instance type such as "m6i.xlarge".`),
      );
    }
  });
  const minNodes = systemSpec?.minNodes ?? tier.systemNodes.minNodes;
  const maxNodes = systemSpec?.maxNodes ?? Math.max(minNodes, tier.systemNodes.maxNodes);
  if (minNodes < tier.systemNodesFloor) {
    problems.push(
      problemAt(origin, [...path, "minNodes"], `${spec.tier} runs at least ${tier.systemNodesFloor} system nodes so Consul's servers keep their quorum on separate nodes; got ${minNodes}. Set minNodes to ${tier.systemNodesFloor} or more.`),
    );
  }
  if (minNodes > maxNodes) {
    problems.push(problemAt(origin, [...path, "minNodes"], `must not exceed maxNodes (${maxNodes}); got ${minNodes}. Lower minNodes or raise maxNodes.`));
  }
  if (problems.length > before) return undefined;
  return {
    pool: SYSTEM_NODE_POOL,
    system: true,
    gpu: false,
    instanceTypes,
    amiType: FOUNDATION_DEFAULTS.cpuAmiType,
    // System services keep state (Consul, Prometheus, Elasticsearch): never on spot.
    capacityType: "ON_DEMAND",
    minNodes,
    desiredNodes: minNodes,
    maxNodes,
    zones: [...clusterZones],
    labels: { [NODE_POOL_LABEL]: SYSTEM_NODE_POOL },
    taints: [],
    blockDevices: blockDevicesFor(FOUNDATION_DEFAULTS.cpuAmiType, systemSpec?.diskSizeGiB ?? FOUNDATION_DEFAULTS.cpuDiskSizeGiB),
    detailedMonitoring: tier.detailedMonitoring,
    devicePlugin: "none",
  };
}

/** A pool's zones: its own (each one of the cluster's), else every zone of the cluster. */
function poolZones(zones: readonly string[] | undefined, clusterZones: readonly string[], path: readonly string[], origin: Origin, problems: Problem[]): string[] {
  if (zones === undefined) return [...clusterZones];
  const before = problems.length;
  zones.forEach((zone, index) => {
    if (!clusterZones.includes(zone)) {
      problems.push(problemAt(origin, [...path, "zones", index], `is not a zone of the cluster; got ${describeValue(zone)}. Use one of ${listChoices(clusterZones)}.`));
    }
  });
  return problems.length > before ? [] : [...new Set(zones)].sort();
}
