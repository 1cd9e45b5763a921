import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { listStacks, readCatalog, readImageFiles, stackFile } from "../../components/project";
import { loadPlatform, type PlatformInput, type ResolvedPlatform } from "../../components/resolve";
import { formatProblem, SpecError } from "../../components/spec/problems";
import { parseStackFile } from "../../components/spec/stack-file";

/** Root of this repository. */
export const REPO = path.resolve(__dirname, "../..");

/** The require hook that compiles this repository's TypeScript (`require(REGISTER)` in a script). */
export const REGISTER = path.join(REPO, "bin", "register.js");

/** The shipped stacks. */
export const SHIPPED_STACKS = ["dev", "staging", "prod"] as const;

/** A platform input built from in-memory YAML (one stack file and catalog files by path), with this repository's `images/`. */
export function inputFrom(stack: string, stackYaml: string, catalog: Record<string, string>, stacks: readonly string[] = ["dev", "staging", "prod"]): PlatformInput {
  const file = stackFile(stack);
  const parsed = parseStackFile(stack, file, stackYaml);
  if (!parsed.input) throw new SpecError(parsed.problems);
  return {
    config: parsed.input,
    catalog: Object.entries(catalog).map(([f, text]) => ({ file: f, text })),
    stacks,
    imageFiles: readImageFiles(REPO),
  };
}

/** The problem lines `loadPlatform` reports for an input, or [] when it resolves. */
export function problemsOf(load: () => unknown): string[] {
  try {
    load();
    return [];
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map(formatProblem);
    throw error;
  }
}

/** The resolved platform of a shipped stack, read from the repository. */
export function shippedPlatform(stack: string): ResolvedPlatform {
  const parsed = parseStackFile(stack, stackFile(stack), fs.readFileSync(path.join(REPO, stackFile(stack)), "utf8"));
  if (!parsed.input) throw new SpecError(parsed.problems);
  return loadPlatform({ config: parsed.input, catalog: readCatalog(REPO, "catalog").files, stacks: listStacks(REPO), imageFiles: readImageFiles(REPO) });
}

/**
 * A throw-away copy of this project's stacks and catalog, with `edits` applied (path → new content,
 * or null to delete). For CLI tests that need a broken or varied project on disk.
 */
export function tempProject(edits: Record<string, string | null> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-test-"));
  for (const sub of ["stacks", "catalog", "images"]) fs.cpSync(path.join(REPO, sub), path.join(dir, sub), { recursive: true, filter: (f) => !f.endsWith(".ts") });
  for (const [file, content] of Object.entries(edits)) {
    const target = path.join(dir, file);
    if (content === null) fs.rmSync(target, { force: true });
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
  }
  return dir;
}

/**
 * Writes `lines` to a script in a temporary directory and runs Node with `argsFor(script)`, resolving
 * this repository's modules (a script that loads its TypeScript requires `REGISTER` first). For
 * behaviour only a process of its own shows: exit codes, unhandled rejections, the event loop running dry.
 */
export function runScript(lines: readonly string[], argsFor: (script: string) => string[] = (script) => [script]): { status: number | null; stdout: string; stderr: string } {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-script-")), "script.js");
  fs.writeFileSync(script, lines.join("\n"));
  const result = spawnSync(process.execPath, argsFor(script), {
    encoding: "utf8",
    cwd: REPO,
    env: { ...process.env, NODE_PATH: path.join(REPO, "node_modules") },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
