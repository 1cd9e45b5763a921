import { type ResolvedEnvironment, type ResolvedModel } from "../resolve/types";
import { SERVING_SETTINGS } from "./settings";

/**
 * How one model reaches its server.
 *
 * - `store`: Triton reads the model straight from the environment's model store (`--model-repository
 *   s3://<bucket>/<parent prefix>`, IRSA credentials); its `config.pbtxt` is written next to the
 *   artifacts as an S3 object.
 * - `synced`: an init container copies the served versions from S3 into the pod's `/models/<model>`.
 *   Always for TF Serving (its images cannot read `s3://`, FACTS §2), and for Triton models outside the
 *   environment's model store, whose `config.pbtxt` is then mounted from a ConfigMap.
 */
export type ModelSource =
  | {
      readonly kind: "store";
      readonly model: string;
      /** Triton `--model-repository` value: the S3 "directory" holding the model's directory. */
      readonly repository: string;
      /** Bucket and key of the model's `config.pbtxt`. */
      readonly configObject: { readonly bucket: string; readonly key: string };
    }
  | {
      readonly kind: "synced";
      readonly model: string;
      /** The model's directory in S3, e.g. `s3://bucket/vision/resnet50`. */
      readonly s3Uri: string;
      /** Local directory of the model in the pod, e.g. `/models/resnet50`. */
      readonly localPath: string;
      /** Version folders copied. */
      readonly versions: readonly number[];
    };

/** Where `model` is read from, given the environment's model store. Pure. */
export function modelSource(model: ResolvedModel, environment: ResolvedEnvironment): ModelSource {
  const { bucket, prefix } = model.artifact.location;
  if (model.runtime === "triton" && environment.modelStore?.bucket === bucket) {
    const parent = prefix.split("/").slice(0, -1).join("/");
    return {
      kind: "store",
      model: model.name,
      repository: parent === "" ? `s3://${bucket}` : `s3://${bucket}/${parent}`,
      configObject: { bucket, key: `${prefix}/config.pbtxt` },
    };
  }
  return {
    kind: "synced",
    model: model.name,
    s3Uri: prefix === "" ? `s3://${bucket}` : `s3://${bucket}/${prefix}`,
    localPath: `${SERVING_SETTINGS.localModelRoot}/${model.name}`,
    versions: model.artifact.versions,
  };
}

/** Default model file inside a version folder, per Triton backend (FACTS §1.2, core `src/constants.h`). */
export const TRITON_BACKENDS = Object.freeze({
  onnx: Object.freeze({ backend: "onnxruntime", defaultModelFilename: "model.onnx" }),
  tensorrt_plan: Object.freeze({ backend: "tensorrt", defaultModelFilename: "model.plan" }),
  torchscript: Object.freeze({ backend: "pytorch", defaultModelFilename: "model.pt" }),
  python: Object.freeze({ backend: "python", defaultModelFilename: "model.py" }),
} as const);
