import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main";
import { computePlan, type ComputedPlan } from "../../cli/plan/compute";
import { planArtifacts } from "../../cli/plan/artifacts";
import { secretPlaceholder } from "../../cli/stack";
import { REPO, SHIPPED_STACKS, tempProject } from "../helpers/input";

/** Captures what a command prints. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const plans = new Map<string, ComputedPlan>();
beforeAll(async () => {
  for (const stack of SHIPPED_STACKS) plans.set(stack, await computePlan(REPO, stack));
});
const planOf = (stack: string) => plans.get(stack)!;
const resource = (stack: string, type: string) => planOf(stack).run.resources.filter((r) => r.type === type);

describe.each(SHIPPED_STACKS)("the plan of the shipped %s stack", (stack) => {
  it("validates every Kubernetes object against the upstream schemas", () => {
    const { artifacts } = planOf(stack);
    expect(artifacts.objects.length).toBeGreaterThan(0);
    expect(artifacts.schemaErrors).toEqual([]);
  });

  it("creates the serving namespace under the platform component with restricted pod security", () => {
    const [namespace] = resource(stack, "kubernetes:core/v1:Namespace");
    expect(namespace!.urn).toContain("inferstack:platform:ModelServingPlatform$kubernetes:core/v1:Namespace::inferstack-namespace");
    expect(namespace!.inputs.metadata).toEqual({
      name: "inferstack",
      labels: {
        "app.kubernetes.io/name": "inferstack",
        "app.kubernetes.io/instance": "inferstack",
        "app.kubernetes.io/component": "namespace",
        "app.kubernetes.io/part-of": "inferstack",
        "app.kubernetes.io/managed-by": "pulumi",
        "inferstack.io/environment": stack,
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
      },
    });
    expect(namespace!.provider).toBe(resource(stack, "pulumi:providers:kubernetes")[0]!.urn);
  });

  it("passes the kubeconfig to the Kubernetes provider as a secret, never in plain text", () => {
    expect(resource(stack, "pulumi:providers:kubernetes")[0]!.inputs).toEqual({ kubeconfig: "[secret]", namespace: "inferstack" });
    for (const [file, content] of planOf(stack).artifacts.files) {
      expect({ file, leaked: content.includes(secretPlaceholder("inferstack:kubeconfig")) }).toEqual({ file, leaked: false });
    }
  });

  it("creates an encrypted gp3 StorageClass for the platform's volumes", () => {
    const [storageClass] = resource(stack, "kubernetes:storage.k8s.io/v1:StorageClass");
    expect(storageClass!.inputs).toMatchObject({
      metadata: { name: "inferstack-encrypted-gp3" },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      reclaimPolicy: stack === "prod" ? "Retain" : "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
    });
  });

  it("pins the AWS provider to the environment's region and account", () => {
    const { platform } = planOf(stack);
    expect(resource(stack, "pulumi:providers:aws")[0]!.inputs).toMatchObject({
      region: "us-east-1",
      allowedAccountIds: JSON.stringify([platform.environment.aws.accountId]),
    });
  });

  it("exports an endpoint for every model the environment deploys", () => {
    const { platform, run } = planOf(stack);
    expect(Object.keys(run.outputs.endpoints as object).sort()).toEqual(platform.models.map((m) => m.name));
  });
});

describe("plan outputs", () => {
  it("exports each model's in-cluster endpoints", () => {
    expect((planOf("prod").run.outputs.endpoints as Record<string, unknown>)["resnet50"]).toEqual({
      model: "resnet50",
      runtime: "triton",
      nodePool: "a10g",
      service: "resnet50",
      namespace: "inferstack",
      kubernetesDns: "resnet50.inferstack.svc.cluster.local",
      httpUrl: "http://resnet50.inferstack.svc.cluster.local:8000",
      grpcAddress: "resnet50.inferstack.svc.cluster.local:8001",
      versions: [1, 2],
    });
    expect((planOf("prod").run.outputs.endpoints as Record<string, { httpUrl: string }>)["ctr-ranker"]!.httpUrl).toBe(
      "http://ctr-ranker.inferstack.svc.cluster.local:8501",
    );
  });

  it("writes plan.json, one manifest file per component, summary.md and the policy reports", () => {
    expect([...planOf("prod").artifacts.files.keys()].sort()).toEqual([
      "manifests/inferstack.yaml",
      "plan.json",
      "policy-pack-config.json",
      "policy-report.json",
      "policy-report.sarif",
      "summary.md",
    ]);
  });

  it("records resources sorted by URN with their parents", () => {
    const { resources } = JSON.parse(planOf("prod").artifacts.files.get("plan.json")!) as { resources: { urn: string; parent?: string }[] };
    expect(resources.map((r) => r.urn)).toEqual(resources.map((r) => r.urn).sort());
    expect(resources.filter((r) => r.parent === undefined).map((r) => r.urn)).toEqual(["urn:pulumi:prod::inferstack::pulumi:pulumi:Stack::inferstack-prod"]);
  });

  it("summarizes endpoints and the component tree", () => {
    const summary = planOf("prod").artifacts.files.get("summary.md")!;
    expect(summary).toContain(
      "| `resnet50` | triton | a10g | 1, 2 | `http://resnet50.inferstack.svc.cluster.local:8000` | `resnet50.inferstack.svc.cluster.local:8001` |",
    );
    expect(summary).toContain('  c0["inferstack<br/>ModelServingPlatform · 4 resources"]\n  stack --> c0');
    expect(summary).toContain("- Kubernetes schemas: all 2 objects valid (kubernetes-models, Kubernetes 1.27 schemas).");
  });

  it("is deterministic: two plans of the same input are byte-identical", async () => {
    const again = await computePlan(REPO, "prod");
    expect(again.artifacts.files).toEqual(planOf("prod").artifacts.files);
  });

  it("reports Kubernetes objects that fail their schema", () => {
    const { platform, run } = planOf("dev");
    const broken = run.resources.map((r) =>
      r.type === "kubernetes:core/v1:Namespace" ? { ...r, inputs: { ...r.inputs, spec: { finalizers: "kubernetes" } } } : r,
    );
    expect(planArtifacts(platform, { ...run, resources: broken }).schemaErrors).toEqual([
      { urn: "urn:pulumi:dev::inferstack::inferstack:platform:ModelServingPlatform$kubernetes:core/v1:Namespace::inferstack-namespace", errors: ["/spec/finalizers must be array"] },
    ]);
  });
});

describe("inferstack plan", () => {
  it("writes the plan files and exits 0", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-out-"));
    const { io, out: printed } = capture();
    expect(await main(["plan", "prod", "--out", path.join(out, "prod")], io)).toBe(0);
    for (const [file, content] of planOf("prod").artifacts.files) {
      expect(fs.readFileSync(path.join(out, "prod", file), "utf8")).toBe(content);
    }
    expect(printed.slice(0, 2)).toEqual(["inferstack-prod  pulumi:pulumi:Stack", "└─ inferstack  inferstack:platform:ModelServingPlatform"]);
    expect(printed.filter((line) => line.endsWith("─ inferstack-namespace  kubernetes:core/v1:Namespace"))).toHaveLength(1);
  });

  it("exits 2 and writes nothing, not even over an earlier plan, when the configuration is invalid", async () => {
    const model = fs.readFileSync(path.join(REPO, "catalog/vision/resnet50.yaml"), "utf8").replace(/memoryGiB: [\d.]+/, "memoryGiB: 40");
    const line = model.split("\n").findIndex((l) => l.includes("memoryGiB: 40")) + 1;
    const root = tempProject({ "catalog/vision/resnet50.yaml": model });
    const outDir = path.join(root, "out", "prod");
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "plan.json"), "earlier");
    const { io, err } = capture();
    expect(await main(["plan", "prod"], io, root)).toBe(2);
    expect(err).toEqual([
      "inferstack plan prod",
      `catalog/vision/resnet50.yaml:${line}: gpu.memoryGiB: needs 80 GiB (2 instances × 40 GiB) but node pool "a10g" (g5.2xlarge) has 22.4 GiB per GPU, 20.1 GiB usable after 10% headroom; got 40. Choose a node pool with larger GPUs or lower the model's memory.`,
      "1 problem found; nothing was written.",
    ]);
    expect(fs.readdirSync(outDir)).toEqual(["plan.json"]);
    expect(fs.readFileSync(path.join(outDir, "plan.json"), "utf8")).toBe("earlier");
  });
});
