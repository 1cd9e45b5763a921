/**
 * The policy report: `policy-report.json` (the run as data) and the console report grouped by
 * severity. Pure and deterministic.
 */
import { type ResolvedAcknowledgement } from "../../components/resolve/types";
import { SEVERITIES, type InferstackPolicy } from "../lib/policy";
import { type Finding, type PolicyRun } from "./run";

/** Counts of a run, as both reports show them. */
export interface PolicySummary {
  readonly policies: number;
  readonly applied: number;
  readonly notApplicable: number;
  readonly disabled: number;
  /** Findings of mandatory policies that are not acknowledged: each fails the run. */
  readonly blocking: number;
  /** Findings of advisory policies that are not acknowledged. */
  readonly advisory: number;
  readonly acknowledged: number;
  readonly passed: boolean;
}

/** The counts of a run. */
export function summarize(run: PolicyRun): PolicySummary {
  const open = run.findings.filter((f) => f.acknowledged === undefined);
  const applied = run.policies.filter((p) => p.outcome === "passed" || p.outcome === "violated").length;
  return {
    policies: run.policies.length,
    applied,
    notApplicable: run.policies.filter((p) => p.outcome === "not-applicable").length,
    disabled: run.policies.filter((p) => p.outcome === "disabled").length,
    blocking: run.blocking,
    advisory: open.filter((f) => f.enforcement === "advisory").length,
    acknowledged: run.findings.length - open.length,
    passed: run.blocking === 0,
  };
}

/** The content of `policy-report.json`. */
export function reportJson(stack: string, run: PolicyRun, policies: readonly InferstackPolicy[]): Record<string, unknown> {
  const byName = new Map(policies.map((p) => [p.name, p]));
  return {
    stack,
    tier: run.tier,
    summary: summarize(run),
    findings: run.findings.map((f) => ({ ...f, rules: byName.get(f.policy)?.rules ?? [], remediation: byName.get(f.policy)?.remediation ?? "" })),
    policies: run.policies.map((o) => ({ ...o, severity: byName.get(o.policy)?.severity, rules: byName.get(o.policy)?.rules ?? [] })),
    unusedAcknowledgements: run.unusedAcknowledgements,
  };
}

/** One line per finding, grouped under its severity; the summary line last. */
export function consoleReport(stack: string, run: PolicyRun): string[] {
  const summary = summarize(run);
  const lines = [
    `Policy report for stack ${stack} (tier ${run.tier}): ${summary.policies} policies, ${summary.applied} applied, ${summary.notApplicable} not applicable, ${summary.disabled} disabled.`,
  ];
  for (const severity of SEVERITIES) {
    const findings = run.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push("", `${severity.toUpperCase()} (${findings.length})`);
    for (const finding of findings) lines.push(...findingLines(finding));
  }
  if (run.findings.length === 0) lines.push("", "No findings.");
  if (run.unusedAcknowledgements.length > 0) {
    lines.push("", `Unused acknowledgements (${run.unusedAcknowledgements.length}): they matched no finding; remove them or fix the resource name.`);
    for (const ack of run.unusedAcknowledgements) lines.push(`  ${describeAcknowledgement(ack)}`);
  }
  lines.push(
    "",
    `${summary.passed ? "PASSED" : "FAILED"}: ${summary.blocking} mandatory violation${summary.blocking === 1 ? "" : "s"}, ${summary.advisory} advisory, ${summary.acknowledged} acknowledged.`,
  );
  return lines;
}

function findingLines(finding: Finding): string[] {
  const mark = finding.acknowledged ? "~ acknowledged" : finding.enforcement === "mandatory" ? "✗ mandatory" : "! advisory";
  const where = finding.resource ? `${finding.resource.name} (${finding.resource.type})` : "the stack";
  const lines = [`  ${mark.padEnd(14)}  ${finding.policy}`, `      ${where}: ${finding.message}`];
  if (finding.acknowledged) {
    lines.push(`      acknowledged (${finding.enforcement}) on ${finding.acknowledged.on} by the ${finding.acknowledged.source}: ${finding.acknowledged.reason}`);
  }
  return lines;
}

function describeAcknowledgement(ack: ResolvedAcknowledgement): string {
  return `${ack.policy} on ${ack.resource}`;
}
