/**
 * The CDK app of `cdk.json`, for the CDK CLI: `npx cdk synth` synthesizes the foundation of every
 * stack that creates one, `npx cdk synth -c stack=prod` (or `cdk deploy -c stack=prod`) one of them.
 * The same stacks, checks and context as `inferstack synth`; the CLI passes its output directory.
 */
import { listStacks } from "../components/project";
import { formatProblem, SpecError } from "../components/spec/problems";
import { readCdkContext } from "./context";
import { hasFoundation, loadFoundationPlatform, type FoundationPlatform } from "./load";
import { loadStack } from "../cli/stack";
import { buildFoundationApp } from "./synth";

/** Context key selecting one stack (`-c stack=<name>`). */
export const STACK_CONTEXT_KEY = "stack";

function platformsToSynthesize(root: string, selected: string | undefined): FoundationPlatform[] {
  if (selected !== undefined) return [loadFoundationPlatform(root, selected)];
  return listStacks(root)
    .map((stack) => loadStack(root, stack).platform)
    .filter(hasFoundation);
}

function run(): void {
  const root = process.cwd();
  // The CDK CLI hands its context (cdk.json, cdk.context.json, -c) to the app in this variable.
  const cliContext = JSON.parse(process.env.CDK_CONTEXT_JSON ?? "{}") as Record<string, unknown>;
  const selected = cliContext[STACK_CONTEXT_KEY];
  try {
    const platforms = platformsToSynthesize(root, typeof selected === "string" ? selected : undefined);
    buildFoundationApp(platforms, { context: readCdkContext(root) }).app.synth();
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.exitCode = 2;
  }
}

run();
