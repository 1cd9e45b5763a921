import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { planCommand } from "./commands/plan";
import { policyCommand } from "./commands/policy";
import { synthCommand } from "./commands/synth";
import { validateCommand } from "./commands/validate";
import { EXIT } from "./exit-codes";
import { processIo, type Io } from "./io";

/** inferstack's own project root: the directory of its Pulumi.yaml. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

/**
 * The project to work on: the nearest directory at or above `cwd` holding a Pulumi.yaml (a platform
 * team's own project that uses inferstack's stacks and catalog layout), else inferstack's own.
 */
export function findProjectRoot(cwd: string = process.cwd()): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return PROJECT_ROOT;
  }
}

const USAGE = `Usage: inferstack <command> <stack> [options]

Commands:
  validate <stack>              parse and resolve the stack's config and the model catalog
  plan <stack> [--out DIR]      run the Pulumi program under the mock engine and write the plan,
                                policy reports included (default DIR: out/<stack>)
  policy <stack> [--out DIR]    run the policy pack over the plan; print the report and write
                                policy-report.json, policy-report.sarif, policy-pack-config.json
  synth <stack> [--out DIR]     synthesize the stack's AWS foundation to CloudFormation with the CDK,
                                checked by cdk-nag and the CloudFormation validator (default DIR: cdk.out)

Exit codes: 0 success, 1 a check failed (a schema, or a mandatory policy not acknowledged),
2 invalid configuration or usage (nothing written),
3 internal error.`;

/** Runs the `inferstack` command with `argv` (without node and script) and returns its exit code. */
export async function main(argv: readonly string[], io: Io = processIo, root = findProjectRoot()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { out: { type: "string" }, help: { type: "boolean", short: "h" }, debug: { type: "boolean" } },
    });
  } catch (error) {
    const option = /Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    io.err(`${option === undefined ? (error as Error).message : `unknown option "${option}"`}\n\n${USAGE}`);
    return EXIT.invalidInput;
  }
  const [command, stack, ...extra] = parsed.positionals;
  if (parsed.values.help || command === "help") {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command === undefined || !["validate", "plan", "policy", "synth"].includes(command)) {
    io.err(`${command === undefined ? "missing command" : `unknown command "${command}"`}\n\n${USAGE}`);
    return EXIT.invalidInput;
  }
  if (stack === undefined || extra.length > 0) {
    io.err(`${stack === undefined ? `${command} needs a stack name, e.g. "inferstack ${command} dev"` : `unexpected arguments: ${extra.join(" ")}`}\n\n${USAGE}`);
    return EXIT.invalidInput;
  }
  if (parsed.values.out !== undefined && command === "validate") {
    io.err(`--out applies to plan, policy and synth only\n\n${USAGE}`);
    return EXIT.invalidInput;
  }

  try {
    if (command === "validate") return validateCommand(root, stack, io);
    const outDir = parsed.values.out ? { outDir: path.resolve(parsed.values.out) } : {};
    if (command === "policy") return await policyCommand({ root, stack, ...outDir }, io);
    if (command === "synth") return synthCommand({ root, stack, ...outDir }, io);
    return await planCommand({ root, stack, ...outDir }, io);
  } catch (error) {
    io.err(`internal error: ${(error as Error).message ?? String(error)}`);
    if (parsed.values.debug) io.err(String((error as Error).stack));
    else io.err("This is a defect in inferstack; rerun with --debug and report the output.");
    return EXIT.internal;
  }
}
