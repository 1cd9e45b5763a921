/**
 * Deterministic synthetic catalogs for the benchmarks: a prod-tier stack and `size` models with a
 * realistic mix of runtimes, formats and shared server pools, generated from a seed.
 */

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

/** Every file of a benchmark project (path → content): one stack and `size` catalog files. */
export function syntheticProject(size: number, seed = 42): Map<string, string> {
  const random = seeded(seed + size);
  const files = new Map<string, string>();
  files.set("Pulumi.yaml", "name: inferstack-bench\nruntime: nodejs\nstackConfigDir: stacks\n");
  files.set(
    "stacks/Pulumi.bench.yaml",
    `config:
  inferstack:kubeconfig:
    secure: v1:bench
  inferstack:grafanaAdminPassword:
    secure: v1:bench
  inferstack:alertPagerdutyRoutingKey:
    secure: v1:bench
  inferstack:environment:
    tier: prod
    aws:
      region: us-east-1
      accountId: "777788889999"
    cluster:
      mode: existing
    modelStore:
      bucket: inferstack-bench-models
    nodePools:
      a10g:
        instanceTypes: [g5.2xlarge]
        minNodes: 2
        maxNodes: ${Math.max(12, size * 4)}
      l40s:
        instanceTypes: [g6e.xlarge]
        minNodes: 2
        maxNodes: ${Math.max(12, size * 4)}
    observability:
      alerting:
        pagerduty: {}
`,
  );
  let sharedOpen: { name: string; runtime: string; left: number; nodePool: string } | undefined;
  let sharedCount = 0;
  for (let i = 0; i < size; i++) {
    const pick = random();
    let acc = 0;
    const kind = KINDS.find((k) => (acc += k.weight) >= pick) ?? KINDS[0]!;
    const name = `m${String(i).padStart(4, "0")}-${kind.format.replace("_", "-")}`;
    const nodePool = random() < 0.7 ? "a10g" : "l40s";
    const memoryGiB = 1 + Math.floor(random() * 4);
    // About a quarter of the Triton models share a server pool with up to two others.
    let serverPool = "";
    if (kind.runtime === "triton" && random() < 0.25) {
      if (!sharedOpen || sharedOpen.left === 0 || sharedOpen.nodePool !== nodePool) {
        sharedOpen = { name: `shared-${sharedCount++}`, runtime: kind.runtime, left: 3, nodePool };
      }
      sharedOpen.left--;
      serverPool = `\n    serverPool: ${sharedOpen.name}`;
    }
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
  bench:
    nodePool: ${nodePool}${serverPool}
`,
    );
  }
  return files;
}
