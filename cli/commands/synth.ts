import * as path from "node:path";
import type * as SynthModule from "../../cdk/synth";
import { readCdkContext } from "../../cdk/context";
import { CDK_DEFAULTS } from "../../cdk/defaults";
import { foundationNotes, loadFoundationPlatform, type FoundationPlatform } from "../../cdk/load";
import { SpecError } from "../../components/spec/problems";
import { EXIT } from "../exit-codes";
import { plural, type Io } from "../io";
import { reportProblems } from "./validate";

/** Options of `inferstack synth`. */
export interface SynthOptions {
  /** Project root (the directory of Pulumi.yaml, `cdk.json` and `cdk.context.json`). */
  readonly root: string;
  readonly stack: string;
  /** Directory of the cloud assembly. @default `<root>/cdk.out` */
  readonly outDir?: string;
}

/**
 * `inferstack synth <stack>`: synthesizes the stack's AWS foundation to CloudFormation with the CDK,
 * offline, checked by cdk-nag (AWS Solutions; NIST 800-53 R5 on prod) and the bundled CloudFormation
 * validator with errors fatal. Same spec errors and exit code 2 as `plan`; 1 when a check fails.
 */
export function synthCommand(options: SynthOptions, io: Io): number {
  const started = process.hrtime.bigint();
  const elapsed = () => `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`;
  const outDir = options.outDir ?? path.join(options.root, CDK_DEFAULTS.outDir);
  const relative = (file: string) => path.relative(process.cwd(), file);

  io.err(`inferstack synth ${options.stack}`);
  let platform: FoundationPlatform;
  try {
    platform = loadFoundationPlatform(options.root, options.stack);
  } catch (error) {
    if (error instanceof SpecError) return reportProblems(error, io);
    throw error;
  }
  const { foundation, environment } = platform;
  io.err(
    `  ✓ spec valid: tier ${environment.tier}, ${plural(foundation.nodeGroups.length, "node group")}, ${foundation.registry.repositories.length} ${foundation.registry.repositories.length === 1 ? "repository" : "repositories"}, ${plural(foundation.identities.length, "reader role")}`,
  );
  io.err("  … synthesizing with cdk-nag and the CloudFormation validator");

  // Loaded lazily: aws-cdk-lib takes a second to load, and invalid input never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { acknowledgedCount, ChecksFailedError, synthesizeFoundation } = require("../../cdk/synth") as typeof SynthModule;
  let result: SynthModule.FoundationSynthesis;
  try {
    result = synthesizeFoundation(platform, { context: readCdkContext(options.root), outdir: outDir });
  } catch (error) {
    if (error instanceof SpecError) return reportProblems(error, io);
    if (error instanceof ChecksFailedError) {
      for (const plugin of error.report.pluginReports) {
        for (const violation of plugin.violations) {
          for (const construct of violation.violatingConstructs) io.err(`${plugin.pluginName}: ${violation.ruleName}: ${construct.constructPath}: ${violation.description}`);
        }
      }
      io.err(`The checks failed; the report is in ${relative(error.reportFile)}.`);
      return EXIT.checksFailed;
    }
    throw error;
  }

  const resources = Object.keys(result.template.Resources as object).length;
  io.err(`  ✓ wrote ${relative(result.templateFile)}: ${plural(resources, "resource")} (${elapsed()})`);
  for (const check of result.checks) {
    io.err(`  ✓ ${check}: no unacknowledged finding, ${plural(acknowledgedCount(result.report, check), "acknowledged finding")}`);
  }
  for (const note of foundationNotes(platform)) io.err(`  note: ${note}`);
  io.out(`${result.stack.stackName}  ${relative(result.templateFile)}`);
  return EXIT.ok;
}
