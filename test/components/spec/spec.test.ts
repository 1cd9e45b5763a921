import { z } from "zod";
import { loadPlatform } from "../../../components/resolve";
import { inputFrom, problemsOf } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL } from "../../helpers/samples";

const MODEL_FILE = "catalog/resnet50.yaml";
const load = (stack: string, model: string = ONNX_MODEL) => () => loadPlatform(inputFrom("dev", stack, { [MODEL_FILE]: model }));

describe("the spec's schemas", () => {
  it("are interpreted, not compiled: components/zod.ts turns zod's compiler off before any is created", () => {
    // loadPlatform above imports every spec schema, through components/zod.ts
    expect(z.config().jitless).toBe(true);
  });
});

describe("stack config schema", () => {
  it.each([
    [
      "an unknown key, with a suggestion",
      DEV_STACK.replace("      t4:\n        instanceTypes: [g4dn.xlarge]", "      t4:\n        instanceTypes: [g4dn.xlarge]\n        maxNode: 3"),
      'stacks/Pulumi.dev.yaml:16: inferstack:environment.nodePools.t4.maxNode: unknown key; got "maxNode". Did you mean "maxNodes"?',
    ],
    [
      "an unknown key without a close match, listing the allowed ones",
      DEV_STACK.replace("    tier: dev", "    tier: dev\n    colour: blue"),
      'stacks/Pulumi.dev.yaml:6: inferstack:environment.colour: unknown key; got "colour". Remove it; allowed keys here: aws, budget, cluster, cost, discovery, logging, modelStore, namespace, nodePools, observability, policy, registry, tier.',
    ],
    [
      "an unknown inferstack config key",
      DEV_STACK.replace("config:\n", "config:\n  inferstack:enviroment: {}\n"),
      'stacks/Pulumi.dev.yaml:2: inferstack:enviroment: unknown config key; got "inferstack:enviroment". Did you mean "inferstack:environment"?',
    ],
    [
      "a config key without a namespace",
      DEV_STACK.replace("config:\n", "config:\n  catalog: models\n"),
      'stacks/Pulumi.dev.yaml:2: catalog: is not a namespaced config key; got "catalog". Write "inferstack:catalog" (Pulumi config keys are <namespace>:<name>).',
    ],
    [
      "a wrong type (an unquoted account id)",
      DEV_STACK.replace('accountId: "111122223333"', "accountId: 111122223333"),
      'stacks/Pulumi.dev.yaml:8: inferstack:environment.aws.accountId: must be a string; got 111122223333. Quote it: "111122223333".',
    ],
    [
      "a quoted number",
      DEV_STACK.replace("instanceTypes: [g4dn.xlarge]", 'instanceTypes: [g4dn.xlarge]\n        maxNodes: "3"'),
      'stacks/Pulumi.dev.yaml:16: inferstack:environment.nodePools.t4.maxNodes: must be a number; got "3". Write the number without quotes.',
    ],
    [
      "a zero where a positive count is needed",
      DEV_STACK.replace("instanceTypes: [g4dn.xlarge]", "instanceTypes: [g4dn.xlarge]\n        maxNodes: 0"),
      "stacks/Pulumi.dev.yaml:16: inferstack:environment.nodePools.t4.maxNodes: must be at least 1; got 0. Use 1 or more.",
    ],
    [
      "a negative count",
      DEV_STACK.replace("instanceTypes: [g4dn.xlarge]", "instanceTypes: [g4dn.xlarge]\n        minNodes: -1"),
      "stacks/Pulumi.dev.yaml:16: inferstack:environment.nodePools.t4.minNodes: must be at least 0; got -1. Use 0 or more.",
    ],
    [
      "an unknown tier, with a suggestion",
      DEV_STACK.replace("tier: dev", "tier: prd"),
      'stacks/Pulumi.dev.yaml:5: inferstack:environment.tier: must be one of "dev", "staging" or "prod"; got "prd". Did you mean "prod"?',
    ],
    [
      "a node pool name that is not a DNS label",
      DEV_STACK.replace("      cpu:", "      Big_CPU:"),
      'stacks/Pulumi.dev.yaml:16: inferstack:environment.nodePools.Big_CPU: node pool name must be a DNS label (lowercase letters, digits and "-", starting and ending with a letter or digit); got "Big_CPU". Try "big-cpu".',
    ],
    [
      "a missing required section",
      DEV_STACK.replace("    cluster:\n      mode: existing\n", ""),
      'stacks/Pulumi.dev.yaml:4: inferstack:environment.cluster: is required; got nothing. Add "cluster".',
    ],
    [
      "an unknown cluster mode",
      DEV_STACK.replace("mode: existing", "mode: borrowed"),
      'stacks/Pulumi.dev.yaml:10: inferstack:environment.cluster.mode: must be one of "existing" or "create"; got "borrowed". Set mode to one of them.',
    ],
    [
      "a kubeconfig stored in plain text",
      DEV_STACK.replace("  inferstack:kubeconfig:\n    secure: v1:abc\n", "  inferstack:kubeconfig: apiVersion-v1\n"),
      "stacks/Pulumi.dev.yaml:2: inferstack:kubeconfig: holds the kubeconfig of an existing cluster in plain text; got a plain value. Store it encrypted: pulumi config set --secret inferstack:kubeconfig <value>.",
    ],
    [
      "malformed YAML",
      DEV_STACK.replace("    tier: dev", "    tier: [dev"),
      "stacks/Pulumi.dev.yaml:6: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; got a syntax error. Fix the YAML syntax at this line.",
    ],
  ])("rejects %s", (_case, stack, expected) => {
    expect(problemsOf(load(stack))).toEqual([expected]);
  });

  it("rejects a stack file without its environment", () => {
    expect(problemsOf(load("config:\n  aws:region: us-east-1\n"))).toEqual([
      'stacks/Pulumi.dev.yaml: inferstack:environment: is required; got nothing. Add it under "config:" (see stacks/Pulumi.dev.yaml for an example).',
    ]);
  });

  it("reports every problem of every file together, sorted by file and line", () => {
    const stack = DEV_STACK.replace("tier: dev", "tier: prd").replace('accountId: "111122223333"', "accountId: 1");
    const model = ONNX_MODEL.replace("runtime: triton", "runtime: torchserve");
    expect(problemsOf(load(stack, model))).toEqual([
      'catalog/resnet50.yaml:2: runtime: must be one of "triton" or "tfserving"; got "torchserve". Use one of them.',
      'stacks/Pulumi.dev.yaml:5: inferstack:environment.tier: must be one of "dev", "staging" or "prod"; got "prd". Did you mean "prod"?',
      'stacks/Pulumi.dev.yaml:8: inferstack:environment.aws.accountId: must be a string; got 1. Quote it: "1".',
    ]);
  });
});

describe("model catalog schema", () => {
  it.each([
    ["an unknown key", ONNX_MODEL.replace("format: onnx", "format: onnx\nmaxBatch: 8"), 'catalog/resnet50.yaml:4: maxBatch: unknown key; got "maxBatch". Did you mean "maxBatchSize"?'],
    [
      "an unknown runtime",
      ONNX_MODEL.replace("runtime: triton", "runtime: trtion"),
      'catalog/resnet50.yaml:2: runtime: must be one of "triton" or "tfserving"; got "trtion". Did you mean "triton"?',
    ],
    [
      "a name that is not a DNS label",
      ONNX_MODEL.replace("name: resnet50", "name: ResNet_50"),
      'catalog/resnet50.yaml:1: name: a model name must be a DNS label (lowercase letters, digits and "-", starting and ending with a letter or digit); got "ResNet_50". Try "resnet-50".',
    ],
    [
      "a name too long for derived Kubernetes names",
      ONNX_MODEL.replace("name: resnet50", `name: ${"a".repeat(49)}`),
      `catalog/resnet50.yaml:1: name: a model name must be at most 48 characters; got "${"a".repeat(49)}". Shorten it.`,
    ],
    ["a missing artifact location", ONNX_MODEL.replace("  uri: vision/resnet50\n", ""), 'catalog/resnet50.yaml:4: artifact.uri: is required; got nothing. Add "uri".'],
    [
      "an artifact location that escapes the model store",
      ONNX_MODEL.replace("uri: vision/resnet50", "uri: ../secrets"),
      'catalog/resnet50.yaml:5: artifact.uri: must not contain ".."; got "../secrets". Give the prefix from the model store root.',
    ],
    [
      "an artifact version of zero",
      ONNX_MODEL.replace("versions: [1, 2]", "versions: [0]"),
      "catalog/resnet50.yaml:6: artifact.versions[0]: must be at least 1; got 0. Use 1 or more.",
    ],
    ["a zero SLO latency", ONNX_MODEL.replace("latencyMs: 40", "latencyMs: 0"), "catalog/resnet50.yaml:10: slo.latencyMs: must be greater than 0; got 0. Use a positive value."],
    [
      "an error objective outside (0, 1)",
      ONNX_MODEL.replace("errorRatio: 0.01", "errorRatio: 1"),
      "catalog/resnet50.yaml:11: slo.errorRatio: must be a fraction strictly between 0 and 1; got 1. Write 0.01 for 1%.",
    ],
    [
      "a tensor dimension of zero",
      ONNX_MODEL.replace("gpu:", "inputs:\n  - name: x\n    dataType: FP32\n    dims: [0]\ngpu:"),
      "catalog/resnet50.yaml:10: inputs[0].dims[0]: must be -1 (variable) or a positive size; got 0. Use -1 for a variable dimension.",
    ],
    ["a missing SLO", ONNX_MODEL.replace("slo:\n  latencyMs: 40\n  errorRatio: 0.01\n", ""), 'catalog/resnet50.yaml:1: slo: is required; got nothing. Add "slo".'],
  ])("rejects %s", (_case, model, expected) => {
    expect(problemsOf(load(DEV_STACK, model))).toEqual([expected]);
  });

  it("rejects duplicate model names, naming both files", () => {
    const input = inputFrom("dev", DEV_STACK, { "catalog/a/resnet50.yaml": ONNX_MODEL, "catalog/b/resnet50.yaml": ONNX_MODEL });
    expect(problemsOf(() => loadPlatform(input))).toEqual([
      'catalog/b/resnet50.yaml:1: name: duplicate model name; got "resnet50", already defined in catalog/a/resnet50.yaml:1. Rename one of them or delete the copy.',
    ]);
  });

  it("rejects an environment key that names no stack", () => {
    const model = ONNX_MODEL.replace("  prod:\n", "  prdo:\n");
    expect(problemsOf(load(DEV_STACK, model))).toEqual(['catalog/resnet50.yaml:15: environments.prdo: names no stack; got "prdo". Did you mean "prod"?']);
  });
});
