import * as fs from "node:fs";
import * as path from "node:path";
import { TIERS } from "../../components/spec/environment";
import { POLICY_NAME } from "../../components/spec/policy";
import { POLICIES, POLICY_NAMES } from "../../policies/pack";
import { SEVERITIES, typeMatches } from "../../policies/lib/policy";
import { planResources } from "../../policies/runner/resources";
import { runPolicies } from "../../policies/runner/run";
import { computePlan } from "../../cli/plan/compute";
import { REPO, SHIPPED_STACKS } from "../helpers/input";
import { AWS_CASES } from "./cases/aws";
import { HELM_CASES } from "./cases/helm";
import { KUBERNETES_CASES } from "./cases/kubernetes";
import { compliantStack, FIXTURE, fixtureContext, registerFixtureKinds } from "./fixtures";
import { caseStack } from "./harness";

registerFixtureKinds();
const CASES = [...AWS_CASES, ...KUBERNETES_CASES, ...HELM_CASES];
const VERBS = ["require", "forbid", "restrict", "limit", "pin"];
const STRICTNESS = { disabled: 0, advisory: 1, mandatory: 2 } as const;

describe.each(POLICIES.map((p) => [p.name, p] as const))("policy %s", (name, policy) => {
  it("is named inferstack-<provider>-<resource>-<verb>-<thing>", () => {
    const [, provider, rest] = /^inferstack-(aws|kubernetes|pulumi)-(.+)$/.exec(name) ?? [];
    expect({ provider, matchesSpec: POLICY_NAME.test(name), verb: VERBS.find((v) => rest?.includes(`-${v}-`)) }).toEqual({
      provider: expect.stringMatching(/^(aws|kubernetes|pulumi)$/),
      matchesSpec: true,
      verb: expect.any(String),
    });
  });

  it("lives alone in the file named after it", () => {
    const file = ["aws", "kubernetes", "helm", "pulumi"]
      .map((dir) => path.join(REPO, "policies", dir, `${name.replace(/^inferstack-(aws|kubernetes|pulumi)-/, "")}.ts`))
      .find((f) => fs.existsSync(f));
    const text = fs.readFileSync(file ?? "/nonexistent", "utf8");
    expect({ name: /name: "([^"]+)"/.exec(text)?.[1], policies: text.match(/(resourcePolicy|stackPolicy)\(\{/g)?.length }).toEqual({ name, policies: 1 });
  });

  it("describes itself in one sentence and says how to fix a violation", () => {
    expect(policy.description).toMatch(/^[A-Z][^]*[^.]\.$/);
    expect(policy.description.slice(0, -1)).not.toMatch(/[.!?]\s/);
    expect(policy.remediation).toMatch(/^[A-Z][^]*\.$/);
  });

  it("has a severity, source rule IDs and an enforcement per tier that never gets looser towards prod", () => {
    expect(SEVERITIES).toContain(policy.severity);
    expect(policy.rules.length).toBeGreaterThan(0);
    for (const rule of policy.rules) expect(rule).toMatch(/^([A-Z0-9]+(-[A-Z]+)?-\d+|K-SCHEMA|ML[A-Z]+-\d+|OWN .+)$/);
    expect(policy.sources.length).toBeGreaterThan(0);
    expect(Object.keys(policy.enforcement).sort()).toEqual([...TIERS].sort());
    expect(policy.enforcement.prod).not.toBe("disabled");
    expect(STRICTNESS[policy.enforcement.dev]).toBeLessThanOrEqual(STRICTNESS[policy.enforcement.staging]);
    expect(STRICTNESS[policy.enforcement.staging]).toBeLessThanOrEqual(STRICTNESS[policy.enforcement.prod]);
  });

  it("names the resource types it inspects as Pulumi type tokens", () => {
    expect(policy.resourceTypes.length).toBeGreaterThan(0);
    for (const type of policy.resourceTypes) expect(type).toMatch(/^(aws:[a-z0-9]+\/[A-Za-z0-9]+:[A-Z][A-Za-z0-9]+|kubernetes:[a-z0-9.]*\/?v[0-9a-z]+:[A-Z][A-Za-z]+|kubernetes:\*|inferstack:\*)$/);
  });

  it("has at least one failing case in the suite", () => {
    expect(CASES.filter((c) => c.policy === name && c.expected.length > 0).length).toBeGreaterThan(0);
  });
});

describe("the pack", () => {
  it("lists every policy once, sorted by name", () => {
    expect(POLICY_NAMES).toEqual([...new Set(POLICY_NAMES)].sort());
    expect(POLICIES.map((p) => p.name)).toEqual(POLICY_NAMES);
  });

  it("holds every policy file of the policy folders", () => {
    const files = ["aws", "kubernetes", "helm", "pulumi"].flatMap((dir) => fs.readdirSync(path.join(REPO, "policies", dir)).map((f) => f.replace(/\.ts$/, "")));
    expect(files.sort()).toEqual(POLICY_NAMES.map((n) => n.replace(/^inferstack-(aws|kubernetes|pulumi)-/, "")).sort());
  });

  it("gives every policy the tier only, unless it declares that it reads the context: the same findings either way", () => {
    for (const policyCase of CASES) {
      const policy = POLICIES.find((p) => p.name === policyCase.policy)!;
      const tier = policyCase.tier ?? "prod";
      const resources = planResources(caseStack(policyCase).resources, FIXTURE);
      const full = runPolicies([policy], resources, { tier, context: policyCase.context ? policyCase.context(fixtureContext(tier)) : fixtureContext(tier) });
      const tierOnly = runPolicies([policy], resources, { tier });
      expect({ policy: policy.name, findings: tierOnly.findings }).toEqual({ policy: policy.name, findings: policy.usesContext ? [] : full.findings });
    }
  });
});

describe("resource types", () => {
  it("every type a policy inspects appears in the fixtures or in a shipped stack's plan", async () => {
    const seen = new Set<string>();
    for (const r of compliantStack().resources) seen.add(r.type);
    for (const c of CASES) for (const r of caseStack(c).resources) seen.add(r.type);
    for (const stack of SHIPPED_STACKS) for (const r of (await computePlan(REPO, stack)).run.resources) seen.add(r.type);
    const unseen = POLICIES.flatMap((p) => p.resourceTypes.filter((pattern) => ![...seen].some((type) => typeMatches(pattern, type))).map((t) => `${p.name}: ${t}`));
    expect(unseen).toEqual([]);
  });
});
