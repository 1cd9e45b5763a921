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
import { AWS_COMPUTE_CASES } from "./cases/aws-compute";
import { AWS_STORAGE_CASES } from "./cases/aws-storage";
import { HELM_CASES } from "./cases/helm";
import { KUBERNETES_RELIABILITY_CASES } from "./cases/kubernetes-reliability";
import { KUBERNETES_SECURITY_CASES } from "./cases/kubernetes-security";
import { compliantStack, FIXTURE, fixtureContext, registerFixtureKinds } from "./fixtures";
import { caseStack } from "./harness";

registerFixtureKinds();
const CASES = [...AWS_STORAGE_CASES, ...AWS_COMPUTE_CASES, ...KUBERNETES_SECURITY_CASES, ...KUBERNETES_RELIABILITY_CASES, ...HELM_CASES];
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

/** The rows of RULES.md §3 checkable on Pulumi inputs (P), Kubernetes objects (K) or Helm values (H). */
const RULES_P_K_H = [
  "ECR-01", "ECR-02", "ECR-03", "ECR-04", "ECR-05", "ECR-06", "ECR-07", "S3-01", "S3-02", "S3-03", "S3-04", "S3-05", "S3-06", "S3-07", "S3-08", "S3-09",
  "EKS-01", "EKS-02", "EKS-03", "EKS-04", "EKS-05", "EKS-06", "EKS-07", "EKS-08", "EKS-09", "NODE-01", "NODE-02", "NODE-03", "NODE-04", "NODE-05", "NODE-06",
  "NODE-07", "NODE-08", "NODE-09", "NODE-10", "NET-01", "NET-02", "NET-03", "NET-04", "IAM-01", "IAM-02", "IAM-03", "IAM-04", "IAM-05", "KMS-01", "KMS-02",
  "KMS-03", "LB-01", "LB-02", "LB-03", "LB-04", "LB-05", "K-SEC-01", "K-SEC-02", "K-SEC-03", "K-SEC-04", "K-SEC-05", "K-SEC-06", "K-SEC-07", "K-SEC-08",
  "K-SEC-09", "K-SEC-10", "K-SEC-11", "K-SEC-12", "K-SEC-13", "K-SEC-14", "K-SEC-15", "K-SEC-16", "K-SEC-17", "K-SEC-18", "K-SEC-19", "K-REL-01", "K-REL-02",
  "K-REL-03", "K-REL-04", "K-REL-05", "K-REL-06", "K-REL-07", "K-REL-08", "K-REL-09", "K-REL-10", "K-REL-11", "K-REL-12", "K-REL-13", "K-REL-14", "K-REL-15",
  "K-REL-16", "K-REL-17", "K-REL-18", "K-SCHEMA", "CON-01", "CON-02", "CON-03", "CON-04", "CON-05", "CON-06", "CON-07", "CON-08", "CON-09", "OBS-01",
  "OBS-02", "OBS-03", "OBS-04", "OBS-05", "OBS-06", "OBS-07", "OBS-08", "OBS-09", "OBS-10",
];

describe("policies/README.md", () => {
  const readme = fs.readFileSync(path.join(REPO, "policies", "README.md"), "utf8");
  const letter = { mandatory: "M", advisory: "A", disabled: "D" } as const;

  it("lists every policy with its severity, levels per tier, RULES IDs and description", () => {
    const rows = readme.split("\n").filter((line) => line.startsWith("| `inferstack-"));
    expect(rows).toEqual(
      POLICIES.map((p) => `| \`${p.name}\` | ${p.severity} | ${letter[p.enforcement.dev]}/${letter[p.enforcement.staging]}/${letter[p.enforcement.prod]} | ${p.rules.join(", ")} | ${p.description} |`),
    );
  });

  it("accounts for every P, K or H row of RULES.md: implemented by a policy, or listed as not implemented", () => {
    const section = readme.slice(readme.indexOf("## Not implemented"), readme.indexOf("## Design notes"));
    const listed = new Set([...section.matchAll(/^\| ([A-Z0-9, -]+) \|/gm)].flatMap((m) => m[1]!.split(", ")));
    const implemented = new Set(POLICIES.flatMap((p) => p.rules));
    expect(RULES_P_K_H.filter((id) => !implemented.has(id) && !listed.has(id))).toEqual([]);
    expect([...listed].filter((id) => implemented.has(id))).toEqual([]);
  });
});
