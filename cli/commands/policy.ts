import * as fs from "node:fs";
import * as path from "node:path";
import { POLICY_FILES } from "../../policies/runner/evaluate";
import { consoleReport } from "../../policies/runner/report";
import { EXIT } from "../exit-codes";
import { plural, type Io } from "../io";
import { planOrExitCode } from "./planned";

/** Options of `inferstack policy`. */
export interface PolicyOptions {
  /** Project root (the directory of Pulumi.yaml). */
  readonly root: string;
  readonly stack: string;
  /** Directory of the reports. @default `<root>/out/<stack>` */
  readonly outDir?: string;
}

/**
 * `inferstack policy <stack>`: runs the real Pulumi program under the mock engine, runs every policy
 * of the pack over the recorded resources, prints the report grouped by severity and writes
 * policy-report.json, policy-report.sarif and policy-pack-config.json. Exit 1 when a mandatory policy
 * is violated and not acknowledged.
 */
export async function policyCommand(options: PolicyOptions, io: Io): Promise<number> {
  const outDir = options.outDir ?? path.join(options.root, "out", options.stack);
  io.err(`inferstack policy ${options.stack}`);
  const plan = await planOrExitCode(options.root, options.stack, io);
  if (typeof plan === "number") return plan;
  const { artifacts } = plan;
  io.err(`  ✓ ${plural(plan.run.resources.length - 1, "resource")} recorded; ${artifacts.policy.policies.length} policies run`);

  fs.mkdirSync(outDir, { recursive: true });
  const names = Object.values(POLICY_FILES);
  for (const name of names) writeFileAtomically(path.join(outDir, name), artifacts.files.get(name)!);
  for (const line of consoleReport(options.stack, artifacts.policy)) io.out(line);
  const relative = path.relative(process.cwd(), outDir);
  io.err(`  ✓ wrote ${names.join(", ")} to ${relative === "" ? "." : relative}/`);
  return artifacts.policy.blocking > 0 ? EXIT.checksFailed : EXIT.ok;
}

/** Writes through a temporary sibling, so a reader never sees half a report. */
function writeFileAtomically(file: string, content: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}
