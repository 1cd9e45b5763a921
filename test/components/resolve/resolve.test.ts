import { INSTANCE_TYPES } from "../../../components/compute/instance-types";
import { loadPlatform } from "../../../components/resolve";
import { inputFrom, problemsOf } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, PROD_STACK } from "../../helpers/samples";

const MODEL_FILE = "catalog/resnet50.yaml";
const resolve = (stack: string, stackYaml: string, model: string = ONNX_MODEL) => loadPlatform(inputFrom(stack, stackYaml, { [MODEL_FILE]: model }));
const problems = (stack: string, stackYaml: string, model: string = ONNX_MODEL) => problemsOf(() => resolve(stack, stackYaml, model));

describe("environment defaults", () => {
  it("makes dev cheap: spot nodes, one replica, no zone spread, logging off", () => {
    const { environment, models } = resolve("dev", DEV_STACK);
    expect(environment).toEqual({
      stack: "dev",
      tier: "dev",
      aws: { region: "us-east-1", accountId: "111122223333" },
      cluster: { mode: "existing" },
      modelStore: { bucket: "models-dev" },
      namespace: "inferstack",
      nodePools: [
        { name: "cpu", instanceTypes: ["m6i.xlarge"], instance: INSTANCE_TYPES.get("m6i.xlarge"), gpu: false, gpuMemoryGiB: 0, gpusPerNode: 0, capacityType: "SPOT", minNodes: 1, maxNodes: 2 },
        { name: "t4", instanceTypes: ["g4dn.xlarge"], instance: INSTANCE_TYPES.get("g4dn.xlarge"), gpu: true, gpuMemoryGiB: 16, gpusPerNode: 1, capacityType: "SPOT", minNodes: 1, maxNodes: 2 },
      ],
      spreadAcrossZones: false,
      discovery: { enabled: true },
      observability: { enabled: true },
      logging: { enabled: false },
      cost: { spotDiscountRatio: 0.5 },
    });
    expect(models).toEqual([
      {
        name: "resnet50",
        sourceFile: MODEL_FILE,
        runtime: "triton",
        format: "onnx",
        artifact: { uri: "vision/resnet50", versions: [1, 2], location: { bucket: "models-dev", prefix: "vision/resnet50" } },
        maxBatchSize: 0,
        inputs: [],
        outputs: [],
        instancesPerServer: 1,
        instanceKind: "gpu",
        gpu: { memoryGiB: 2 },
        optimization: { precision: "fp32", tensorrt: false, workspaceMiB: 1024, cudaGraphs: false },
        versionPolicy: { kind: "specific", versions: [1, 2] },
        versionLabels: {},
        resources: { cpu: 1, memoryGiB: 2, ephemeralStorageGiB: 4 },
        timeouts: { loadSeconds: 300, requestSeconds: 30 },
        slo: { latencyMs: 40, errorRatio: 0.01 },
        scaling: { minReplicas: 1, maxReplicas: 2 },
        nodePool: "t4",
        serverPool: "resnet50",
      },
    ]);
  });

  it("makes prod robust: on-demand nodes, two replicas at least, spread over zones, logging on", () => {
    const { environment, models } = resolve("prod", PROD_STACK);
    expect(environment.nodePools.map((p) => [p.name, p.capacityType, p.minNodes, p.maxNodes])).toEqual([
      ["cpu", "ON_DEMAND", 2, 6],
      ["t4", "ON_DEMAND", 2, 6],
    ]);
    expect(environment.spreadAcrossZones).toBe(true);
    expect(environment.logging).toEqual({ enabled: true });
    expect(models[0]!.scaling).toEqual({ minReplicas: 2, maxReplicas: 4 });
  });

  it("lets an environment override replicas and pin versions", () => {
    const model = ONNX_MODEL.replace("  dev:\n    nodePool: t4\n", "  dev:\n    nodePool: t4\n    versions: [2]\n    scaling:\n      minReplicas: 2\n      maxReplicas: 3\n");
    const [resolved] = resolve("dev", DEV_STACK, model).models;
    expect(resolved!.artifact.versions).toEqual([2]);
    expect(resolved!.scaling).toEqual({ minReplicas: 2, maxReplicas: 3 });
  });

  it("deploys only the models that list the environment", () => {
    const model = ONNX_MODEL.replace("  dev:\n    nodePool: t4\n", "");
    expect(resolve("dev", DEV_STACK, model).models).toEqual([]);
    expect(resolve("prod", PROD_STACK, model).models.map((m) => m.name)).toEqual(["resnet50"]);
  });

  it("drops the GPU requirement of a model placed on a CPU pool", () => {
    const model = ONNX_MODEL.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: cpu");
    expect(resolve("dev", DEV_STACK, model).models[0]!.gpu).toBeUndefined();
  });

  it("returns deeply frozen data", () => {
    const platform = resolve("dev", DEV_STACK);
    expect(Object.isFrozen(platform.environment.nodePools[0])).toBe(true);
    expect(Object.isFrozen(platform.models[0]!.scaling)).toBe(true);
  });
});

describe("cross-field checks", () => {
  it.each([
    [
      "an unknown node pool",
      "dev",
      DEV_STACK,
      ONNX_MODEL.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: a100"),
      'catalog/resnet50.yaml:14: environments.dev.nodePool: unknown node pool; got "a100". Use one of "cpu" or "t4", or define it under inferstack:environment.nodePools in stacks/Pulumi.dev.yaml.',
    ],
    [
      "a model larger than its pool's GPU memory",
      "dev",
      DEV_STACK,
      ONNX_MODEL.replace("memoryGiB: 2", "memoryGiB: 30"),
      'catalog/resnet50.yaml:8: gpu.memoryGiB: needs 30 GiB but node pool "t4" (g4dn.xlarge) has 16 GiB per GPU, 14.4 GiB usable after 10% headroom; got 30. Choose a node pool with larger GPUs or lower the model\'s memory.',
    ],
    [
      "instances that together exceed the GPU",
      "dev",
      DEV_STACK,
      ONNX_MODEL.replace("memoryGiB: 2", "memoryGiB: 5").replace("gpu:", "instancesPerServer: 3\ngpu:"),
      'catalog/resnet50.yaml:9: gpu.memoryGiB: needs 15 GiB (3 instances × 5 GiB) but node pool "t4" (g4dn.xlarge) has 16 GiB per GPU, 14.4 GiB usable after 10% headroom; got 5. Choose a node pool with larger GPUs or lower the model\'s memory.',
    ],
    [
      "a GPU model without its GPU memory",
      "dev",
      DEV_STACK,
      ONNX_MODEL.replace("gpu:\n  memoryGiB: 2\n", ""),
      'catalog/resnet50.yaml:1: gpu: is required on GPU node pool "t4" (g4dn.xlarge); got nothing. Add gpu.memoryGiB with the GPU memory one instance needs.',
    ],
    [
      "a SavedModel on Triton, suggesting TF Serving or ONNX",
      "dev",
      DEV_STACK,
      ONNX_MODEL.replace("format: onnx", "format: savedmodel"),
      'catalog/resnet50.yaml:3: format: Triton images since 25.03 no longer ship the TensorFlow backend, so they cannot load a SavedModel; got "savedmodel" with runtime "triton". Set runtime to "tfserving", or convert the model to ONNX (tf2onnx) and set format to "onnx".',
    ],
    [
      "an ONNX model on TF Serving",
      "dev",
      DEV_STACK,
      ONNX_MODEL.replace("runtime: triton", "runtime: tfserving"),
      'catalog/resnet50.yaml:3: format: TF Serving cannot serve this format; got "onnx". Use "savedmodel", or set runtime to "triton".',
    ],
    [
      "TensorRT on a CPU pool",
      "dev",
      DEV_STACK,
      ONNX_MODEL.replace("format: onnx", "format: tensorrt_plan").replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: cpu"),
      'catalog/resnet50.yaml:14: environments.dev.nodePool: TensorRT needs a GPU but node pool "cpu" (m6i.xlarge) has none; got "cpu". Place the model on a GPU node pool.',
    ],
    [
      "min replicas above max",
      "dev",
      DEV_STACK,
      ONNX_MODEL.replace("gpu:", "scaling:\n  minReplicas: 3\n  maxReplicas: 2\ngpu:"),
      "catalog/resnet50.yaml:8: scaling.minReplicas: must not exceed maxReplicas (2); got 3. Lower minReplicas or raise maxReplicas.",
    ],
    [
      "a single replica in prod",
      "prod",
      PROD_STACK,
      ONNX_MODEL.replace("  prod:\n    nodePool: t4", "  prod:\n    nodePool: t4\n    scaling:\n      minReplicas: 1"),
      "catalog/resnet50.yaml:18: environments.prod.scaling.minReplicas: prod runs every model with at least 2 replicas so one node loss keeps it serving; got 1. Set minReplicas to 2 or more.",
    ],
    [
      "a pinned version the artifact does not have",
      "dev",
      DEV_STACK,
      ONNX_MODEL.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: t4\n    versions: [3]"),
      "catalog/resnet50.yaml:15: environments.dev.versions[0]: is not one of artifact.versions (1, 2); got 3. Add the version to artifact.versions or pin one that exists.",
    ],
    [
      "an unknown instance type",
      "dev",
      DEV_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarg]"),
      ONNX_MODEL,
      'stacks/Pulumi.dev.yaml:15: inferstack:environment.nodePools.t4.instanceTypes[0]: unknown instance type; got "g4dn.xlarg". Did you mean "g4dn.xlarge"?',
    ],
    [
      "GPU and CPU instance types in one pool",
      "dev",
      DEV_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge, m6i.large]"),
      ONNX_MODEL,
      'stacks/Pulumi.dev.yaml:15: inferstack:environment.nodePools.t4.instanceTypes: mixes GPU and CPU instance types; got ["g4dn.xlarge", "m6i.large"]. Put GPU and CPU instance types in separate node pools.',
    ],
    [
      "min nodes above max",
      "dev",
      DEV_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        minNodes: 3\n        maxNodes: 2"),
      ONNX_MODEL,
      "stacks/Pulumi.dev.yaml:16: inferstack:environment.nodePools.t4.minNodes: must not exceed maxNodes (2); got 3. Lower minNodes or raise maxNodes.",
    ],
    [
      "spot capacity in prod",
      "prod",
      PROD_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        capacityType: SPOT"),
      ONNX_MODEL,
      'stacks/Pulumi.prod.yaml:16: inferstack:environment.nodePools.t4.capacityType: spot capacity is not allowed in prod; got "SPOT". Use "ON_DEMAND": a spot interruption would take serving capacity away without notice.',
    ],
    [
      "an existing cluster without its kubeconfig",
      "dev",
      DEV_STACK.replace("  inferstack:kubeconfig:\n    secure: v1:abc\n", ""),
      ONNX_MODEL,
      "stacks/Pulumi.dev.yaml:8: inferstack:environment.cluster.mode: an existing cluster needs its kubeconfig; got no inferstack:kubeconfig secret. Run: pulumi config set --secret inferstack:kubeconfig < kubeconfig.yaml --stack dev.",
    ],
  ])("rejects %s", (_case, stack, stackYaml, model, expected) => {
    expect(problems(stack, stackYaml, model)).toEqual([expected]);
  });

  it("reports model problems together with environment problems that do not affect placement", () => {
    const stackYaml = DEV_STACK.replace("  inferstack:kubeconfig:\n    secure: v1:abc\n", "");
    const model = ONNX_MODEL.replace("memoryGiB: 2", "memoryGiB: 30");
    expect(problems("dev", stackYaml, model).map((line) => line.split(": ").slice(0, 2).join(": "))).toEqual([
      "catalog/resnet50.yaml:8: gpu.memoryGiB",
      "stacks/Pulumi.dev.yaml:8: inferstack:environment.cluster.mode",
    ]);
  });
});
