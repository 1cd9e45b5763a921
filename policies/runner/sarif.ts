/**
 * `policy-report.sarif`: the run in SARIF 2.1.0, for code-scanning UIs (GitHub code scanning, Azure
 * DevOps, VS Code's SARIF viewer). Each policy is a rule; each finding a result located in the file a
 * team edits to fix it: the model's catalog file for a model's resources, else the stack's config file.
 * Acknowledged findings carry an accepted external suppression with their reason.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { createHash } from "node:crypto";
import type * as Sarif from "sarif";
import { type Severity, type InferstackPolicy } from "../lib/policy";
import { type Finding, type PolicyRun } from "./run";

/** The file a team edits to fix a finding, relative to the project root. */
export interface SarifLocation {
  readonly uri: string;
  /** 1-based line. */
  readonly line: number;
}

/** What the SARIF log needs besides the run. */
export interface SarifOptions {
  readonly stack: string;
  /** inferstack's version (package.json). */
  readonly toolVersion: string;
  /** Where each finding is shown. */
  readonly locate: (finding: Finding) => SarifLocation;
}

/** GitHub's security-severity scores (0-10) by policy severity. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: "9.5", high: "7.5", medium: "5.0", low: "2.0" };

/** Builds the SARIF log of a run. Deterministic: no timestamps, stable order. */
export function renderSarif(run: PolicyRun, policies: readonly InferstackPolicy[], options: SarifOptions): Sarif.Log {
  const outcomes = new Map(run.policies.map((o) => [o.policy, o.enforcement]));
  const rules: Sarif.ReportingDescriptor[] = policies.map((policy) => ({
    id: policy.name,
    name: policy.name.replace(/^inferstack-/, "").replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: policy.description },
    fullDescription: { text: `${policy.description} Implements ${policy.rules.join(", ")}; maps to ${policy.sources.join(", ")}.` },
    help: { text: policy.remediation },
    defaultConfiguration: { level: levelOf(outcomes.get(policy.name) ?? policy.enforcement[run.tier]), enabled: outcomes.get(policy.name) !== "disabled" },
    properties: {
      tags: [...policy.rules, ...policy.sources],
      "security-severity": SECURITY_SEVERITY[policy.severity],
      precision: "high",
    },
  }));
  const index = new Map(policies.map((p, i) => [p.name, i]));
  const results: Sarif.Result[] = run.findings.map((finding) => {
    const location = options.locate(finding);
    const subject = finding.resource ? `${finding.resource.name} (${finding.resource.type})` : `stack ${options.stack}`;
    return {
      ruleId: finding.policy,
      ruleIndex: index.get(finding.policy)!,
      level: levelOf(finding.enforcement),
      message: { text: `${subject}: ${finding.message}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: location.uri }, region: { startLine: location.line } },
          ...(finding.resource ? { logicalLocations: [{ fullyQualifiedName: finding.resource.urn, name: finding.resource.name, kind: "resource" }] } : {}),
        },
      ],
      partialFingerprints: {
        "inferstackFinding/v1": createHash("sha256").update(`${finding.policy}\n${finding.resource?.urn ?? options.stack}\n${finding.message}`).digest("hex"),
      },
      ...(finding.acknowledged
        ? { suppressions: [{ kind: "external" as const, status: "accepted" as const, justification: `${finding.acknowledged.reason} (acknowledged on ${finding.acknowledged.on} by the ${finding.acknowledged.source})` }] }
        : {}),
    };
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "inferstack-policy", version: options.toolVersion, semanticVersion: options.toolVersion, rules } },
        automationDetails: { id: `inferstack-policy/${options.stack}/` },
        invocations: [{ executionSuccessful: true }],
        results,
      },
    ],
  };
}

/** SARIF level of an enforcement: mandatory findings are errors, advisory ones warnings. */
function levelOf(enforcement: string): Sarif.ReportingConfiguration.level {
  return enforcement === "mandatory" ? "error" : enforcement === "advisory" ? "warning" : "none";
}
