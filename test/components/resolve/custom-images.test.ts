import { readImageFiles } from "../../../components/project";
import { buildDigest, contextFiles } from "../../../components/registry/build";
import { loadPlatform, type PlatformInput } from "../../../components/resolve";
import { CREATE_DEV_STACK } from "../../helpers/foundation-samples";
import { inputFrom, problemsOf, REPO, tempProject } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, withEnvironmentKeys } from "../../helpers/samples";

const HOST = "111122223333.dkr.ecr.us-east-1.amazonaws.com";
/** CREATE_DEV_STACK with `registry.customImages` set to `images` (YAML lines indented for its entries). */
const withImages = (images: string, stack = CREATE_DEV_STACK) => withEnvironmentKeys(stack, `    registry:\n      customImages:\n${images}`);
const TRITON_PYTHON = "        triton-python: { runtime: triton }\n";
/** ONNX_MODEL running `image` in dev. */
const running = (image: string, model = ONNX_MODEL) => model.replace("  dev:\n    nodePool: t4\n", `  dev:\n    nodePool: t4\n    image: ${image}\n`);
const load = (stack: string, catalog: Record<string, string> = { "catalog/resnet50.yaml": ONNX_MODEL }, extra: Partial<PlatformInput> = {}) => loadPlatform({ ...inputFrom("dev", stack, catalog), ...extra });

describe("custom images of a created registry", () => {
  it("build images/<name> on the pinned runtime image for linux/amd64, tagged by the content of the context", () => {
    const [image] = load(withImages(TRITON_PYTHON)).foundation!.registry.customImages;
    const digest = buildDigest({
      files: contextFiles(readImageFiles(REPO), "images/triton-python"),
      dockerfile: "images/triton-python/Dockerfile",
      buildArgs: { BASE_IMAGE: "nvcr.io/nvidia/tritonserver:26.07-py3" },
      platform: "linux/amd64",
    });
    expect(image).toEqual({
      name: "triton-python",
      repository: "inferstack/dev/triton-python",
      runtime: "triton",
      gpu: true,
      context: "images/triton-python",
      dockerfile: "images/triton-python/Dockerfile",
      buildArgs: { BASE_IMAGE: "nvcr.io/nvidia/tritonserver:26.07-py3" },
      platform: "linux/amd64",
      digest,
      tag: `26.07-py3-${digest.slice(0, 12)}`,
      imageName: `${HOST}/inferstack/dev/triton-python:26.07-py3-${digest.slice(0, 12)}`,
    });
    // The three files of the context are what the digest covers.
    expect(contextFiles(readImageFiles(REPO), "images/triton-python").map((f) => f.path)).toEqual([".dockerignore", "Dockerfile", "requirements.txt"]);
  });

  it("keep their tag while the context is unchanged, wherever the project lives, and change it with any file", () => {
    const tagOf = (root: string) => load(withImages(TRITON_PYTHON), undefined, { imageFiles: readImageFiles(root) }).foundation!.registry.customImages[0]!.tag;
    const shipped = tagOf(REPO);
    expect(tagOf(tempProject())).toBe(shipped);
    expect(tagOf(tempProject({ "images/triton-python/requirements.txt": "pillow==13.0.0\n" }))).not.toBe(shipped);
    expect(tagOf(tempProject({ "images/triton-python/model_helpers.py": "" }))).not.toBe(shipped);
  });

  it("take another build context under images/ and the CPU base of TF Serving", () => {
    const root = tempProject({ "images/shared/tf/Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nUSER 10001:10001\n" });
    const [image] = load(withImages("        tf-tools: { runtime: tfserving, gpu: false, context: images/shared/tf }\n"), undefined, { imageFiles: readImageFiles(root) }).foundation!.registry.customImages;
    expect([image!.context, image!.dockerfile, image!.buildArgs, image!.tag]).toEqual([
      "images/shared/tf",
      "images/shared/tf/Dockerfile",
      { BASE_IMAGE: "tensorflow/serving:2.20.0" },
      expect.stringMatching(/^2\.20\.0-[0-9a-f]{12}$/),
    ]);
  });

  it("run in a server pool by their tag when its models name them", () => {
    const platform = load(withImages(TRITON_PYTHON), { "catalog/resnet50.yaml": running("triton-python") });
    const [image] = platform.foundation!.registry.customImages;
    expect(platform.serverPools.map((p) => [p.name, p.image, p.customImage])).toEqual([["resnet50", image!.imageName, "triton-python"]]);
  });

  it("leave pools whose models name none on the pinned runtime image", () => {
    const platform = load(withImages(TRITON_PYTHON));
    expect(platform.serverPools.map((p) => [p.image, p.customImage])).toEqual([[`${HOST}/inferstack/dev/tritonserver:26.07-py3`, undefined]]);
  });
});

const SECOND = running("triton-python").replace("name: resnet50", "name: mobilenet").replace("uri: vision/resnet50", "uri: vision/mobilenet");

describe("custom image checks", () => {
  it.each([
    [
      "a custom image without a Dockerfile",
      withImages("        missing: { runtime: triton }\n"),
      ONNX_MODEL,
      'stacks/Pulumi.dev.yaml:17: inferstack:environment.registry.customImages.missing: needs a Dockerfile in its build context, images/missing/Dockerfile; got no directory images/missing. Create images/missing/Dockerfile (FROM ${BASE_IMAGE}; see images/triton-python), or point context at the directory that holds it.',
    ],
    [
      "a build context that holds no Dockerfile",
      withImages("        sample: { runtime: triton, context: images/triton-python/none }\n"),
      ONNX_MODEL,
      'stacks/Pulumi.dev.yaml:17: inferstack:environment.registry.customImages.sample.context: needs a Dockerfile in its build context, images/triton-python/none/Dockerfile; got no directory images/triton-python/none. Create images/triton-python/none/Dockerfile (FROM ${BASE_IMAGE}; see images/triton-python), or point context at the directory that holds it.',
    ],
    [
      "a build context outside images/",
      withImages("        sample: { runtime: triton, context: ../elsewhere }\n"),
      ONNX_MODEL,
      'stacks/Pulumi.dev.yaml:17: inferstack:environment.registry.customImages.sample.context: must be a directory under images/ such as "images/triton-python"; got "../elsewhere". Keep build contexts under images/, the directory inferstack reads.',
    ],
    [
      "a model naming a custom image the environment does not build",
      withImages(TRITON_PYTHON),
      running("triton-tools"),
      'catalog/resnet50.yaml:15: environments.dev.image: names no custom image of stack "dev"; got "triton-tools". Use one of "triton-python", or remove it.',
    ],
    [
      "a model running a custom image of another runtime",
      withImages("        tf-tools: { runtime: tfserving, context: images/triton-python }\n"),
      running("tf-tools"),
      'catalog/resnet50.yaml:15: environments.dev.image: is built on tfserving but the model runs on triton; got "tf-tools". Run a custom image built on triton, or remove it.',
    ],
    [
      "a custom image on an existing cluster",
      DEV_STACK,
      running("triton-python"),
      'catalog/resnet50.yaml:15: environments.dev.image: needs the registry inferstack creates, where custom images are built, but stack "dev" uses an existing cluster; got "triton-python". Remove it: an existing cluster runs the pinned runtime image (or your registry.mirror of it).',
    ],
  ])("rejects %s", (_case, stack, model, expected) => {
    expect(problemsOf(() => load(stack, { "catalog/resnet50.yaml": model }))).toEqual([expected]);
  });

  it("rejects a TF Serving image built on the GPU base for a CPU node pool", () => {
    const model = `name: ranker\nruntime: tfserving\nformat: savedmodel\nartifact:\n  uri: ranking/ranker\n  versions: [1]\nslo:\n  latencyMs: 20\n  errorRatio: 0.01\nenvironments:\n  dev:\n    nodePool: cpu\n    image: tf-tools\n`;
    expect(problemsOf(() => load(withImages("        tf-tools: { runtime: tfserving, context: images/triton-python }\n"), { "catalog/ranker.yaml": model }))).toEqual([
      'catalog/ranker.yaml:13: environments.dev.image: is built on the GPU image of tfserving but node pool "cpu" has no GPUs; got "tf-tools". Set registry.customImages.tf-tools.gpu: false, or use another image.',
    ]);
  });

  it("rejects models of one server pool that disagree on the image", () => {
    const first = ONNX_MODEL.replace("  dev:\n    nodePool: t4\n", "  dev:\n    nodePool: t4\n    serverPool: shared\n");
    const second = SECOND.replace("    image: triton-python\n", "    serverPool: shared\n    image: triton-python\n");
    expect(problemsOf(() => load(withImages(TRITON_PYTHON), { "catalog/a.yaml": second, "catalog/b.yaml": first }))).toEqual([
      'catalog/b.yaml:13: environments.dev.image: server pool "shared" runs custom image "triton-python" (model mobilenet) but this model asks for the pinned runtime image; got nothing. Give every model of a server pool the same image, or separate server pools.',
    ]);
  });

  it("rejects custom images of a stack that uses an existing cluster, as before", () => {
    expect(problemsOf(() => load(withImages(TRITON_PYTHON, DEV_STACK)))).toEqual([
      "stacks/Pulumi.dev.yaml:19: inferstack:environment.registry.customImages: applies only when inferstack creates the cluster (cluster.mode \"create\"); got an object with keys triton-python. Remove it: with an existing cluster, your own node groups, registry and bucket keep their settings.",
    ]);
  });
});
