import * as pulumi from "@pulumi/pulumi";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main";
import { computePlan, type ComputedPlan } from "../../cli/plan/compute";
import { runUnderMocks, type RecordedResource } from "../../cli/plan/engine";
import { readMonitoringSecrets } from "../../components/observability/secrets";
import { ModelServingPlatform } from "../../components/platform/platform";
import { listStacks } from "../../components/project";
import { evaluatePolicies, POLICY_FILES } from "../../policies/runner/evaluate";
import { REPO, shippedPlatform, tempProject } from "../helpers/input";
import { type PolicyCase } from "./cases/case";
import { compliantStack, registerFixtureKinds } from "./fixtures";
import { runOver } from "./harness";

registerFixtureKinds();

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const plans = new Map<string, ComputedPlan>();
beforeAll(async () => {
  for (const stack of listStacks(REPO)) plans.set(stack, await computePlan(REPO, stack));
});

describe("the policy gate over every shipped stack", () => {
  it.each(listStacks(REPO))("%s has no mandatory violation, and in prod no open advisory one", (stack) => {
    const { platform, artifacts } = plans.get(stack)!;
    const open = artifacts.policy.findings.filter((f) => f.acknowledged === undefined);
    expect(open.filter((f) => f.enforcement === "mandatory")).toEqual([]);
    if (platform.environment.tier === "prod") expect(open).toEqual([]);
  });
});

/** Runs the pack the way `plan` and `policy` do, over a changed copy of a shipped plan. */
function blockingPolicies(stack: string, change: (resources: RecordedResource[]) => void): string[] {
  const { platform, run } = plans.get(stack)!;
  const resources = structuredClone(run.resources) as RecordedResource[];
  change(resources);
  const { run: result } = evaluatePolicies(platform, resources, { stackFile: `stacks/Pulumi.${stack}.yaml` }, "0.0.0");
  return [...new Set(result.findings.filter((f) => f.enforcement === "mandatory" && !f.acknowledged).map((f) => f.policy))];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mutations reach into arbitrary recorded inputs
const inputsOf = (resources: RecordedResource[], type: string) => resources.find((r) => r.type === type)!.inputs as Record<string, any>;
/** The serving namespace's inputs (the other areas have namespaces of their own). */
const servingNamespace = (resources: RecordedResource[]) =>
  resources.find((r) => r.name === "inferstack-namespace")!.inputs as { metadata: { labels: Record<string, string>; name: string }; spec?: unknown };

describe("contract: flipping one guarded property of the shipped prod plan fails the gate, naming the policy", () => {
  it("passes as shipped", () => {
    expect(blockingPolicies("prod", () => undefined)).toEqual([]);
  });

  it.each([
    [
      "the serving namespace stops enforcing restricted pod security",
      (r: RecordedResource[]) => void (servingNamespace(r).metadata.labels["pod-security.kubernetes.io/enforce"] = "privileged"),
      "inferstack-kubernetes-namespace-require-restricted-pod-security",
    ],
    [
      "the platform's StorageClass stops encrypting",
      (r: RecordedResource[]) => void (inputsOf(r, "kubernetes:storage.k8s.io/v1:StorageClass").parameters.encrypted = "false"),
      "inferstack-kubernetes-storage-require-encrypted-class",
    ],
    [
      "the namespace no longer fits its schema",
      (r: RecordedResource[]) => void (servingNamespace(r).spec = { finalizers: "kubernetes" }),
      "inferstack-kubernetes-object-require-valid-schema",
    ],
    [
      "the platform component acknowledges a policy without a reason",
      (r: RecordedResource[]) => void (inputsOf(r, "inferstack:platform:ModelServingPlatform").policyAcknowledgements = [{ policy: "inferstack-kubernetes-object-require-valid-schema" }]),
      "inferstack-pulumi-component-require-acknowledgement-reason",
    ],
  ])("%s", (_what, change, policy) => {
    expect(blockingPolicies("prod", change)).toEqual([policy]);
  });
});

describe("acknowledgements given as a component argument", () => {
  it("are recorded on ModelServingPlatform and accept the findings under it, marked as the component's", async () => {
    const platform = shippedPlatform("prod");
    const reason = "single-tenant sandbox namespace, approved by platform-security";
    const run = await runUnderMocks({
      project: "inferstack",
      stack: "prod",
      config: {},
      secretKeys: [],
      region: "us-east-1",
      accountId: "777788889999",
      program: async () => {
        const monitoringSecrets = readMonitoringSecrets(platform.monitoring!, (key) => pulumi.secret(`sample-${key}`));
        const policyAcknowledgements = [{ policy: "inferstack-kubernetes-namespace-require-restricted-pod-security", reason }];
        new ModelServingPlatform("inferstack", { platform, monitoringSecrets, policyAcknowledgements });
        return {};
      },
    });
    const component = run.resources.find((r) => r.type === "inferstack:platform:ModelServingPlatform")!;
    expect(component.inputs).toEqual({ policyAcknowledgements: [{ policy: "inferstack-kubernetes-namespace-require-restricted-pod-security", reason }] });
    const resources = structuredClone(run.resources) as RecordedResource[];
    servingNamespace(resources).metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline";
    const { run: result } = evaluatePolicies(platform, resources, { stackFile: "stacks/Pulumi.prod.yaml" }, "0.0.0");
    // The stack's own acknowledgements (spec) stay; the flipped namespace is accepted by the component's.
    expect(result.findings.filter((f) => f.acknowledged?.source !== "spec").map((f) => [f.policy, f.acknowledged])).toEqual([
      ["inferstack-kubernetes-namespace-require-restricted-pod-security", { reason, source: "component", on: "inferstack" }],
    ]);
    expect(result.blocking).toBe(0);
  });
});

describe("contract: flipping one guarded property of the other areas' resources (fixtures) fails the gate in prod", () => {
  const flips: readonly Omit<PolicyCase, "expected">[] = [
    { breaks: "the model bucket made public", policy: "inferstack-aws-s3-bucket-require-public-access-block", mutate: (s) => s.set("models-public-access", "blockPublicPolicy", false).set("models-public-access", "restrictPublicBuckets", false) },
    { breaks: "a GPU toleration dropped", policy: "inferstack-kubernetes-deployment-require-gpu-toleration", mutate: (s) => s.set("resnet50-server", "spec.template.spec.tolerations", []) },
    { breaks: "Consul TLS turned off", policy: "inferstack-kubernetes-consul-require-tls", mutate: (s) => s.set("consul", "values.global.tls.enabled", false) },
    { breaks: "IMDSv1 allowed on GPU nodes", policy: "inferstack-aws-ec2-launchtemplate-require-imdsv2", mutate: (s) => s.set("gpu-nodes", "metadataOptions.httpTokens", "optional") },
    { breaks: "the serving identity allowed to write models", policy: "inferstack-aws-iam-role-restrict-model-store-access", mutate: (s) => s.set("resnet50-model-store-read", "policy", JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::inferstack-models-777788889999-prod/vision/resnet50/*" }] })) },
    { breaks: "a model's Consul registration removed", policy: "inferstack-kubernetes-service-require-consul-registration", mutate: (s) => s.set("resnet50", "metadata.annotations", {}) },
    { breaks: "a model's SLO rules removed", policy: "inferstack-kubernetes-prometheusrule-require-model-slo", mutate: (s) => s.remove("resnet50-slo") },
    { breaks: "Grafana's admin password written into the values", policy: "inferstack-kubernetes-grafana-require-admin-secret", mutate: (s) => s.set("kube-prometheus-stack", "values.grafana.adminPassword", "admin") },
  ];

  it("passes unchanged", () => {
    expect(runOver(compliantStack(), "prod").blocking).toBe(0);
  });

  it.each(flips.map((f) => [f.breaks, f] as const))("%s", (_what, flip) => {
    const stack = compliantStack();
    flip.mutate(stack);
    const result = runOver(stack, "prod");
    expect([...new Set(result.findings.filter((f) => f.enforcement === "mandatory").map((f) => f.policy))]).toEqual([flip.policy]);
  });
});

describe("inferstack policy", () => {
  it("prints the report, writes the three reports and exits 0 on the shipped prod stack", async () => {
    const outDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-policy-")), "prod");
    const { io, out, err } = capture();
    expect(await main(["policy", "prod", "--out", outDir], io)).toBe(0);
    const { artifacts } = plans.get("prod")!;
    for (const file of Object.values(POLICY_FILES)) expect(fs.readFileSync(path.join(outDir, file), "utf8")).toBe(artifacts.files.get(file));
    expect(out[out.length - 1]).toBe("PASSED: 0 mandatory violations, 0 advisory, 7 acknowledged.");
    expect(err[0]).toBe("inferstack policy prod");
  });

  it("exits 1 naming the policy when a stack's settings produce a violating plan, and plan exits 1 too", async () => {
    const stackFile = fs.readFileSync(path.join(REPO, "stacks/Pulumi.prod.yaml"), "utf8").replace("    nodePools:\n", "    namespace: default\n    nodePools:\n");
    const root = tempProject({ "stacks/Pulumi.prod.yaml": stackFile });
    const policy = capture();
    expect(await main(["policy", "prod"], policy.io, root)).toBe(1);
    expect(policy.out).toContain("  ✗ mandatory     inferstack-kubernetes-namespace-require-restricted-pod-security");
    expect(policy.out).toContain(
      '      inferstack-namespace (kubernetes:core/v1:Namespace): serves models from the default namespace; got namespace "default". Set inferstack:environment.namespace to a namespace of their own.',
    );
    expect(fs.existsSync(path.join(root, "out", "prod", "policy-report.sarif"))).toBe(true);
    const plan = capture();
    expect(await main(["plan", "prod"], plan.io, root)).toBe(1);
    expect(plan.err).toContain(
      'policy: inferstack-kubernetes-namespace-require-restricted-pod-security: inferstack-namespace (kubernetes:core/v1:Namespace): serves models from the default namespace; got namespace "default". Set inferstack:environment.namespace to a namespace of their own.',
    );
  });

  it("exits 0 with the finding marked when the stack acknowledges it with a reason", async () => {
    const stackFile = fs
      .readFileSync(path.join(REPO, "stacks/Pulumi.prod.yaml"), "utf8")
      .replace("    nodePools:\n", "    namespace: default\n    nodePools:\n")
      .replace(
        "      acknowledgements:\n",
        "      acknowledgements:\n        - policy: inferstack-kubernetes-namespace-require-restricted-pod-security\n          resource: inferstack-namespace\n          reason: sandbox cluster with one tenant, approved by platform-security until 2027-01-31\n",
      );
    const { io, out } = capture();
    expect(await main(["policy", "prod"], io, tempProject({ "stacks/Pulumi.prod.yaml": stackFile }))).toBe(0);
    expect(out).toContain("      acknowledged (mandatory) on inferstack-namespace by the spec: sandbox cluster with one tenant, approved by platform-security until 2027-01-31");
    // The shipped stack's own 7 acknowledgements, and this one.
    expect(out[out.length - 1]).toBe("PASSED: 0 mandatory violations, 0 advisory, 8 acknowledged.");
  });

  it("exits 2 and writes nothing when an acknowledgement has no reason", async () => {
    const stackFile = fs
      .readFileSync(path.join(REPO, "stacks/Pulumi.prod.yaml"), "utf8")
      .replace("      acknowledgements:\n", "      acknowledgements:\n        - policy: inferstack-kubernetes-object-require-valid-schema\n          resource: inferstack-namespace\n");
    const root = tempProject({ "stacks/Pulumi.prod.yaml": stackFile });
    const line = stackFile.split("\n").findIndex((l) => l.includes("- policy: inferstack-kubernetes-object-require-valid-schema")) + 1;
    const { io, err } = capture();
    expect(await main(["policy", "prod"], io, root)).toBe(2);
    expect(err.slice(1)).toEqual([
      `stacks/Pulumi.prod.yaml:${line}: inferstack:environment.policy.acknowledgements[0].reason: acknowledges inferstack-kubernetes-object-require-valid-schema on inferstack-namespace without a reason; got nothing. Write why the finding is accepted and who accepted it, so reviewers can judge it.`,
      "1 problem found; nothing was written.",
    ]);
    expect(fs.existsSync(path.join(root, "out"))).toBe(false);
  });

  it("runs as `npm run policy -- prod` does, through the installed command", () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-policy-bin-"));
    const result = spawnSync(process.execPath, [path.join(REPO, "bin/inferstack.js"), "policy", "prod", "--out", outDir], { encoding: "utf8", cwd: REPO });
    expect({ status: result.status, last: result.stdout.trim().split("\n").pop() }).toEqual({ status: 0, last: "PASSED: 0 mandatory violations, 0 advisory, 7 acknowledged." });
    expect(fs.readdirSync(outDir).sort()).toEqual(["policy-pack-config.json", "policy-report.json", "policy-report.sarif"]);
  });
});
