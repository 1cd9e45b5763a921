/**
 * Synthesis of foundation stacks into a cloud assembly, offline: the app with its committed context,
 * one `FoundationStack` per environment, the cdk-nag packs of each stack's tier and the bundled
 * CloudFormation validator (errors fatal through `cdk.json`). Used by `inferstack synth`, by the
 * `cdk.json` app and by the tests.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, CloudFormationValidatePlugin } from "aws-cdk-lib";
import { CDK_APP_MODE_CONTEXT } from "aws-cdk-lib/cx-api";
import { SpecError } from "../components/spec/problems";
import { availabilityZoneProblems } from "./context";
import { foundationStackName } from "./defaults";
import { type FoundationPlatform } from "./load";
import { FoundationStack } from "./foundation-stack";
import { foundationStackSize, stackQuotaProblems } from "./limits";
import { addNagPacks } from "./nag";

/** One finding in the validation report (`validation-report.json`). */
export interface ReportedViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity?: string;
  readonly violatingConstructs: readonly { readonly constructPath: string }[];
  /** Acknowledged findings: the id they were acknowledged with and why. */
  readonly acknowledgedId?: string;
  readonly reason?: string;
}

/** What every validation plugin (cdk-nag packs, the CloudFormation validator) reported. */
export interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly conclusion: "success" | "failure";
    readonly violations: readonly ReportedViolation[];
    readonly suppressedViolations?: readonly ReportedViolation[];
  }[];
}

/** The validation report's file name in the cloud assembly. */
export const REPORT_FILE = "validation-report.json";

/** Thrown when a validation plugin reported an unacknowledged error; the report is in the assembly. */
export class ChecksFailedError extends Error {
  constructor(
    readonly report: ValidationReport,
    readonly reportFile: string,
  ) {
    super(`validation failed; see ${reportFile}`);
    this.name = "ChecksFailedError";
  }
}

/** Options of {@link buildFoundationApp}. */
export interface FoundationAppOptions {
  /** The CDK context (`readCdkContext`). */
  readonly context: Readonly<Record<string, unknown>>;
  /** Where the assembly goes. @default the CDK CLI's `CDK_OUTDIR`, else a temporary directory */
  readonly outdir?: string;
}

/**
 * An app with one foundation stack per platform and the rule packs of their tiers. Throws
 * {@link SpecError} when the context lacks a platform's availability zones, or when a stack would
 * exceed CloudFormation's quotas.
 */
export function buildFoundationApp(platforms: readonly FoundationPlatform[], options: FoundationAppOptions): { app: App; stacks: FoundationStack[]; checks: string[] } {
  const problems = platforms.flatMap((platform) => availabilityZoneProblems(platform, options.context));
  if (problems.length > 0) throw new SpecError(problems);
  const app = new App({ context: { ...options.context }, analyticsReporting: false, ...(options.outdir === undefined ? {} : { outdir: options.outdir }) });
  const stacks = platforms.map((platform) => new FoundationStack(app, foundationStackName(platform.environment.stack), { platform }));
  const tooLarge = stacks.flatMap((stack, i) => stackQuotaProblems(platforms[i]!.environment.stack, foundationStackSize(stack)));
  if (tooLarge.length > 0) throw new SpecError(tooLarge);
  const packs = addNagPacks(
    app,
    stacks.map((stack, i) => ({ stack, tier: platforms[i]!.environment.tier })),
  );
  // The CDK registers the CloudFormation validator on every app by itself.
  return { app, stacks, checks: [...packs, CloudFormationValidatePlugin.PLUGIN_NAME] };
}

/** Findings of one check that were acknowledged, counted per resource. */
export function acknowledgedCount(report: ValidationReport, check: string): number {
  const plugin = report.pluginReports.find((p) => p.pluginName === check);
  return (plugin?.suppressedViolations ?? []).reduce((sum, v) => sum + v.violatingConstructs.length, 0);
}

/** A synthesized foundation stack. */
export interface FoundationSynthesis {
  readonly stack: FoundationStack;
  /** Absolute path of the CloudFormation template. */
  readonly templateFile: string;
  readonly template: Record<string, unknown>;
  readonly report: ValidationReport;
  /**
   * Names of every check that ran (cdk-nag packs, the CloudFormation validator). The report lists a
   * check only when it found something, acknowledged or not.
   */
  readonly checks: readonly string[];
}

/**
 * Synthesizes the foundation of one platform into `outdir`. Throws {@link SpecError} for missing
 * context or a stack beyond CloudFormation's quotas (nothing written) and {@link ChecksFailedError}
 * when a check reported an error (the assembly, with its report, is written).
 */
export function synthesizeFoundation(platform: FoundationPlatform, options: FoundationAppOptions & { readonly outdir: string }): FoundationSynthesis {
  // The CDK stages assets while the stacks are built, before any check: it works in a directory of its
  // own, copied to `outdir` once there is an assembly to keep.
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-synth-"));
  try {
    const inOutdir = (file: string) => path.join(options.outdir, path.relative(staging, file));
    // In memory: a failed check throws with the report instead of the CDK printing it to the console.
    const { app, stacks, checks } = buildFoundationApp([platform], { ...options, outdir: staging, context: { ...options.context, [CDK_APP_MODE_CONTEXT]: "inmemory" } });
    const stack = stacks[0]!;
    let assembly;
    try {
      assembly = app.synth();
    } catch (error) {
      const stagedReport = path.join(staging, REPORT_FILE);
      if (!fs.existsSync(stagedReport)) throw error;
      keep(staging, options.outdir);
      throw new ChecksFailedError(readReport(stagedReport), inOutdir(stagedReport));
    }
    const artifact = assembly.getStackArtifact(stack.artifactId);
    const report = readReport(path.join(staging, REPORT_FILE));
    keep(staging, options.outdir);
    return { stack, templateFile: path.resolve(inOutdir(artifact.templateFullPath)), template: artifact.template as Record<string, unknown>, report, checks };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Copies the staged assembly to `outdir`, replacing an earlier run's report. */
function keep(staging: string, outdir: string): void {
  // A report left by an earlier run must not pass for this one's.
  fs.rmSync(path.join(outdir, REPORT_FILE), { force: true });
  fs.mkdirSync(outdir, { recursive: true });
  fs.cpSync(staging, outdir, { recursive: true });
}

function readReport(file: string): ValidationReport {
  return JSON.parse(fs.readFileSync(file, "utf8")) as ValidationReport;
}
