import * as fs from "node:fs";
import * as path from "node:path";
import { listStacks, readCatalog, readImageFiles, stackFile } from "../components/project";
import { loadPlatform, PLATFORM_DEFAULTS, type ResolvedPlatform } from "../components/resolve";
import { listChoices, SpecError, type Problem } from "../components/spec/problems";
import { parseStackFile } from "../components/spec/stack-file";
import { CONFIG_NAMESPACE } from "../components/spec/stack";
import { POLICY_NAMES } from "../policies/pack";

/** A stack read from disk: the resolved platform and the config a Pulumi engine would pass. */
export interface LoadedStack {
  readonly stack: string;
  readonly platform: ResolvedPlatform;
  /** Every config key as a string (objects as JSON); secrets replaced by placeholders. */
  readonly config: Record<string, string>;
  /** Keys of `config` that hold secrets. */
  readonly secretKeys: readonly string[];
  /** Line of `inferstack:environment` in the stack file, where code-scanning UIs show stack-wide findings. */
  readonly environmentLine: number;
}

/**
 * The stand-in value a secret key gets during an offline plan: the real ciphertext cannot be decrypted
 * without the Pulumi CLI, and the plan masks secrets anyway. Tests assert it never reaches an output.
 */
export function secretPlaceholder(key: string): string {
  return `inferstack-plan-placeholder-for-${key}`;
}

/** Reads, parses and resolves one stack from the project at `root`. Throws {@link SpecError}. */
export function loadStack(root: string, stack: string): LoadedStack {
  const file = stackFile(stack);
  const stacks = listStacks(root);
  if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !fs.existsSync(path.join(root, file))) {
    throw new SpecError([noSuchStack(stack, file, stacks)]);
  }
  const parsed = parseStackFile(stack, file, fs.readFileSync(path.join(root, file), "utf8"));
  if (!parsed.input) throw new SpecError(parsed.problems);

  const catalogEntry = parsed.input.entries.get(`${CONFIG_NAMESPACE}:catalog`)?.value;
  const catalogDir = typeof catalogEntry === "string" ? catalogEntry : PLATFORM_DEFAULTS.catalogDir;
  const catalog = readCatalog(root, catalogDir);
  if (catalog.problems.length > 0) throw new SpecError(catalog.problems.map((p) => ({ ...p, file })));

  const platform = loadPlatform({ config: parsed.input, catalog: catalog.files, stacks, policies: POLICY_NAMES, imageFiles: readImageFiles(root) });
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, entry] of [...parsed.input.entries].sort(([a], [b]) => a.localeCompare(b))) {
    if (entry.secret) {
      config[key] = secretPlaceholder(key);
      secretKeys.push(key);
    } else {
      config[key] = typeof entry.value === "string" ? entry.value : JSON.stringify(entry.value);
    }
  }
  const environmentLine = parsed.input.source?.lineOf(["config", `${CONFIG_NAMESPACE}:environment`]) ?? 1;
  return { stack, platform, config, secretKeys, environmentLine };
}

function noSuchStack(stack: string, file: string, stacks: readonly string[]): Problem {
  return {
    file,
    path: "",
    message: `no such stack config file; got stack ${JSON.stringify(stack)}. Use ${stacks.length > 0 ? `one of ${listChoices(stacks)}` : "an existing stack"}, or create ${file}.`,
  };
}
