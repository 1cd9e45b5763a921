import type * as ProgramModule from "../../stacks/program";
import { type ResolvedPlatform } from "../../components/resolve/types";
import { loadStack, type LoadedStack } from "../stack";
import { planArtifacts, type PlanArtifacts } from "./artifacts";
import { runUnderMocks, type MockRun } from "./engine";
import { PLAN_MEASURE_PREFIX, timed } from "./timing";

/** A computed plan: the resolved stack, what the program registered, and the files to write. */
export interface ComputedPlan {
  readonly loaded: LoadedStack;
  readonly platform: ResolvedPlatform;
  readonly run: MockRun;
  readonly artifacts: PlanArtifacts;
}

/**
 * Runs the stack's real Pulumi program under the mock engine and builds the plan files, in memory.
 * Throws `SpecError` for invalid input before anything runs.
 */
export async function computePlan(root: string, stack: string, onLoaded?: (loaded: LoadedStack) => void): Promise<ComputedPlan> {
  const loaded = timed("resolve", () => loadStack(root, stack));
  onLoaded?.(loaded);
  // Loaded lazily: the program imports the Pulumi SDK, which validation never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { program } = require("../../stacks/program") as typeof ProgramModule;
  const { platform } = loaded;
  const runStart = performance.now();
  const run = await runUnderMocks({
    project: "inferstack",
    stack,
    config: loaded.config,
    secretKeys: loaded.secretKeys,
    region: platform.environment.aws.region,
    accountId: platform.environment.aws.accountId,
    // The program's synchronous part: reading the spec and constructing every component and resource.
    // What follows it inside `run` is the SDK registering them (the bench compares both with its floor).
    program: () => timed("construct", () => program(root)),
  });
  performance.measure(`${PLAN_MEASURE_PREFIX}run`, { start: runStart });
  const artifacts = timed("artifacts", () => planArtifacts(platform, run, { environmentLine: loaded.environmentLine }));
  return { loaded, platform, run, artifacts };
}
