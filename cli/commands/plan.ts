import * as path from "node:path";
import { EXIT } from "../exit-codes";
import { plural, type Io } from "../io";
import { policyCheck } from "../plan/artifacts";
import { renderTree, resourceTree } from "../plan/tree";
import { timed } from "../plan/timing";
import { writeDirectory } from "../plan/write";
import { planOrExitCode } from "./planned";

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
  const plan = await planOrExitCode(options.root, options.stack, io);
  if (typeof plan === "number") return plan;
  const { run, artifacts } = plan;
  io.err(`  ✓ ${plural(run.resources.length - 1, "resource")} recorded (${elapsed()})`);

  timed("write", () => writeDirectory(outDir, artifacts.files));
  const relative = path.relative(process.cwd(), outDir);
  io.err(`  ✓ wrote ${plural(artifacts.files.size, "file")} to ${relative === "" ? "." : relative}/ (${elapsed()})`);

  const tree = resourceTree(run.resources);
  if (tree) for (const line of renderTree(tree, run.resources.length > FULL_TREE_LIMIT)) io.out(line);

  if (artifacts.schemaErrors.length > 0) {
    for (const { urn, errors } of artifacts.schemaErrors) for (const e of errors) io.err(`schema: ${urn}: ${e}`);
    io.err(`${plural(artifacts.schemaErrors.length, "Kubernetes object")} failed schema validation.`);
    return EXIT.checksFailed;
  }
  io.err(`  ✓ ${plural(artifacts.objects.length, "Kubernetes object")} valid against their schemas`);
  const { policy } = artifacts;
  for (const finding of policy.findings.filter((f) => f.enforcement === "mandatory" && f.acknowledged === undefined)) {
    io.err(`policy: ${finding.policy}: ${finding.resource ? `${finding.resource.name} (${finding.resource.type})` : "the stack"}: ${finding.message}`);
  }
  io.err(`  ${policy.blocking > 0 ? "✗" : "✓"} ${policyCheck(policy)}`);
  return policy.blocking > 0 ? EXIT.checksFailed : EXIT.ok;
}
