import * as fs from "node:fs";
import * as path from "node:path";
import { computePlan, type ComputedPlan } from "../../../cli/plan/compute";
import { type RecordedResource } from "../../../cli/plan/engine";
import { PLAN_ECR_PASSWORD } from "../../../cli/plan/image-mocks";
import { policyContext } from "../../../policies/lib/context";
import { POLICIES } from "../../../policies/pack";
import { summarize } from "../../../policies/runner/report";
import { planResources } from "../../../policies/runner/resources";
import { runPolicies } from "../../../policies/runner/run";
import { REPO, SHIPPED_STACKS, tempProject } from "../../helpers/input";

/** prod with both models of the shared Triton pool running the custom image triton-python. */
const RUNS_CUSTOM = Object.fromEntries(
  ["catalog/vision/resnet50.yaml", "catalog/nlp/bert-encoder.yaml"].map((file) => [
    file,
    fs.readFileSync(path.join(REPO, file), "utf8").replace("    serverPool: triton-a10g\n", "    serverPool: triton-a10g\n    image: triton-python\n"),
  ]),
);

const plans = new Map<string, ComputedPlan>();
beforeAll(async () => {
  for (const stack of SHIPPED_STACKS) plans.set(stack, await computePlan(REPO, stack));
  plans.set("custom", await computePlan(tempProject(RUNS_CUSTOM), "prod"));
});

const ofType = (plan: string, type: string): RecordedResource[] => plans.get(plan)!.run.resources.filter((r) => r.type === type);
const R = "inferstack-foundation-registry";

describe("the custom image of the prod registry under the mock engine", () => {
  it("is a CustomImage under the ContainerRegistry holding one docker Image", () => {
    expect(ofType("prod", "inferstack:registry:CustomImage").map((r) => r.urn)).toEqual([
      `urn:pulumi:prod::inferstack::inferstack:registry:ContainerRegistry$inferstack:registry:CustomImage::${R}-triton-python-build`,
    ]);
    expect(ofType("prod", "docker:index/image:Image").map((r) => r.urn)).toEqual([
      `urn:pulumi:prod::inferstack::inferstack:registry:CustomImage$docker:index/image:Image::${R}-triton-python-build-image`,
    ]);
  });

  it("records what `pulumi up` would build and push: context, Dockerfile, pinned base, platform, content tag, ECR login", () => {
    const [image] = plans.get("prod")!.platform.foundation!.registry.customImages;
    const [build] = ofType("prod", "docker:index/image:Image");
    expect(build!.inputs).toEqual({
      imageName: `777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/triton-python:${image!.tag}`,
      build: {
        context: "images/triton-python",
        dockerfile: "images/triton-python/Dockerfile",
        args: { BASE_IMAGE: "nvcr.io/nvidia/tritonserver:26.07-py3" },
        platform: "linux/amd64",
        builderVersion: "BuilderBuildKit",
      },
      registry: { server: "777788889999.dkr.ecr.us-east-1.amazonaws.com", username: "AWS", password: "[secret]" },
      skipPush: false,
      buildOnPreview: false,
    });
    expect(image!.tag).toMatch(/^26\.07-py3-[0-9a-f]{12}$/);
    // The push waits for its repository: the image name comes from the repository's URL.
    expect(build!.dependsOn).toEqual([`urn:pulumi:prod::inferstack::inferstack:registry:ContainerRegistry$aws:ecr/repository:Repository::${R}-triton-python`]);
    expect(build!.provider).toBeUndefined();
  });

  it("outputs the pushed reference pinned to its digest and exports it with the foundation", () => {
    const [component] = ofType("prod", "inferstack:registry:CustomImage");
    const { imageName, repoDigest, reference } = component!.outputs as Record<string, string>;
    const repository = "777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/triton-python";
    expect([imageName!.startsWith(`${repository}:26.07-py3-`), repoDigest]).toEqual([true, expect.stringMatching(new RegExp(`^${repository}@sha256:[0-9a-f]{64}$`))]);
    expect(reference).toBe(`${imageName}@${repoDigest!.split("@")[1]}`);
    expect((plans.get("prod")!.run.outputs.foundation as Record<string, unknown>).customImages).toEqual({ "triton-python": reference });
  });

  it("keeps the ECR password a secret: masked in the inputs, absent from every plan file", () => {
    const leaks = [PLAN_ECR_PASSWORD, Buffer.from(`AWS:${PLAN_ECR_PASSWORD}`).toString("base64")];
    for (const plan of ["prod", "custom"]) {
      const files = [...plans.get(plan)!.artifacts.files].filter(([, content]) => leaks.some((leak) => content.includes(leak))).map(([file]) => file);
      expect({ plan, files }).toEqual({ plan, files: [] });
    }
  });

  it("is absent where no custom image is configured (dev creates a registry, staging brings its own)", () => {
    for (const stack of ["dev", "staging"]) {
      expect({ stack, images: [...ofType(stack, "inferstack:registry:CustomImage"), ...ofType(stack, "docker:index/image:Image")] }).toEqual({ stack, images: [] });
    }
  });
});

describe("a server pool running the custom image", () => {
  const deployment = (plan: string) => ofType(plan, "kubernetes:apps/v1:Deployment").find((r) => r.name === "inferstack-triton-a10g-deployment")!;
  const server = (plan: string) => (deployment(plan).inputs as { spec: { template: { spec: { containers: { name: string; image: string }[] } } } }).spec.template.spec.containers[0]!;

  it("runs the pushed reference, tag and digest, and starts only after the push", () => {
    const [component] = ofType("custom", "inferstack:registry:CustomImage");
    const [build] = ofType("custom", "docker:index/image:Image");
    expect(server("custom")).toMatchObject({ name: "triton", image: (component!.outputs as Record<string, string>).reference });
    expect(server("custom").image).toMatch(/^777788889999\.dkr\.ecr\.us-east-1\.amazonaws\.com\/inferstack\/prod\/triton-python:26\.07-py3-[0-9a-f]{12}@sha256:[0-9a-f]{64}$/);
    expect(deployment("custom").dependsOn).toContain(build!.urn);
    expect(plans.get("custom")!.platform.serverPools.map((p) => [p.name, p.customImage])).toEqual([
      ["ctr-ranker", undefined],
      ["triton-a10g", "triton-python"],
    ]);
  });

  it("leaves the other pools and the shipped prod pool on the mirrored runtime image", () => {
    expect(server("prod").image).toBe("777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tritonserver:26.07-py3");
    const ranker = ofType("custom", "kubernetes:apps/v1:Deployment").find((r) => r.name === "inferstack-ctr-ranker-deployment")!;
    expect(JSON.stringify(ranker.inputs)).not.toContain("triton-python");
  });

  it("passes the policy pack in prod: no mandatory finding, no open advisory, none on the pool", () => {
    const { policy } = plans.get("custom")!.artifacts;
    expect([summarize(policy).blocking, summarize(policy).advisory]).toEqual([0, 0]);
    expect(policy.findings.filter((f) => f.resource?.name.startsWith("inferstack-triton-a10g") && f.acknowledged === undefined).map((f) => `${f.policy}: ${f.message}`)).toEqual([]);
  });

  it("still gets Triton's probe rules: the runtime container is known by its name, not its image", () => {
    const { run, platform } = plans.get("custom")!;
    const broken = run.resources.map((r) => {
      if (r.urn !== deployment("custom").urn) return r;
      const inputs = JSON.parse(JSON.stringify(r.inputs)) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
      const container = inputs.spec.template.spec.containers[0]!;
      container.readinessProbe = { httpGet: { path: "/v2/health/live", port: "http" } };
      container.livenessProbe = { httpGet: { path: "/healthz", port: "http" } };
      return { ...r, inputs };
    });
    const probes = POLICIES.filter((p) => ["inferstack-kubernetes-deployment-require-model-readiness-probe", "inferstack-kubernetes-deployment-require-liveness-and-startup-probes"].includes(p.name));
    const found = runPolicies(probes, planResources(broken, platform.environment.aws), { tier: "prod", context: policyContext(platform) });
    expect(found.findings.map((f) => `${f.resource?.name}: ${f.message}`)).toEqual([
      'inferstack-triton-a10g-deployment: container "triton" does not probe model readiness; got path "/v2/health/live". Probe /v2/health/ready on port 8000.',
      'inferstack-triton-a10g-deployment: container "triton" probes liveness somewhere other than Triton\'s live endpoint; got "/healthz". Use /v2/health/live.',
    ]);
  });
});
