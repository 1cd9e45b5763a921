import { loadPlatform } from "../../../components/resolve";
import { POLICY_NAMES } from "../../../policies/pack";
import { inputFrom, problemsOf } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, PROD_STACK } from "../../helpers/samples";

const withPolicy = (stack: string, yaml: string) => stack.replace("    nodePools:\n", `${yaml}    nodePools:\n`);
const load = (stack: string) => loadPlatform({ ...inputFrom(stack === PROD_STACK ? "prod" : "dev", stack, { "catalog/resnet50.yaml": ONNX_MODEL }), policies: POLICY_NAMES });
const problems = (stack: string) => problemsOf(() => load(stack));

describe("policy settings", () => {
  it("applies the tier's guardrails when the stack sets none", () => {
    expect(load(DEV_STACK).policy).toEqual({
      enforcement: {},
      acknowledgements: [],
      allowedInstanceTypes: ["g4dn.2xlarge", "g4dn.xlarge", "g5.2xlarge", "g5.xlarge", "g6.xlarge", "g6e.xlarge", "m6i.2xlarge", "m6i.large", "m6i.xlarge", "m7i.2xlarge", "m7i.large", "m7i.xlarge"],
      allowedImageRegistries: ["111122223333.dkr.ecr.us-east-1.amazonaws.com/", "docker.io/amazon/aws-cli", "docker.io/tensorflow/serving", "nvcr.io/nvidia/tritonserver"],
      budget: { maxGpus: 8, maxMonthlyUsd: 5000 },
    });
    expect(load(PROD_STACK).policy.budget).toEqual({ maxGpus: 64, maxMonthlyUsd: 100000 });
    expect(load(PROD_STACK).policy.allowedInstanceTypes).toContain("p5.48xlarge");
  });

  it("takes enforcement overrides, acknowledgements, allow-lists and a budget from the stack", () => {
    const stack = withPolicy(
      DEV_STACK,
      `    budget: { maxGpus: 2, maxMonthlyUsd: 900 }
    policy:
      enforcement:
        inferstack-kubernetes-workload-require-image-digest: mandatory
      acknowledgements:
        - policy: inferstack-kubernetes-workload-restrict-volume-types
          resource: gpu-health
          reason: "  DCGM reads /dev; namespace gpu-system is privileged  "
      allowedInstanceTypes: [g4dn.xlarge, m6i.xlarge]
      allowedImageRegistries: [registry.example.com/]
`,
    );
    expect(load(stack).policy).toEqual({
      enforcement: { "inferstack-kubernetes-workload-require-image-digest": "mandatory" },
      acknowledgements: [{ policy: "inferstack-kubernetes-workload-restrict-volume-types", resource: "gpu-health", reason: "DCGM reads /dev; namespace gpu-system is privileged" }],
      allowedInstanceTypes: ["g4dn.xlarge", "m6i.xlarge"],
      allowedImageRegistries: ["registry.example.com/"],
      budget: { maxGpus: 2, maxMonthlyUsd: 900 },
    });
  });

  it.each([
    [
      "an acknowledgement without a reason",
      "    policy:\n      acknowledgements:\n        - policy: inferstack-kubernetes-workload-require-image-digest\n          resource: resnet50-server\n",
      "stacks/Pulumi.dev.yaml:15: inferstack:environment.policy.acknowledgements[0].reason: acknowledges inferstack-kubernetes-workload-require-image-digest on resnet50-server without a reason; got nothing. Write why the finding is accepted and who accepted it, so reviewers can judge it.",
    ],
    [
      "an acknowledgement with a blank reason",
      '    policy:\n      acknowledgements:\n        - policy: inferstack-kubernetes-workload-require-image-digest\n          resource: resnet50-server\n          reason: " "\n',
      'stacks/Pulumi.dev.yaml:17: inferstack:environment.policy.acknowledgements[0].reason: acknowledges inferstack-kubernetes-workload-require-image-digest on resnet50-server without a reason; got " ". Write why the finding is accepted and who accepted it, so reviewers can judge it.',
    ],
    [
      "a misspelled policy name",
      "    policy:\n      enforcement:\n        inferstack-kubernetes-workload-require-image-digests: advisory\n",
      'stacks/Pulumi.dev.yaml:15: inferstack:environment.policy.enforcement.inferstack-kubernetes-workload-require-image-digests: names no policy of the pack; got "inferstack-kubernetes-workload-require-image-digests". Did you mean "inferstack-kubernetes-workload-require-image-digest"?',
    ],
    [
      "a name that is no policy name",
      "    policy:\n      enforcement:\n        K-SEC-13: advisory\n",
      'stacks/Pulumi.dev.yaml:15: inferstack:environment.policy.enforcement.K-SEC-13: must be an inferstack policy name such as "inferstack-kubernetes-deployment-require-gpu-toleration"; got "K-SEC-13". Copy the name from policies/README.md or the policy report.',
    ],
    [
      "an unknown enforcement level",
      "    policy:\n      enforcement:\n        inferstack-kubernetes-workload-require-image-digest: warn\n",
      'stacks/Pulumi.dev.yaml:15: inferstack:environment.policy.enforcement.inferstack-kubernetes-workload-require-image-digest: must be one of "advisory", "mandatory" or "disabled"; got "warn". Use one of them.',
    ],
    [
      "an unknown instance type in the allow-list",
      "    policy:\n      allowedInstanceTypes: [g5.2xlarge, g5.3xlarge]\n",
      'stacks/Pulumi.dev.yaml:14: inferstack:environment.policy.allowedInstanceTypes[1]: unknown instance type; got "g5.3xlarge". Did you mean "g5.xlarge"?',
    ],
  ])("rejects %s", (_what, yaml, message) => {
    expect(problems(withPolicy(DEV_STACK, yaml))).toEqual([message]);
  });
});
