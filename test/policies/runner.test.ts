import { toBeValidSarifLog } from "@microsoft/jest-sarif";
import type { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../../policies/pack";
import { CONFIG_SCHEMA, toCrossGuardPolicy } from "../../policies/lib/crossguard";
import { packConfig } from "../../policies/runner/pack-config";
import { consoleReport, reportJson, summarize } from "../../policies/runner/report";
import { planResources } from "../../policies/runner/resources";
import { runPolicies, type PolicyRun } from "../../policies/runner/run";
import { renderSarif } from "../../policies/runner/sarif";
import { compliantStack, FIXTURE, fixtureContext, registerFixtureKinds, type FixtureStack } from "./fixtures";
import { policyNamed } from "./harness";

registerFixtureKinds();

const PRIORITY = "inferstack-kubernetes-deployment-require-priority-class";
const PRIVILEGED = "inferstack-kubernetes-workload-forbid-privileged";
const SYSTEM_POOL = "inferstack-aws-eks-nodegroup-require-system-pool";
const ACK_REASON = "inferstack-pulumi-component-require-acknowledgement-reason";

/** The compliant stack with a mandatory violation (privileged Triton), an advisory one (no priority class, prod A) and a stack-wide one. */
function brokenStack(): FixtureStack {
  return compliantStack()
    .set("resnet50-server", "spec.template.spec.containers.0.securityContext.privileged", true)
    .unset("resnet50-server", "spec.template.spec.priorityClassName")
    .remove("system");
}

function run(stack: FixtureStack, options: Partial<Parameters<typeof runPolicies>[2]> = {}, policies = [PRIVILEGED, PRIORITY, SYSTEM_POOL, ACK_REASON]): PolicyRun {
  return runPolicies(policies.map(policyNamed), planResources(stack.resources, FIXTURE), { tier: "prod", context: fixtureContext("prod"), ...options });
}

describe("the offline runner", () => {
  it("reports each finding with its policy, severity, enforcement and resource, most severe first, and counts the blocking ones", () => {
    const result = run(brokenStack());
    expect(result.findings.map((f) => [f.severity, f.enforcement, f.policy, f.resource?.name ?? "stack"])).toEqual([
      ["critical", "mandatory", PRIVILEGED, "resnet50-server"],
      ["medium", "mandatory", SYSTEM_POOL, "stack"],
      ["low", "advisory", PRIORITY, "resnet50-server"],
    ]);
    expect(result.blocking).toBe(2);
    expect(result.policies).toEqual([
      { policy: SYSTEM_POOL, enforcement: "mandatory", outcome: "violated" },
      { policy: PRIORITY, enforcement: "advisory", outcome: "violated" },
      { policy: PRIVILEGED, enforcement: "mandatory", outcome: "violated" },
      { policy: ACK_REASON, enforcement: "mandatory", outcome: "passed" },
    ]);
  });

  it("applies the tier's enforcement and the stack's overrides, skipping disabled policies", () => {
    const dev = run(brokenStack(), { tier: "dev", context: fixtureContext("dev") });
    expect(dev.findings.map((f) => [f.policy, f.enforcement])).toEqual([
      [PRIVILEGED, "mandatory"],
      [SYSTEM_POOL, "advisory"],
      [PRIORITY, "advisory"],
    ]);
    const overridden = run(brokenStack(), { enforcement: { [PRIVILEGED]: "advisory", [SYSTEM_POOL]: "disabled" } });
    expect(overridden.findings.map((f) => [f.policy, f.enforcement])).toEqual([
      [PRIVILEGED, "advisory"],
      [PRIORITY, "advisory"],
    ]);
    expect(overridden.blocking).toBe(0);
    expect(overridden.policies.find((p) => p.policy === SYSTEM_POOL)).toEqual({ policy: SYSTEM_POOL, enforcement: "disabled", outcome: "disabled" });
  });

  it("marks a policy not applicable when nothing of its kind is in the plan", () => {
    const result = run(compliantStack(), {}, ["inferstack-kubernetes-workload-forbid-bare-pods"]);
    expect(result.policies).toEqual([{ policy: "inferstack-kubernetes-workload-forbid-bare-pods", enforcement: "mandatory", outcome: "not-applicable" }]);
  });

  it("keeps spec-acknowledged findings in the report, marked, and stops them from blocking", () => {
    const result = run(brokenStack(), {
      acknowledgements: [
        { policy: PRIVILEGED, resource: "resnet50-server", reason: "driver debugging until 2026-12-15, approved by platform-security" },
        { policy: SYSTEM_POOL, resource: "inferstack-fixture", reason: "system services run on a shared cluster pool" },
        { policy: PRIORITY, resource: "bert-encoder", reason: "stale" },
      ],
    });
    expect(result.findings.map((f) => [f.policy, f.acknowledged])).toEqual([
      [PRIVILEGED, { reason: "driver debugging until 2026-12-15, approved by platform-security", source: "spec", on: "resnet50-server" }],
      [SYSTEM_POOL, { reason: "system services run on a shared cluster pool", source: "spec", on: "inferstack-fixture" }],
      [PRIORITY, undefined],
    ]);
    expect(result.blocking).toBe(0);
    expect(result.unusedAcknowledgements).toEqual([{ policy: PRIORITY, resource: "bert-encoder", reason: "stale" }]);
  });

  it("applies an acknowledgement of a component to everything under it", () => {
    const result = run(brokenStack(), { acknowledgements: [{ policy: PRIVILEGED, resource: "resnet50-pool", reason: "pool-wide exception" }] });
    expect(result.findings[0]!.acknowledged).toEqual({ reason: "pool-wide exception", source: "spec", on: "resnet50-pool" });
  });

  it("honours acknowledgements carried in a component's policyAcknowledgements, and refuses one without a reason", () => {
    const stack = brokenStack().set("resnet50-pool", "policyAcknowledgements", [
      { policy: PRIORITY, reason: "one serving class only in this cluster" },
      { policy: PRIVILEGED, reason: "" },
    ]);
    const result = run(stack);
    expect(result.findings.map((f) => [f.policy, f.resource?.name, f.acknowledged?.source ?? "open", f.message])).toEqual([
      [PRIVILEGED, "resnet50-server", "open", 'container "triton" runs privileged; got securityContext.privileged true. Remove it: request nvidia.com/gpu for GPU access.'],
      [ACK_REASON, "resnet50-pool", "open", `acknowledges ${PRIVILEGED} on resnet50-pool without a reason; got "". Write why the finding is accepted and who accepted it, so reviewers can judge it.`],
      [SYSTEM_POOL, undefined, "open", expect.any(String)],
      [PRIORITY, "resnet50-server", "component", expect.any(String)],
    ]);
    expect(result.blocking).toBe(3);
  });
});

describe("reports", () => {
  const result = () =>
    run(brokenStack(), {
      acknowledgements: [{ policy: SYSTEM_POOL, resource: "inferstack-fixture", reason: "shared system pool" }, { policy: PRIORITY, resource: "nothing-here", reason: "stale" }],
    });

  it("prints the findings grouped by severity with the verdict last", () => {
    expect(consoleReport("fixture", result())).toEqual([
      "Policy report for stack fixture (tier prod): 4 policies, 4 applied, 0 not applicable, 0 disabled.",
      "",
      "CRITICAL (1)",
      "  ✗ mandatory     inferstack-kubernetes-workload-forbid-privileged",
      '      resnet50-server (kubernetes:apps/v1:Deployment): container "triton" runs privileged; got securityContext.privileged true. Remove it: request nvidia.com/gpu for GPU access.',
      "",
      "MEDIUM (1)",
      "  ~ acknowledged  inferstack-aws-eks-nodegroup-require-system-pool",
      "      the stack: has no system node pool for Consul, Prometheus and Elasticsearch; got node pools [a10g]. Add a CPU node group labelled inferstack.io/node-pool=system.",
      "      acknowledged (mandatory) on inferstack-fixture by the spec: shared system pool",
      "",
      "LOW (1)",
      "  ! advisory      inferstack-kubernetes-deployment-require-priority-class",
      "      resnet50-server (kubernetes:apps/v1:Deployment): competes with batch pods at the default priority; got priorityClassName unset. Name a PriorityClass above batch workloads.",
      "",
      "Unused acknowledgements (1): they matched no finding; remove them or fix the resource name.",
      "  inferstack-kubernetes-deployment-require-priority-class on nothing-here",
      "",
      "FAILED: 1 mandatory violation, 1 advisory, 1 acknowledged.",
    ]);
  });

  it("summarizes the run in policy-report.json", () => {
    const json = reportJson("fixture", result(), POLICIES) as { summary: unknown; findings: { policy: string; rules: string[] }[] };
    expect(json.summary).toEqual({ policies: 4, applied: 4, notApplicable: 0, disabled: 0, blocking: 1, advisory: 1, acknowledged: 1, passed: false });
    expect(json.findings.map((f) => [f.policy, f.rules])).toEqual([
      [PRIVILEGED, ["K-SEC-01"]],
      [SYSTEM_POOL, ["NODE-07"]],
      [PRIORITY, ["K-REL-15"]],
    ]);
    expect(summarize(run(compliantStack())).passed).toBe(true);
  });

  it("writes SARIF 2.1.0 that validates against the OASIS schema, with levels, locations and suppressions", () => {
    const sarif = renderSarif(result(), POLICIES, {
      stack: "fixture",
      toolVersion: "0.1.0",
      locate: (f) => (f.resource?.name === "resnet50-server" ? { uri: "catalog/vision/resnet50.yaml", line: 1 } : { uri: "stacks/Pulumi.fixture.yaml", line: 7 }),
    });
    const verdict = (toBeValidSarifLog as unknown as (received: unknown) => { pass: boolean; message(): string })(sarif);
    expect({ pass: verdict.pass, message: verdict.pass ? "" : verdict.message() }).toEqual({ pass: true, message: "" });
    const [sarifRun] = sarif.runs;
    expect(sarifRun!.tool.driver.rules!.map((r) => r.id)).toEqual(POLICIES.map((p) => p.name));
    expect(sarifRun!.automationDetails).toEqual({ id: "inferstack-policy/fixture/" });
    expect(sarifRun!.results!.map((r) => [r.ruleId, r.level, r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.suppressions ?? []])).toEqual([
      [PRIVILEGED, "error", "catalog/vision/resnet50.yaml", []],
      [SYSTEM_POOL, "error", "stacks/Pulumi.fixture.yaml", [{ kind: "external", status: "accepted", justification: "shared system pool (acknowledged on inferstack-fixture by the spec)" }]],
      [PRIORITY, "warning", "catalog/vision/resnet50.yaml", []],
    ]);
    const rule = sarifRun!.tool.driver.rules!.find((r) => r.id === PRIVILEGED)!;
    expect(rule.properties).toEqual({ tags: ["K-SEC-01", ...policyNamed(PRIVILEGED).sources], "security-severity": "9.5", precision: "high" });
  });

  it("writes the Pulumi CLI pack config: the tier's or the overridden level, the context where read, the acknowledgements", () => {
    const context = fixtureContext("staging");
    const config = packConfig(POLICIES, context, {
      enforcement: { [PRIORITY]: "mandatory" },
      acknowledgements: [{ policy: PRIVILEGED, resource: "gpu-health", reason: "DCGM needs it" }],
      allowedInstanceTypes: [],
      allowedImageRegistries: [],
      budget: { maxGpus: 1, maxMonthlyUsd: 1 },
    });
    expect(Object.keys(config)).toEqual(POLICIES.map((p) => p.name));
    expect(config[PRIORITY]).toEqual({ enforcementLevel: "mandatory", tier: "staging" });
    expect(config[PRIVILEGED]).toEqual({ enforcementLevel: "mandatory", tier: "staging", acknowledgements: [{ resource: "gpu-health", reason: "DCGM needs it" }] });
    expect(config["inferstack-aws-ecr-repository-require-kms-encryption"]).toEqual({ enforcementLevel: "advisory", tier: "staging" });
    expect(config["inferstack-kubernetes-deployment-limit-gpu-budget"]).toEqual({ enforcementLevel: "mandatory", tier: "staging", context });
  });
});

describe("the policies as the Pulumi CLI runs them", () => {
  const resourceArgs = (name: string, props: Record<string, unknown>, config: object = {}, parent?: string): ResourceValidationArgs =>
    ({
      type: "kubernetes:apps/v1:Deployment",
      name,
      urn: `urn:pulumi:prod::inferstack::kubernetes:apps/v1:Deployment::${name}`,
      props,
      opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], ...(parent ? { parent } : {}) },
      stackTags: new Map(),
      getConfig: () => config,
      notApplicable: () => {
        throw new Error("not applicable");
      },
    }) as unknown as ResourceValidationArgs;
  const privileged = { apiVersion: "apps/v1", kind: "Deployment", spec: { template: { spec: { containers: [{ name: "x", image: "a:1", securityContext: { privileged: true } }] } } } };

  it("carries each policy's prod enforcement, severity, tags and the inferstack config schema", () => {
    const policy = toCrossGuardPolicy(policyNamed(PRIVILEGED));
    expect({ ...policy, validateResource: undefined }).toEqual({
      name: PRIVILEGED,
      description: "No container runs privileged.",
      severity: "critical",
      enforcementLevel: "mandatory",
      remediationSteps: policyNamed(PRIVILEGED).remediation,
      tags: ["K-SEC-01", ...policyNamed(PRIVILEGED).sources],
      configSchema: CONFIG_SCHEMA,
      validateResource: undefined,
    });
  });

  it("reports violations, except on resources (or their parent) the pack config acknowledges", () => {
    const policy = toCrossGuardPolicy(policyNamed(PRIVILEGED)) as ResourceValidationPolicy;
    const validate = policy.validateResource as (args: ResourceValidationArgs, report: ReportViolation) => void;
    const reported: string[] = [];
    validate(resourceArgs("a", privileged), (m) => reported.push(`a: ${m}`));
    validate(resourceArgs("b", privileged, { acknowledgements: [{ resource: "b", reason: "r" }] }), (m) => reported.push(`b: ${m}`));
    validate(resourceArgs("c", privileged, { acknowledgements: [{ resource: "pool", reason: "r" }] }, "urn:pulumi:prod::inferstack::inferstack:serving:ServerPool::pool"), (m) => reported.push(`c: ${m}`));
    expect(reported).toEqual(['a: container "x" runs privileged; got securityContext.privileged true. Remove it: request nvidia.com/gpu for GPU access.']);
  });

  it("drops stack-policy violations on acknowledged resources, their descendants, and stack-wide ones acknowledged on the stack", () => {
    const policy = toCrossGuardPolicy(policyNamed(SYSTEM_POOL)) as StackValidationPolicy;
    const stackResource = { type: "pulumi:pulumi:Stack", name: "inferstack-prod", urn: "urn:stack", props: {} } as unknown as PolicyResource;
    const group = (name: string, minSize: number) =>
      ({ type: "aws:eks/nodeGroup:NodeGroup", name, urn: `urn:${name}`, props: { instanceTypes: ["m6i.xlarge"], labels: { "inferstack.io/node-pool": name }, scalingConfig: { minSize } }, parent: stackResource, dependencies: [] }) as unknown as PolicyResource;
    const validate = (resources: PolicyResource[], acknowledged: string[]) => {
      const reported: string[] = [];
      const args = { resources: [stackResource, ...resources], stackTags: new Map(), getConfig: () => ({ acknowledgements: acknowledged.map((resource) => ({ resource, reason: "r" })) }), notApplicable: () => undefined as never };
      policy.validateStack(args as unknown as StackValidationArgs, (_m, urn) => reported.push(urn ?? "stack"));
      return reported;
    };
    expect(validate([group("system", 1)], [])).toEqual(["urn:system"]);
    expect(validate([group("system", 1)], ["system"])).toEqual([]);
    expect(validate([group("system", 1)], ["inferstack-prod"])).toEqual([]);
    expect(validate([group("a10g", 2)], [])).toEqual(["stack"]);
    expect(validate([group("a10g", 2)], ["inferstack-prod"])).toEqual([]);
  });
});
