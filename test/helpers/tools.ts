import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";

/** External validators the suite runs, with the Debian package that provides each. */
export const TOOLS = Object.freeze({
  promtool: { package: "prometheus" },
  amtool: { package: "prometheus-alertmanager" },
});
export type ToolName = keyof typeof TOOLS;

/** What a tool run printed and returned. */
export interface ToolResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The tool's path on PATH, or undefined. */
export function findTool(name: ToolName): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The command that installs a tool on Debian. */
export function installCommand(name: ToolName): string {
  return `apt-get install -y --no-install-recommends ${TOOLS[name].package}`;
}

/**
 * A describe block whose tests need `name`. Without the tool, outside CI the block is reported as
 * skipped with the install command in its title; with `CI=true` a single failing test says the tool is
 * missing, so CI can never pass without running the real validator.
 */
export function describeWithTool(name: ToolName, title: string, body: (run: (args: readonly string[], cwd?: string) => ToolResult) => void): void {
  const bin = findTool(name);
  if (bin === undefined) {
    if (process.env.CI === "true") {
      describe(title, () => {
        it(`needs ${name}`, () => {
          throw new Error(`${name} is not installed; CI must install it: ${installCommand(name)}`);
        });
      });
    } else {
      describe.skip(`${title} (skipped: ${name} not installed; ${installCommand(name)})`, () => body(() => ({ code: null, stdout: "", stderr: "" })));
    }
    return;
  }
  const run = (args: readonly string[], cwd?: string): ToolResult => {
    const result = spawnSync(bin, [...args], { encoding: "utf8", cwd });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  describe(title, () => body(run));
}

/** Writes files (relative path → content or YAML-able value) under a new temporary directory. */
export function writeTempFiles(files: Readonly<Record<string, unknown>> | ReadonlyMap<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-monitoring-"));
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  for (const [file, content] of entries) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, typeof content === "string" ? content : stringify(content, { lineWidth: 0, aliasDuplicateObjects: false }));
  }
  return dir;
}
