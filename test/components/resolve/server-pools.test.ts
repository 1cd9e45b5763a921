import { loadPlatform } from "../../../components/resolve";
import { inputFrom, problemsOf } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, withEnvironmentKeys } from "../../helpers/samples";

/** A second Triton model, sharing `serverPool` when given. */
const bert = (extra = "", serverPool = "shared") =>
  ONNX_MODEL.replace("name: resnet50", "name: bert")
    .replace("uri: vision/resnet50", "uri: nlp/bert")
    .replace("memoryGiB: 2", "memoryGiB: 6")
    .replace("  dev:\n    nodePool: t4", `  dev:\n    nodePool: t4\n    serverPool: ${serverPool}${extra}`);
const resnet = ONNX_MODEL.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: t4\n    serverPool: shared");

const resolve = (catalog: Record<string, string>) => loadPlatform(inputFrom("dev", DEV_STACK, catalog));

describe("server pools", () => {
  it("keeps the tier's preStop delay without discovery, and raises it to the DNS staleness bound with it", () => {
    const preStop = (stack: string) => loadPlatform(inputFrom("dev", stack, { "catalog/resnet50.yaml": ONNX_MODEL })).serverPools.map((p) => p.preStopSeconds);
    expect(preStop(withEnvironmentKeys(DEV_STACK, "    discovery:\n      enabled: false\n"))).toEqual([5]);
    expect(preStop(DEV_STACK)).toEqual([15]);
  });

  it("gives every model a pool of its own by default", () => {
    const { serverPools } = resolve({ "catalog/resnet50.yaml": ONNX_MODEL });
    expect(serverPools).toEqual([
      {
        name: "resnet50",
        runtime: "triton",
        nodePool: "t4",
        gpu: true,
        models: ["resnet50"],
        serviceAccount: "resnet50-server",
        image: "nvcr.io/nvidia/tritonserver:26.07-py3",
        gpuMemoryGiB: 2,
        scaling: { minReplicas: 1, maxReplicas: 2 },
        // Triton's own share (1 CPU, 3 GiB with /dev/shm, 2 GiB disk) plus the model's defaults.
        resources: { cpu: 2, memoryGiB: 5, ephemeralStorageGiB: 6 },
        loadSeconds: 300,
        requestSeconds: 30,
        // A quarter of the 40 ms latency SLO.
        queueTargetMicroseconds: 10000,
        // dev's 5 s, raised to the 15 s Consul DNS staleness bound of dev.
        preStopSeconds: 15,
      },
    ]);
  });

  it("lets models of one runtime and node pool share a pool, adding up their GPU memory", () => {
    const platform = resolve({ "catalog/resnet50.yaml": resnet, "catalog/bert.yaml": bert("\n    scaling:\n      maxReplicas: 3") });
    expect(platform.serverPools).toEqual([
      {
        name: "shared",
        runtime: "triton",
        nodePool: "t4",
        gpu: true,
        models: ["bert", "resnet50"],
        serviceAccount: "shared-server",
        image: "nvcr.io/nvidia/tritonserver:26.07-py3",
        gpuMemoryGiB: 8,
        scaling: { minReplicas: 1, maxReplicas: 3 },
        resources: { cpu: 3, memoryGiB: 7, ephemeralStorageGiB: 10 },
        loadSeconds: 600,
        requestSeconds: 30,
        queueTargetMicroseconds: 10000,
        preStopSeconds: 15,
      },
    ]);
    expect(platform.models.map((m) => [m.name, m.serverPool])).toEqual([
      ["bert", "shared"],
      ["resnet50", "shared"],
    ]);
  });

  it("runs TF Serving on its GPU image on GPU nodes and its CPU image elsewhere", () => {
    const tf = ONNX_MODEL.replace("runtime: triton", "runtime: tfserving").replace("format: onnx", "format: savedmodel");
    expect(resolve({ "catalog/m.yaml": tf }).serverPools[0]!.image).toBe("tensorflow/serving:2.20.0-gpu");
    const onCpu = tf.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: cpu");
    expect(resolve({ "catalog/m.yaml": onCpu }).serverPools[0]).toMatchObject({ image: "tensorflow/serving:2.20.0", gpu: false, gpuMemoryGiB: 0 });
  });

  it.each([
    [
      "models of different runtimes in one pool",
      { "catalog/resnet50.yaml": resnet, "catalog/bert.yaml": bert().replace("runtime: triton", "runtime: tfserving").replace("format: onnx", "format: savedmodel") },
      'catalog/resnet50.yaml:15: environments.dev.serverPool: server pool "shared" runs tfserving (model bert) but this model uses triton; got "shared". Give models of different runtimes different server pools.',
    ],
    [
      "models on different node pools in one pool",
      { "catalog/resnet50.yaml": resnet, "catalog/bert.yaml": bert().replace("nodePool: t4", "nodePool: cpu").replace("gpu:\n  memoryGiB: 6\n", "") },
      'catalog/resnet50.yaml:15: environments.dev.serverPool: server pool "shared" runs on node pool "cpu" (model bert) but this model asks for "t4"; got "shared". Place every model of a server pool on the same node pool.',
    ],
    [
      "a shared pool whose models exceed the GPU together",
      { "catalog/resnet50.yaml": resnet.replace("memoryGiB: 2", "memoryGiB: 9"), "catalog/bert.yaml": bert() },
      'catalog/resnet50.yaml:15: environments.dev.serverPool: server pool "shared" needs 15 GiB on one GPU (bert 6 + resnet50 9) but node pool "t4" (g4dn.xlarge) offers 14.4 GiB after 10% headroom; got "shared". Split the pool or choose larger GPUs.',
    ],
  ])("rejects %s", (_case, catalog, expected) => {
    expect(problemsOf(() => resolve(catalog))).toEqual([expected]);
  });
});

describe("artifact locations", () => {
  it("resolves a relative prefix against the environment's model store", () => {
    expect(resolve({ "catalog/m.yaml": ONNX_MODEL.replace("uri: vision/resnet50", "uri: vision/resnet50/") }).models[0]!.artifact.location).toEqual({
      bucket: "models-dev",
      prefix: "vision/resnet50",
    });
  });

  it("keeps an explicit s3:// location", () => {
    expect(resolve({ "catalog/m.yaml": ONNX_MODEL.replace("uri: vision/resnet50", "uri: s3://shared-models/cv/resnet50") }).models[0]!.artifact.location).toEqual({
      bucket: "shared-models",
      prefix: "cv/resnet50",
    });
  });

  it("rejects a relative prefix when the environment has no model store", () => {
    const stack = DEV_STACK.replace("    modelStore:\n      bucket: models-dev\n", "");
    expect(problemsOf(() => loadPlatform(inputFrom("dev", stack, { "catalog/m.yaml": ONNX_MODEL })))).toEqual([
      'catalog/m.yaml:5: artifact.uri: is relative to the model store but stack dev has none; got "vision/resnet50". Set inferstack:environment.modelStore.bucket in stacks/Pulumi.dev.yaml or give an s3:// location.',
    ]);
  });
});
