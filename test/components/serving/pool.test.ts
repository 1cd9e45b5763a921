import { computePlan, type ComputedPlan } from "../../../cli/plan/compute";
import { runUnderMocks, type MockRun, type RecordedResource } from "../../../cli/plan/engine";
import { renderInferencePool, modelsByPool } from "../../../components/serving/render";
import { REPO } from "../../helpers/input";

const POOL = "inferstack:serving:InferencePool";
let prod: ComputedPlan;
let staging: ComputedPlan;
let example: MockRun;

beforeAll(async () => {
  prod = await computePlan(REPO, "prod");
  staging = await computePlan(REPO, "staging");
  example = await runUnderMocks({
    project: "inferstack-example",
    stack: "demo",
    config: { "inferstack-example:kubeconfig": "placeholder", "inferstack-example:modelStoreRoleArn": "arn:aws:iam::111122223333:role/resnet50-model-store" },
    secretKeys: ["inferstack-example:kubeconfig"],
    region: "us-east-1",
    accountId: "111122223333",
    program: async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const program = require("../../../examples/single-pool") as { deployment: unknown; services: unknown };
      return { deployment: program.deployment, services: program.services };
    },
  });
});

const named = (run: MockRun, name: string): RecordedResource => {
  const found = run.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
};

describe("InferencePool under the platform (prod plan)", () => {
  it("creates one pool per resolved server pool under the platform", () => {
    const pools = prod.run.resources.filter((r) => r.type === POOL);
    expect(pools.map((r) => r.name)).toEqual(["inferstack-ctr-ranker", "inferstack-triton-a10g"]);
    for (const pool of pools) expect(pool.urn).toContain(`inferstack:platform:ModelServingPlatform$${POOL}::`);
  });

  it("creates exactly the pool's children, each parented by the pool", () => {
    const pool = named(prod.run, "inferstack-triton-a10g");
    const children = prod.run.resources.filter((r) => r.parent === pool.urn);
    expect(children.map((r) => `${r.type}::${r.name}`).sort()).toEqual(
      [
        "aws:s3/bucketObjectv2:BucketObjectv2::inferstack-triton-a10g-bert-encoder-config",
        "aws:s3/bucketObjectv2:BucketObjectv2::inferstack-triton-a10g-resnet50-config",
        "kubernetes:apps/v1:Deployment::inferstack-triton-a10g-deployment",
        "kubernetes:autoscaling/v2:HorizontalPodAutoscaler::inferstack-triton-a10g-hpa",
        "kubernetes:core/v1:Service::inferstack-triton-a10g-bert-encoder-service",
        "kubernetes:core/v1:Service::inferstack-triton-a10g-metrics",
        "kubernetes:core/v1:Service::inferstack-triton-a10g-resnet50-service",
        "kubernetes:core/v1:ServiceAccount::inferstack-triton-a10g-service-account",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy::inferstack-triton-a10g-network-policy",
        "kubernetes:policy/v1:PodDisruptionBudget::inferstack-triton-a10g-pdb",
      ].sort(),
    );
    for (const child of children) expect(child.urn).toContain(`${POOL}$${child.type}::${child.name}`);
    // A Triton pool reading every model from the model store needs no ConfigMap.
    expect(children.some((r) => r.type === "kubernetes:core/v1:ConfigMap")).toBe(false);
  });

  it("writes each config.pbtxt to the model store with the platform's AWS provider", () => {
    const object = named(prod.run, "inferstack-triton-a10g-resnet50-config");
    const aws = prod.run.resources.find((r) => r.type === "pulumi:providers:aws")!;
    expect(object.inputs).toEqual({
      bucket: "inferstack-models-777788889999-prod",
      key: "vision/resnet50/config.pbtxt",
      content: prod.artifacts.files.get("models/resnet50/config.pbtxt"),
      contentType: "text/plain",
    });
    expect(object.provider).toBe(aws.urn);
  });

  it("orders the pods after their ServiceAccount, configs and namespace, and the autoscaler after the Deployment", () => {
    const urn = (name: string) => named(prod.run, name).urn;
    expect(named(prod.run, "inferstack-triton-a10g-deployment").dependsOn).toEqual(
      [
        "inferstack-namespace",
        "inferstack-serving-priority",
        "inferstack-triton-a10g-bert-encoder-config",
        "inferstack-triton-a10g-resnet50-config",
        "inferstack-triton-a10g-service-account",
      ]
        .map(urn)
        .sort(),
    );
    expect(named(prod.run, "inferstack-triton-a10g-hpa").dependsOn).toEqual(
      ["inferstack-namespace", "inferstack-serving-priority", "inferstack-triton-a10g-deployment"].map(urn).sort(),
    );
  });

  it("passes the rendered objects to the engine unchanged", () => {
    const { platform } = prod;
    const pool = platform.serverPools.find((p) => p.name === "triton-a10g")!;
    const rendered = renderInferencePool({ environment: platform.environment, pool, models: modelsByPool(platform.models).get(pool.name)! });
    expect(named(prod.run, "inferstack-triton-a10g-deployment").inputs).toEqual(JSON.parse(JSON.stringify(rendered.deployment)));
    // The role is the pool's own model-store reader from the foundation (its ARN is a mock value).
    const roleArn = expect.stringMatching(/^arn:aws:iam::777788889999:role\/inferstack-prod-triton-a10g-\d+$/) as unknown;
    expect(named(prod.run, "inferstack-triton-a10g-service-account").inputs).toEqual({
      ...rendered.serviceAccount,
      metadata: { ...rendered.serviceAccount.metadata, annotations: { "eks.amazonaws.com/role-arn": roleArn } },
    });
  });

  it("annotates the environment's reader role on a bring-your-own cluster (staging)", () => {
    expect((named(staging.run, "inferstack-resnet50-service-account").inputs.metadata as Record<string, unknown>).annotations).toEqual({
      "eks.amazonaws.com/role-arn": "arn:aws:iam::444455556666:role/inferstack-staging-model-reader",
    });
  });

  it("creates the serving PriorityClass and the namespace's default deny under the platform", () => {
    expect(named(prod.run, "inferstack-serving-priority").urn).toContain("ModelServingPlatform$kubernetes:scheduling.k8s.io/v1:PriorityClass::");
    expect(named(prod.run, "inferstack-serving-default-deny").inputs.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });
});

describe("the example program composing a pool by hand (under mocks)", () => {
  it("creates the pool with its children under it", () => {
    const pool = named(example, "demo-resnet50");
    expect(pool.type).toBe(POOL);
    expect(example.resources.filter((r) => r.parent === pool.urn).map((r) => r.type).sort()).toEqual([
      "aws:s3/bucketObjectv2:BucketObjectv2",
      "kubernetes:apps/v1:Deployment",
      "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
      "kubernetes:core/v1:Service",
      "kubernetes:core/v1:Service",
      "kubernetes:core/v1:ServiceAccount",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      "kubernetes:policy/v1:PodDisruptionBudget",
    ]);
  });

  it("annotates the ServiceAccount with the given role for IRSA", () => {
    expect(named(example, "demo-resnet50-service-account").inputs.metadata).toEqual(
      expect.objectContaining({ name: "resnet50-server", namespace: "models", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/resnet50-model-store" } }),
    );
  });

  it("serves the latest version only and exports the Deployment and Service names", () => {
    expect(named(example, "demo-resnet50-resnet50-config").inputs.content).toContain("version_policy {\n  latest {\n    num_versions: 1\n  }\n}\n");
    expect(example.outputs).toEqual({ deployment: "resnet50", services: { resnet50: "resnet50" } });
  });
});
