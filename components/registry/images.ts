import { type Runtime } from "../spec/model";

/**
 * Pinned upstream images of the serving runtimes, checked 2026-08 (see FACTS §1.1 and §2):
 * Triton 2.71.0 is NGC container 26.07; TF Serving's latest release is 2.20.0 (`-gpu` for GPU nodes).
 * Never `latest`: a tag change is a reviewed change here. `mirrorName` is the repository that holds
 * a copy of the image in an environment's registry (ECR cannot pull through from nvcr.io, FACTS §6.3).
 */
export const RUNTIME_IMAGES = Object.freeze({
  triton: Object.freeze({ repository: "nvcr.io/nvidia/tritonserver", gpuTag: "26.07-py3", cpuTag: "26.07-py3", mirrorName: "tritonserver" }),
  tfserving: Object.freeze({ repository: "tensorflow/serving", gpuTag: "2.20.0-gpu", cpuTag: "2.20.0", mirrorName: "tensorflow-serving" }),
} satisfies Record<Runtime, { repository: string; gpuTag: string; cpuTag: string; mirrorName: string }>);

/**
 * The AWS CLI image of the init containers that copy model artifacts from S3 into a pod (TF Serving
 * cannot read `s3://`, FACTS §2). Official image `amazon/aws-cli` (AWS CLI v2 user guide, "Run the
 * official Amazon ECR Public or Docker images for the AWS CLI"); its entrypoint is `aws`. Tag checked
 * 2026-11-28; AWS CLI v2 reads IRSA web-identity credentials. Mirrored like the runtimes.
 */
export const SYNC_IMAGE = Object.freeze({ repository: "amazon/aws-cli", tag: "2.34.24", mirrorName: "aws-cli" });

/** The sync image reference: upstream, or its copy under `mirror` (`<registry host>/<path>`). */
export function syncImage(mirror?: string): string {
  return mirror === undefined ? `${SYNC_IMAGE.repository}:${SYNC_IMAGE.tag}` : `${mirror}/${SYNC_IMAGE.mirrorName}:${SYNC_IMAGE.tag}`;
}

/**
 * The image reference a server pool of `runtime` runs, on GPU or CPU nodes: the pinned upstream image,
 * or its copy under `mirror` (`<registry host>/<path>`) when the environment has a registry mirror.
 */
export function runtimeImage(runtime: Runtime, gpu: boolean, mirror?: string): string {
  const image = RUNTIME_IMAGES[runtime];
  const tag = gpu ? image.gpuTag : image.cpuTag;
  return mirror === undefined ? `${image.repository}:${tag}` : `${mirror}/${image.mirrorName}:${tag}`;
}

/** The ECR registry host of an account and region. */
export function ecrRegistryHost(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.amazonaws.com`;
}

/** Default prefix of the repositories a created registry holds: `inferstack/<stack>`. */
export function defaultRepositoryPrefix(stack: string): string {
  return `inferstack/${stack.toLowerCase()}`;
}
