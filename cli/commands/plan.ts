import * as path from "node:path";
import { SpecError } from "../../components/spec/problems";
import { EXIT } from "../exit-codes";
import type * as ProgramModule from "../../stacks/program";
import { plural, type Io } from "../io";
import { planArtifacts } from "../plan/artifacts";
import { runUnderMocks } from "../plan/engine";
import { renderTree, resourceTree } from "../plan/tree";
import { writeDirectory } from "../plan/write";
import { loadStack } from "../stack";
import { reportProblems } from "./validate";

/** Options of `inferstack plan`. */
export interface PlanOptions {
  /** Project root (the directory of Pulumi.yaml). */
  readonly root: string;
  readonly stack: string;
  /** Output directory. @default `<root>/out/<stack>` */
  readonly outDir?: string;
}

/** Above this many resources the printed tree shows components only. */
const FULL_TREE_LIMIT = 150;

/**
 * `inferstack plan <stack>`: runs the real Pulumi program under the SDK's mock engine, records every
 * resource, validates every Kubernetes object and writes the plan files.
 */
export async function planCommand(options: PlanOptions, io: Io): Promise<number> {
  const started = process.hrtime.bigint();
  const elapsed = () => `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`;
  const outDir = options.outDir ?? path.join(options.root, "out", options.stack);

  io.err(`inferstack plan ${options.stack}`);
  let loaded;
  try {
    loaded = loadStack(options.root, options.stack);
  } catch (error) {
    if (error instanceof SpecError) return reportProblems(error, io);
    throw error;
  }
  const { platform } = loaded;
  io.err(`  ✓ spec valid: tier ${platform.environment.tier}, ${plural(platform.models.length, "model")}, ${plural(platform.environment.nodePools.length, "node pool")}`);
  io.err("  … running the Pulumi program under the mock engine");

  // Loaded here, not at the top: the program module imports the Pulumi SDK, which validate never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { program } = require("../../stacks/program") as typeof ProgramModule;
  const run = await runUnderMocks({
    project: "inferstack",
    stack: options.stack,
    config: loaded.config,
    secretKeys: loaded.secretKeys,
    region: platform.environment.aws.region,
    accountId: platform.environment.aws.accountId,
    program,
  });
  io.err(`  ✓ ${run.resources.length - 1} resources recorded (${elapsed()})`);

  const artifacts = planArtifacts(platform, run);
  writeDirectory(outDir, artifacts.files);
  const relative = path.relative(process.cwd(), outDir);
  const shown = relative === "" ? "." : relative;
  io.err(`  ✓ wrote ${artifacts.files.size} files to ${shown}/ (${elapsed()})`);

  const tree = resourceTree(run.resources);
  if (tree) for (const line of renderTree(tree, run.resources.length > FULL_TREE_LIMIT)) io.out(line);

  if (artifacts.schemaErrors.length > 0) {
    for (const { urn, errors } of artifacts.schemaErrors) for (const e of errors) io.err(`schema: ${urn}: ${e}`);
    io.err(`${artifacts.schemaErrors.length} Kubernetes objects failed schema validation.`);
    return EXIT.checksFailed;
  }
  io.err(`  ✓ ${artifacts.objects.length} Kubernetes objects valid against their schemas`);
  return EXIT.ok;
}
