import { type Runtime } from "../spec/model";

/**
 * Pinned upstream images of the serving runtimes, checked 2026-08 (see FACTS §1.1 and §2):
 * Triton 2.71.0 is NGC container 26.07; TF Serving's latest release is 2.20.0 (`-gpu` for GPU nodes).
 * Never `latest`: a tag change is a reviewed change here.
 */
export const RUNTIME_IMAGES = Object.freeze({
  triton: Object.freeze({ repository: "nvcr.io/nvidia/tritonserver", gpuTag: "26.07-py3", cpuTag: "26.07-py3" }),
  tfserving: Object.freeze({ repository: "tensorflow/serving", gpuTag: "2.20.0-gpu", cpuTag: "2.20.0" }),
} satisfies Record<Runtime, { repository: string; gpuTag: string; cpuTag: string }>);

/** The image reference a server pool of `runtime` runs, on GPU or CPU nodes. */
export function runtimeImage(runtime: Runtime, gpu: boolean): string {
  const image = RUNTIME_IMAGES[runtime];
  return `${image.repository}:${gpu ? image.gpuTag : image.cpuTag}`;
}
