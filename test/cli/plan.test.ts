import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main";
import { computePlan, type ComputedPlan } from "../../cli/plan/compute";
import { planArtifacts } from "../../cli/plan/artifacts";
import { planStepTimings } from "../../cli/plan/timing";
import { secretPlaceholder } from "../../cli/stack";
import { REPO, SHIPPED_STACKS, tempProject } from "../helpers/input";

/** Captures what a command prints. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const plans = new Map<string, ComputedPlan>();
const formatterBeforePlans = Error.prepareStackTrace;
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
    const namespace = resource(stack, "kubernetes:core/v1:Namespace").find((r) => r.name === "inferstack-namespace");
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

describe("serving identities", () => {
  it("annotates each pool's ServiceAccount with its own read-only role in create mode, the environment's reader role otherwise", () => {
    const annotations = (stack: string) =>
      Object.fromEntries(
        resource(stack, "kubernetes:core/v1:ServiceAccount").map((r) => {
          const metadata = r.inputs.metadata as { name: string; annotations?: Record<string, string> };
          return [metadata.name, metadata.annotations?.["eks.amazonaws.com/role-arn"]];
        }),
      );
    expect(annotations("prod")).toEqual({
      "ctr-ranker-server": expect.stringMatching(/^arn:aws:iam::777788889999:role\/inferstack-prod-ctr-ranker-/),
      "triton-a10g-server": expect.stringMatching(/^arn:aws:iam::777788889999:role\/inferstack-prod-triton-a10g-/),
    });
    // Staging brings its own cluster: no role is created; every pool assumes the stack's modelStore.readerRoleArn.
    expect(annotations("staging")).toEqual(
      Object.fromEntries(planOf("staging").platform.serverPools.map((p) => [p.serviceAccount, "arn:aws:iam::444455556666:role/inferstack-staging-model-reader"])),
    );
    expect(planOf("staging").artifacts.files.get("summary.md")).toContain(
      [
        "Serving pods read the model store `s3://inferstack-models-444455556666-staging` through IRSA:",
        "",
        "- `bert-encoder` as `arn:aws:iam::444455556666:role/inferstack-staging-model-reader`: its trust policy must admit `system:serviceaccount:inferstack:bert-encoder-server`.",
        "- `ctr-ranker` as `arn:aws:iam::444455556666:role/inferstack-staging-model-reader`: its trust policy must admit `system:serviceaccount:inferstack:ctr-ranker-server`.",
        "- `resnet50` as `arn:aws:iam::444455556666:role/inferstack-staging-model-reader`: its trust policy must admit `system:serviceaccount:inferstack:resnet50-server`.",
      ].join("\n"),
    );
  });

  it("gives a pool named in modelStore.readerRoleArns its own role (e.g. the CDK stack's outputs), the others the shared one", async () => {
    const staging = fs
      .readFileSync(path.join(REPO, "stacks/Pulumi.staging.yaml"), "utf8")
      .replace("      readerRoleArn:", "      readerRoleArns:\n        resnet50: arn:aws:iam::444455556666:role/resnet50-reader\n      readerRoleArn:");
    const { run } = await computePlan(tempProject({ "stacks/Pulumi.staging.yaml": staging }), "staging");
    const roles = run.resources
      .filter((r) => r.type === "kubernetes:core/v1:ServiceAccount")
      .map((r) => r.inputs.metadata as { name: string; annotations?: Record<string, string> })
      .filter((m) => m.name.endsWith("-server"))
      .map((m) => [m.name, m.annotations?.["eks.amazonaws.com/role-arn"]]);
    expect(roles).toEqual([
      ["bert-encoder-server", "arn:aws:iam::444455556666:role/inferstack-staging-model-reader"],
      ["ctr-ranker-server", "arn:aws:iam::444455556666:role/inferstack-staging-model-reader"],
      ["resnet50-server", "arn:aws:iam::444455556666:role/resnet50-reader"],
    ]);
  });
});

describe("plan outputs", () => {
  it("exports each model's in-cluster endpoints", () => {
    expect((planOf("prod").run.outputs.endpoints as Record<string, unknown>)["resnet50"]).toEqual({
      model: "resnet50",
      runtime: "triton",
      nodePool: "a10g",
      serverPool: "triton-a10g",
      service: "resnet50",
      namespace: "inferstack",
      kubernetesDns: "resnet50.inferstack.svc.cluster.local",
      httpUrl: "http://resnet50.inferstack.svc.cluster.local:8000",
      grpcAddress: "resnet50.inferstack.svc.cluster.local:8001",
      versions: [1, 2],
      consul: {
        service: "resnet50",
        datacenter: "dc1",
        dnsA: "resnet50.service.consul",
        grpcDnsA: "grpc.resnet50.service.consul",
        dnsSrv: "_resnet50._http.service.consul",
        httpUrl: "http://resnet50.service.consul:8000",
        grpcAddress: "grpc.resnet50.service.consul:8001",
      },
    });
    expect((planOf("prod").run.outputs.endpoints as Record<string, { httpUrl: string }>)["ctr-ranker"]!.httpUrl).toBe(
      "http://ctr-ranker.inferstack.svc.cluster.local:8501",
    );
  });

  it("writes plan.json, one manifest file per component, the runtime configs, summary.md and the policy reports", () => {
    expect([...planOf("prod").artifacts.files.keys()].filter((f) => !f.startsWith("monitoring/")).sort()).toEqual([
      "discovery/Corefile",
      "logging/filebeat.yml",
      "logging/ilm-policy.json",
      "manifests/inferstack-consul.yaml",
      "manifests/inferstack-ctr-ranker.yaml",
      "manifests/inferstack-logging.yaml",
      "manifests/inferstack-observability.yaml",
      "manifests/inferstack-triton-a10g.yaml",
      "manifests/inferstack.yaml",
      "models/bert-encoder/config.pbtxt",
      "models/resnet50/config.pbtxt",
      "plan.json",
      "policy-pack-config.json",
      "policy-report.json",
      "policy-report.sarif",
      "releases/inferstack-consul-release.yaml",
      "releases/inferstack-logging-operator.yaml",
      "releases/inferstack-nvidia-device-plugin-release.yaml",
      "releases/inferstack-observability-dcgm-exporter.yaml",
      "releases/inferstack-observability-kube-prometheus-stack.yaml",
      "releases/inferstack-observability-prometheus-adapter.yaml",
      "summary.md",
      "tfserving/ctr-ranker/batching.config",
      "tfserving/ctr-ranker/models.config",
      "tfserving/ctr-ranker/monitoring.config",
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
      "| `resnet50` | triton | `resnet50` | `triton-a10g` | a10g | 1, 2 | `http://resnet50.inferstack.svc.cluster.local:8000` | `resnet50.inferstack.svc.cluster.local:8001` |",
    );
    expect(summary).toContain('  c0["inferstack<br/>ModelServingPlatform · 160 resources"]\n  stack --> c0');
    expect(summary).toContain('  c1["inferstack-nvidia-device-plugin<br/>NvidiaDevicePlugin · 1 resource"]\n  c0 --> c1');
    expect(summary).toContain('  c2["inferstack-consul<br/>Consul · 2 resources"]\n  c0 --> c2');
    expect(summary).toContain('  c14["inferstack-logging<br/>LoggingStack · 12 resources"]\n  c0 --> c14');
    expect(summary).toContain('  c15["inferstack-observability<br/>Observability · 13 resources"]\n  c0 --> c15');
    expect(summary).toContain('  c16["inferstack-ctr-ranker<br/>InferencePool · 8 resources"]\n  c0 --> c16');
    expect(summary).toContain("- Kubernetes schemas: all 42 objects valid (kubernetes-models, Kubernetes 1.27 schemas).");
  });

  it("is deterministic: two plans of the same input are byte-identical", async () => {
    const again = await computePlan(REPO, "prod");
    expect(again.artifacts.files).toEqual(planOf("prod").artifacts.files);
  });

  it("reports Kubernetes objects that fail their schema", () => {
    const { platform, run } = planOf("dev");
    const broken = run.resources.map((r) =>
      r.name === "inferstack-namespace" ? { ...r, inputs: { ...r.inputs, spec: { finalizers: "kubernetes" } } } : r,
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
    // Above FULL_TREE_LIMIT resources the tree shows components only, each with its own resources counted.
    expect(printed.slice(0, 2)).toEqual(["inferstack-prod  pulumi:pulumi:Stack  (0 resources)", "└─ inferstack  inferstack:platform:ModelServingPlatform  (6 resources)"]);
    expect(printed.filter((line) => line.includes("inferstack-triton-a10g  inferstack:serving:InferencePool  (10 resources)"))).toHaveLength(1);
    expect(printed.filter((line) => line.includes("kubernetes:core/v1:Namespace"))).toEqual([]);
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

describe("the plan run", () => {
  it("puts back the stack formatter it replaced for the mock run", () => {
    expect(plans.size).toBe(SHIPPED_STACKS.length);
    expect(Error.prepareStackTrace).toBe(formatterBeforePlans);
  });

  it("records the duration of each of its steps for the benchmarks", () => {
    const steps = planStepTimings();
    expect(Object.keys(steps).sort()).toEqual(["artifacts", "construct", "manifests", "monitoring", "plan-json", "policy", "resolve", "run", "schemas", "summary", "write"]);
    expect(steps.run).toBeGreaterThan(0);
    // construct is the program's synchronous part, inside run
    expect(steps.construct).toBeGreaterThan(0);
    expect(steps.construct).toBeLessThan(steps.run!);
    expect(steps.policy).toBeGreaterThan(0);
  });
});
