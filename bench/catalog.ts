/**
 * Deterministic synthetic catalogs for the benchmarks: a prod-tier stack shaped like the shipped
 * `stacks/Pulumi.prod.yaml` (inferstack creates the cluster, registry and model store; discovery,
 * monitoring and logging on) and `size` models with a realistic mix of runtimes, formats and shared
 * server pools, generated from a seed. The stack's node pools, GPU budget and acknowledgements are
 * derived from the catalog so that every size plans cleanly: a plan the policy pack blocks would
 * measure a failure, not the plan.
 */
import { nodePoolCapacity } from "../components/resolve/policy";
import { TIER_DEFAULTS } from "../components/resolve/defaults";

/** Park-Miller minimal standard generator: small, fast and reproducible across Node versions. */
function seeded(seed: number): () => number {
  let state = seed % 2147483647;
  if (state <= 0) state += 2147483646;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

interface Kind {
  readonly runtime: "triton" | "tfserving";
  readonly format: string;
  /** Share of the catalog. */
  readonly weight: number;
}

/** The mix: mostly ONNX on Triton, some TensorRT plans, TorchScript and TF SavedModels. */
const KINDS: readonly Kind[] = [
  { runtime: "triton", format: "onnx", weight: 0.55 },
  { runtime: "triton", format: "tensorrt_plan", weight: 0.15 },
  { runtime: "triton", format: "torchscript", weight: 0.1 },
  { runtime: "tfserving", format: "savedmodel", weight: 0.2 },
];

/** The two GPU node pools: 4-GPU instances, so a thousand-model fleet needs hundreds of nodes, not thousands. */
const NODE_POOLS = {
  a10g: { instanceTypes: ["g5.12xlarge"], gpusPerNode: 4 },
  l40s: { instanceTypes: ["g6e.12xlarge"], gpusPerNode: 4 },
} as const;
type NodePoolName = keyof typeof NODE_POOLS;

/** The synthetic stack's name: its file is `stacks/Pulumi.bench.yaml`. */
export const BENCH_STACK = "bench";

/** Prod findings the bench stack accepts, as `stacks/Pulumi.prod.yaml` does (there per pool, here once for the platform). */
const ACKNOWLEDGED = [
  "inferstack-kubernetes-workload-require-image-digest",
  "inferstack-kubernetes-workload-require-pull-policy",
  "inferstack-kubernetes-consul-require-snapshots",
] as const;

/** Every file of a benchmark project (path → content): one stack and `size` catalog files. */
export function syntheticProject(size: number, seed = 42): Map<string, string> {
  const random = seeded(seed + size);
  const files = new Map<string, string>();
  files.set("Pulumi.yaml", "name: inferstack-bench\nruntime: nodejs\nstackConfigDir: stacks\n");

  // Server pools per node pool: each runs prod's default maxReplicas pods of one GPU at full scale.
  const poolsOn: Record<NodePoolName, Set<string>> = { a10g: new Set(), l40s: new Set() };
  let sharedOpen: { name: string; left: number; nodePool: NodePoolName } | undefined;
  let sharedCount = 0;
  for (let i = 0; i < size; i++) {
    const pick = random();
    let acc = 0;
    const kind = KINDS.find((k) => (acc += k.weight) >= pick) ?? KINDS[0]!;
    const name = `m${String(i).padStart(4, "0")}-${kind.format.replace("_", "-")}`;
    const nodePool: NodePoolName = random() < 0.7 ? "a10g" : "l40s";
    const memoryGiB = 1 + Math.floor(random() * 4);
    // About a quarter of the Triton models share a server pool with up to two others.
    let serverPool = name;
    if (kind.runtime === "triton" && random() < 0.25) {
      if (!sharedOpen || sharedOpen.left === 0 || sharedOpen.nodePool !== nodePool) {
        sharedOpen = { name: `shared-${sharedCount++}`, left: 3, nodePool };
      }
      sharedOpen.left--;
      serverPool = sharedOpen.name;
    }
    poolsOn[nodePool].add(serverPool);
    const versions = random() < 0.3 ? "[1, 2]" : "[1]";
    files.set(
      `catalog/${kind.runtime}/${name}.yaml`,
      `name: ${name}
runtime: ${kind.runtime}
format: ${kind.format}
artifact:
  uri: bench/${name}
  versions: ${versions}
maxBatchSize: ${[0, 8, 16, 32][Math.floor(random() * 4)]}
gpu:
  memoryGiB: ${memoryGiB}
slo:
  latencyMs: ${10 + Math.floor(random() * 90)}
  errorRatio: 0.01
environments:
  ${BENCH_STACK}:
    nodePool: ${nodePool}${serverPool === name ? "" : `\n    serverPool: ${serverPool}`}
`,
    );
  }
  files.set(`stacks/Pulumi.${BENCH_STACK}.yaml`, stackFile(poolsOn));
  // What `cdk synth` would otherwise ask AWS for: the availability zones of the stack's account and region.
  files.set("cdk.context.json", `${JSON.stringify({ [`availability-zones:account=${ACCOUNT_ID}:region=${REGION}`]: ZONES }, null, 2)}\n`);
  return files;
}

const ACCOUNT_ID = "777788889999";
const REGION = "us-east-1";
const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];

/** The prod stack: node pools sized to hold every pool at full scale, and a budget that covers them. */
function stackFile(poolsOn: Record<NodePoolName, Set<string>>): string {
  const replicas = TIER_DEFAULTS.prod.maxReplicas;
  const nodePools = (Object.keys(NODE_POOLS) as NodePoolName[]).map((pool) => {
    const { instanceTypes, gpusPerNode } = NODE_POOLS[pool];
    const maxNodes = Math.max(3, Math.ceil((poolsOn[pool].size * replicas) / gpusPerNode));
    return { pool, instanceTypes, maxNodes, capacity: nodePoolCapacity(instanceTypes, maxNodes) };
  });
  const maxGpus = nodePools.reduce((sum, p) => sum + p.capacity.gpus, 0);
  const maxMonthlyUsd = Math.ceil(nodePools.reduce((sum, p) => sum + p.capacity.monthlyUsd, 0));
  return `config:
  aws:region: ${REGION}
  inferstack:grafanaAdminPassword:
    secure: v1:bench
  inferstack:alertPagerdutyRoutingKey:
    secure: v1:bench
  inferstack:alertSlackWebhookUrl:
    secure: v1:bench
  inferstack:environment:
    tier: prod
    aws:
      region: ${REGION}
      accountId: "${ACCOUNT_ID}"
    cluster:
      mode: create
      admins: ["arn:aws:iam::${ACCOUNT_ID}:role/platform-admin"]
    budget:
      maxGpus: ${maxGpus}
      maxMonthlyUsd: ${maxMonthlyUsd}
    nodePools:
${nodePools
  .map(
    (p) => `      ${p.pool}:
        instanceTypes: [${p.instanceTypes.join(", ")}]
        capacityType: ON_DEMAND
        minNodes: 3
        maxNodes: ${p.maxNodes}`,
  )
  .join("\n")}
    discovery:
      servers: 3
      dns:
        serviceCidr: 10.100.0.0/16
        clusterIP: 10.100.0.53
    observability:
      alerting:
        pagerduty: { severities: [critical] }
        slack: { channel: "#inferstack-bench", severities: [critical, warning] }
    policy:
      acknowledgements:
${ACKNOWLEDGED.map(
  (policy) => `        - policy: ${policy}
          resource: inferstack
          reason: Synthetic benchmark stack; the shipped prod stack gives each of these its reason.`,
).join("\n")}
`;
}
