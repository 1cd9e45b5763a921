import { type ResolvedModel } from "../../../components/resolve/types";
import { modelsByPool, servingPlanFiles } from "../../../components/serving/render";
import { renderTfServingFiles } from "../../../components/serving/tfserving/config";
import { renderTritonModelConfig } from "../../../components/serving/triton/model-config";
import { loadPlatform } from "../../../components/resolve";
import { inputFrom, shippedPlatform, SHIPPED_STACKS } from "../../helpers/input";
import { protocErrors } from "../../helpers/protoc";
import { DEV_STACK, ONNX_MODEL } from "../../helpers/samples";

const TRITON = ["triton_model_config.proto", "inference.ModelConfig"] as const;
const TF_MESSAGES: Record<string, string> = {
  "models.config": "inferstack.tfserving.ModelServerConfig",
  "batching.config": "inferstack.tfserving.BatchingParameters",
  "monitoring.config": "inferstack.tfserving.MonitoringConfig",
};

const prod = shippedPlatform("prod");
const model = (name: string) => prod.models.find((m) => m.name === name)!;
/** The single model of a dev catalog holding `extra` after ONNX_MODEL, with its format swapped. */
const devModel = (extra: string, format = "onnx"): ResolvedModel =>
  loadPlatform(inputFrom("dev", DEV_STACK, { "catalog/m.yaml": `${ONNX_MODEL.replace("format: onnx", `format: ${format}`)}${extra}` })).models[0]!;

describe("Triton config.pbtxt of the shipped prod models", () => {
  it("renders resnet50: ONNX Runtime, two GPU instances, batching with a bounded queue, warmup", () => {
    expect(renderTritonModelConfig(model("resnet50"))).toBe(
`name: "resnet50"
backend: "onnxruntime"
default_model_filename: "model.onnx"
max_batch_size: 32
version_policy {
  specific {
    versions: [1, 2]
  }
}
input [
  {
    name: "input"
    data_type: TYPE_FP32
    format: FORMAT_NCHW
    dims: [3, 224, 224]
  }
]
output [
  {
    name: "output"
    data_type: TYPE_FP32
    dims: [1000]
  }
]
instance_group [
  {
    count: 2
    kind: KIND_GPU
  }
]
dynamic_batching {
  preferred_batch_size: [8, 16, 32]
  max_queue_delay_microseconds: 500
  default_queue_policy {
    timeout_action: REJECT
    default_timeout_microseconds: 100000
    allow_timeout_override: false
    max_queue_size: 256
  }
}
model_warmup [
  {
    name: "resnet50-warmup"
    batch_size: 8
    count: 1
    inputs {
      key: "input"
      value {
        data_type: TYPE_FP32
        dims: [3, 224, 224]
        zero_data: true
      }
    }
  }
]
`,
    );
  });

  it("renders bert-encoder: variable-length inputs and the TensorRT accelerator at FP16 with a 2 GiB workspace", () => {
    expect(renderTritonModelConfig(model("bert-encoder"))).toBe(
`name: "bert-encoder"
backend: "onnxruntime"
default_model_filename: "model.onnx"
max_batch_size: 16
version_policy {
  specific {
    versions: [3]
  }
}
input [
  {
    name: "input_ids"
    data_type: TYPE_INT64
    dims: [-1]
  },
  {
    name: "attention_mask"
    data_type: TYPE_INT64
    dims: [-1]
  }
]
output [
  {
    name: "last_hidden_state"
    data_type: TYPE_FP32
    dims: [-1, 768]
  }
]
instance_group [
  {
    count: 1
    kind: KIND_GPU
  }
]
dynamic_batching {
  preferred_batch_size: [4, 8, 16]
  max_queue_delay_microseconds: 2000
}
optimization {
  execution_accelerators {
    gpu_execution_accelerator [
      {
        name: "tensorrt"
        parameters {
          key: "precision_mode"
          value: "FP16"
        }
        parameters {
          key: "max_workspace_size_bytes"
          value: "2147483648"
        }
      }
    ]
  }
}
`,
    );
  });
});

describe("Triton config.pbtxt fields", () => {
  it("names the backend and default file of each format", () => {
    expect(
      (["onnx", "tensorrt_plan", "torchscript", "python"] as const).map((format) =>
        renderTritonModelConfig(devModel("", format)).split("\n").slice(1, 3),
      ),
    ).toEqual([
      ['backend: "onnxruntime"', 'default_model_filename: "model.onnx"'],
      ['backend: "tensorrt"', 'default_model_filename: "model.plan"'],
      ['backend: "pytorch"', 'default_model_filename: "model.pt"'],
      ['backend: "python"', 'default_model_filename: "model.py"'],
    ]);
  });

  it("writes a latest version policy", () => {
    expect(renderTritonModelConfig(devModel("versionPolicy:\n  latest: 1\n"))).toContain("version_policy {\n  latest {\n    num_versions: 1\n  }\n}\n");
  });

  it("turns on CUDA graphs for a TensorRT plan", () => {
    const text = renderTritonModelConfig(devModel("optimization:\n  cudaGraphs: true\n", "tensorrt_plan"));
    expect(text).toContain("optimization {\n  cuda {\n    graphs: true\n  }\n}\n");
    expect(protocErrors(...TRITON, text)).toEqual([]);
  });

  it("runs CPU instances as KIND_CPU and leaves out what was not asked for", () => {
    const text = renderTritonModelConfig(devModel("instanceKind: cpu\n"));
    expect(text).toContain("instance_group [\n  {\n    count: 1\n    kind: KIND_CPU\n  }\n]\n");
    for (const absent of ["dynamic_batching", "optimization", "model_warmup", "input [", "output ["]) expect(text).not.toContain(absent);
    expect(protocErrors(...TRITON, text)).toEqual([]);
  });

  it("writes INT8 TensorRT precision and random warmup data", () => {
    const text = renderTritonModelConfig(
      devModel("maxBatchSize: 4\ninputs:\n  - name: x\n    dataType: FP16\n    dims: [8]\noptimization:\n  tensorrt: true\n  precision: int8\nwarmup:\n  data: random\n  count: 3\n"),
    );
    expect(text).toContain('          key: "precision_mode"\n          value: "INT8"\n');
    expect(text).toContain('    count: 3\n    inputs {\n      key: "x"\n      value {\n        data_type: TYPE_FP16\n        dims: [8]\n        random_data: true\n');
    expect(protocErrors(...TRITON, text)).toEqual([]);
  });

  it("refuses to render a TF Serving model as a Triton config", () => {
    expect(() => renderTritonModelConfig(model("ctr-ranker"))).toThrow("renderTritonModelConfig: model ctr-ranker is not a Triton model");
  });
});

describe("TF Serving config files of the shipped ctr-ranker pool", () => {
  const pool = prod.serverPools.find((p) => p.name === "ctr-ranker")!;
  const files = renderTfServingFiles(pool, [model("ctr-ranker")]);

  it("lists the model with its local base path, version policy and label", () => {
    expect(files["models.config"]).toBe(
`model_config_list {
  config {
    name: "ctr-ranker"
    base_path: "/models/ctr-ranker"
    model_platform: "tensorflow"
    model_version_policy {
      specific {
        versions: [7, 8]
      }
    }
    version_labels {
      key: "stable"
      value: 8
    }
  }
}
`,
    );
  });

  it("writes batching parameters whose allowed sizes end at maxBatchSize", () => {
    expect(files["batching.config"]).toBe(
`max_batch_size {
  value: 64
}
batch_timeout_micros {
  value: 1000
}
max_enqueued_batches {
  value: 100
}
num_batch_threads {
  value: 2
}
allowed_batch_sizes: 16
allowed_batch_sizes: 32
allowed_batch_sizes: 64
`,
    );
  });

  it("serves Prometheus metrics at the runtime's metrics path", () => {
    expect(files["monitoring.config"]).toBe(
`prometheus_config {
  enable: true
  path: "/monitoring/prometheus/metrics"
}
`,
    );
  });

  it("writes no batching file when the models do not batch", () => {
    const plain = { ...model("ctr-ranker"), dynamicBatching: undefined };
    expect(Object.keys(renderTfServingFiles(pool, [plain]))).toEqual(["models.config", "monitoring.config"]);
  });
});

describe.each(SHIPPED_STACKS)("runtime configs of the shipped %s stack", (stack) => {
  const platform = shippedPlatform(stack);
  const files = servingPlanFiles(platform);

  it("writes one config.pbtxt per Triton model and the config files of each TF Serving pool", () => {
    const byPool = modelsByPool(platform.models);
    const expected = platform.serverPools.flatMap((pool) =>
      pool.runtime === "triton"
        ? byPool.get(pool.name)!.map((m) => `models/${m.name}/config.pbtxt`)
        : ["batching.config", "models.config", "monitoring.config"].map((f) => `tfserving/${pool.name}/${f}`),
    );
    expect([...files.keys()].sort()).toEqual(expected.sort());
  });

  it("parses every file with protoc against the runtime's schema", () => {
    for (const [file, text] of files) {
      const [schema, message] = file.startsWith("models/") ? TRITON : ["tf_serving_config.proto", TF_MESSAGES[file.split("/").pop()!]!];
      expect({ file, errors: protocErrors(schema, message, text) }).toEqual({ file, errors: [] });
    }
  });
});

describe("the protoc check", () => {
  it("reports a field Triton does not know", () => {
    expect(protocErrors(...TRITON, 'name: "m"\nmax_batch: 4\n')).toEqual([
      'input:2:10: Message type "inference.ModelConfig" has no field named "max_batch".',
      "Failed to parse input.",
    ]);
  });
});
