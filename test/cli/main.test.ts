import { spawnSync } from "node:child_process";
import * as path from "node:path";
import * as fs from "node:fs";
import * as os from "node:os";
import { findProjectRoot, main, PROJECT_ROOT } from "../../cli/main";
import { REGISTER, REPO, runScript, tempProject } from "../helpers/input";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe("inferstack validate", () => {
  it.each([
    ["dev", "stack dev is valid: tier dev, 3 models, 2 node pools."],
    ["staging", "stack staging is valid: tier staging, 3 models, 1 node pool."],
    ["prod", "stack prod is valid: tier prod, 3 models, 1 node pool."],
  ])("accepts the shipped %s stack", async (stack, line) => {
    const { io, out, err } = capture();
    expect(await main(["validate", stack], io)).toBe(0);
    expect(out).toEqual([line]);
    expect(err).toEqual([]);
  });

  it("rejects a stack without a config file, naming the stacks that exist", async () => {
    const { io, err } = capture();
    expect(await main(["validate", "qa"], io)).toBe(2);
    expect(err).toEqual([
      'stacks/Pulumi.qa.yaml: no such stack config file; got stack "qa". Use one of "dev", "prod" or "staging", or create stacks/Pulumi.qa.yaml.',
      "1 problem found; nothing was written.",
    ]);
  });

  it("rejects a stack name that could escape the stacks directory", async () => {
    const { io, err } = capture();
    expect(await main(["validate", "../etc"], io)).toBe(2);
    expect(err[0]).toBe('stacks/Pulumi.../etc.yaml: no such stack config file; got stack "../etc". Use one of "dev", "prod" or "staging", or create stacks/Pulumi.../etc.yaml.');
  });

  it("reports a catalog directory that does not exist", async () => {
    const root = tempProject({ "stacks/Pulumi.dev.yaml": `config:\n  inferstack:catalog: models\n` });
    const { io, err } = capture();
    expect(await main(["validate", "dev"], io, root)).toBe(2);
    expect(err[0]).toBe('stacks/Pulumi.dev.yaml: inferstack:catalog: names no directory; got "models". Create it with one YAML file per model, or point inferstack:catalog at the catalog directory.');
  });
});

describe("usage", () => {
  it.each([
    [[], "missing command"],
    [["deploy", "dev"], 'unknown command "deploy"'],
    [["plan"], 'plan needs a stack name, e.g. "inferstack plan dev"'],
    [["validate", "dev", "prod"], "unexpected arguments: prod"],
    [["validate", "dev", "--out", "x"], "--out applies to plan, policy and synth only"],
    [["plan", "dev", "--colour"], 'unknown option "--colour"'],
  ])("exits 2 for %j", async (argv, first) => {
    const { io, err } = capture();
    expect(await main(argv, io)).toBe(2);
    expect(err[0]!.split("\n")[0]).toBe(first);
    expect(err[0]).toContain("Usage: inferstack <command> <stack> [options]");
  });

  it("prints usage for --help and exits 0", async () => {
    const { io, out } = capture();
    expect(await main(["--help"], io)).toBe(0);
    expect(out[0]).toContain("plan <stack> [--out DIR]");
  });
});

describe("the installed command", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO, "bin/inferstack.js"), ...args], { encoding: "utf8", cwd: REPO });

  it("exits 2 with one line per problem and no stack trace", () => {
    const result = run("validate", "qa");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      'stacks/Pulumi.qa.yaml: no such stack config file; got stack "qa". Use one of "dev", "prod" or "staging", or create stacks/Pulumi.qa.yaml.\n1 problem found; nothing was written.\n',
    );
  });

  it("exits 0 for a valid stack", () => {
    const result = run("validate", "dev");
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: "stack dev is valid: tier dev, 3 models, 2 node pools.\n" });
  });

  it("sets its V8 flags in its own process, before any work, and passes the exit code on", () => {
    // A preloaded probe records every V8 flag the command sets at run time, and every process it starts.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-flags-"));
    const probe = path.join(dir, "probe.js");
    const log = path.join(dir, "log");
    fs.writeFileSync(
      probe,
      [
        `const fs = require("node:fs"), v8 = require("node:v8"), cp = require("node:child_process");`,
        `const record = (entry) => fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(entry) + "\\n");`,
        `const setFlags = v8.setFlagsFromString;`,
        `v8.setFlagsFromString = (flag) => { record({ flag, compilerLoaded: Object.keys(require.cache).some((f) => f.endsWith("register.js") || f.includes("@swc")) }); setFlags(flag); };`,
        `for (const name of ["spawn", "spawnSync", "fork", "exec", "execFile", "execSync", "execFileSync"]) { const f = cp[name]; cp[name] = (...a) => { record({ started: name }); return f(...a); }; }`,
      ].join("\n"),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS shared with bin/inferstack.js
    const { V8_FLAGS } = require("../../bin/node-flags") as { V8_FLAGS: string[] };
    expect(V8_FLAGS).toEqual(["--heap-growing-percent=25"]);
    for (const command of ["plan", "policy", "validate"]) {
      fs.rmSync(log, { force: true });
      const result = spawnSync(process.execPath, ["-r", probe, path.join(REPO, "bin/inferstack.js"), command, "qa"], { encoding: "utf8", cwd: REPO });
      const entries = fs.readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as unknown);
      expect({ status: result.status, entries }).toEqual({ status: 2, entries: [{ flag: "--heap-growing-percent=25", compilerLoaded: false }] });
    }
  });

  it("exits 3 with one line when the command stops waiting on a promise that never settles", () => {
    // The preloaded script stands in for cli/main: its command waits on a promise nothing settles, so the event loop runs dry.
    const result = runScript(
      [
        `require(${JSON.stringify(REGISTER)});`,
        `const file = require.resolve(${JSON.stringify(path.join(REPO, "cli/main"))});`,
        `require.cache[file] = { id: file, filename: file, loaded: true, exports: { main: () => new Promise(() => {}) } };`,
      ],
      (script) => ["-r", script, path.join(REPO, "bin/inferstack.js"), "plan", "dev"],
    );
    expect(result).toEqual({
      status: 3,
      stdout: "",
      stderr: "internal error: the command stopped before it finished: it was waiting on a promise that nothing settles (an Output that never resolves?)\n",
    });
  });
});

describe("project discovery", () => {
  it("works on the nearest project at or above the current directory", () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-project-"));
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: team-models\nruntime: nodejs\n");
    fs.mkdirSync(path.join(project, "catalog", "vision"), { recursive: true });
    expect(findProjectRoot(path.join(project, "catalog", "vision"))).toBe(project);
  });

  it("falls back to inferstack's own project outside any project", () => {
    expect(findProjectRoot(fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-nowhere-")))).toBe(PROJECT_ROOT);
  });
});
