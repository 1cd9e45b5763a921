import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main";
import { REGISTER, REPO, runScript } from "../helpers/input";

// How the `inferstack` command starts: its TypeScript compiled by bin/register.js through a cache,
// the SDK's function-serialization modules deferred (bin/sdk-modules.js), each SDK namespace loaded
// from its own module (components/aws-sdk.ts, components/kubernetes-sdk.ts). Each case runs in a
// process of its own: jest has a module registry of its own, which these never touch.

const SDK_MODULES = path.join(REPO, "bin", "sdk-modules.js");

/** Runs a script and returns the JSON line it printed last (or fails with its output). */
function scriptResult(lines: readonly string[], argsFor?: (script: string) => string[]): unknown {
  const result = runScript(lines, argsFor);
  if (result.status !== 0) throw new Error(`script exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as unknown;
}

/** Every file under `dir`, by path relative to it, with its content. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = fs.readFileSync(file, "utf8");
  }
  return files;
}

describe("deferred SDK modules", () => {
  // What the SDK requires, as it resolves it, and what is loaded from the three packages.
  const probe = [
    `const path = require("node:path"), util = require("node:util");`,
    `const { DEFERRED_MODULES, deferSdkModules } = require(${JSON.stringify(SDK_MODULES)});`,
    `const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));`,
    `const files = DEFERRED_MODULES.map((request) => require.resolve(request, { paths: [sdk] }));`,
    `const loadedUnder = (dir) => Object.keys(require.cache).filter((file) => file.includes(path.sep + dir + path.sep)).length;`,
    `const state = () => ({ standIns: files.map((file) => util.types.isProxy(require.cache[file] && require.cache[file].exports)), arboristFiles: loadedUnder(path.join("@npmcli", "arborist")), automationFiles: loadedUnder(path.join("pulumi", "automation")) });`,
  ];

  it("are stand-ins until used, and the real modules once used", () => {
    const result = scriptResult([
      ...probe,
      `deferSdkModules();`,
      `const pulumi = require("@pulumi/pulumi");`,
      `const loaded = state();`,
      // serializeFunction parses the function's text with TypeScript's compiler.
      `pulumi.runtime.serializeFunction(() => 6 * 7).then((serialized) => {`,
      `  const afterSerialize = state();`,
      `  const workspace = typeof pulumi.automation.LocalWorkspace;`,
      `  const arborist = typeof require(files[1]).Arborist;`,
      `  console.log(JSON.stringify({ loaded, afterSerialize, serialized: serialized.text.includes("6 * 7"), workspace, arborist, after: state() }));`,
      `});`,
    ]);
    expect(result).toEqual({
      loaded: { standIns: [true, true, true, true], arboristFiles: 1, automationFiles: 1 },
      afterSerialize: { standIns: [false, true, true, true], arboristFiles: 1, automationFiles: 1 },
      serialized: true,
      workspace: "function",
      arborist: "function",
      after: { standIns: [false, false, true, false], arboristFiles: expect.any(Number) as number, automationFiles: expect.any(Number) as number },
    });
    const after = (result as { after: { arboristFiles: number; automationFiles: number } }).after;
    expect(after.arboristFiles).toBeGreaterThan(1);
    expect(after.automationFiles).toBeGreaterThan(1);
  });

  it("read like the module: its exports, its default import and `in`", () => {
    const result = scriptResult([
      ...probe,
      `deferSdkModules();`,
      `const standIn = require(files[0]);`,
      // The import helpers of TypeScript and swc hand an ES module on as it is.
      `const esModule = standIn.__esModule === true;`,
      `const real = (() => { delete require.cache[files[0]]; return require(files[0]); })();`,
      `console.log(JSON.stringify({ esModule, same: standIn.createSourceFile === real.createSourceFile, defaultImport: standIn.default === real, has: "SyntaxKind" in standIn, keys: Object.keys(standIn).length === Object.keys(real).length }));`,
    ]);
    expect(result).toEqual({ esModule: true, same: true, defaultImport: true, has: true, keys: true });
  });

  it("leave a module that is already loaded as it is", () => {
    const result = scriptResult([
      ...probe,
      `const typescript = require(files[0]);`,
      `deferSdkModules();`,
      `console.log(JSON.stringify({ same: require.cache[files[0]].exports === typescript, standIns: state().standIns }));`,
    ]);
    expect(result).toEqual({ same: true, standIns: [false, true, true, true] });
  });
});

describe("the TypeScript compile hook", () => {
  const source = (message: string) => ["const prefix: string = 'thrown';", "", "export function fail(): never {", `  throw new Error(prefix + " ${message}");`, "}", ""].join("\n");

  /** Requires `file` under the hook with its cache in `cache`: the error's message and first frame, and what the process loaded. */
  function runHook(file: string, cache: string) {
    return scriptResult([
      `process.env.INFERSTACK_COMPILE_CACHE = ${JSON.stringify(cache)};`,
      `require(${JSON.stringify(REGISTER)});`,
      `try { require(${JSON.stringify(file)}).fail(); } catch (error) {`,
      `  const loaded = Object.keys(require.cache);`,
      `  console.log(JSON.stringify({ message: error.message, frame: error.stack.split("\\n")[1].trim(), compiler: loaded.some((f) => f.endsWith(require("node:path").join("@swc", "core", "index.js"))), typescript: loaded.some((f) => f.includes("/typescript/")) }));`,
      `}`,
    ]) as { message: string; frame: string; compiler: boolean; typescript: boolean };
  }

  it("compiles a file once, reads it back from the cache, and compiles it again when it changes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-hook-"));
    const file = path.join(dir, "fail.ts");
    const cache = path.join(dir, "cache");
    fs.writeFileSync(file, source("first"));

    const first = runHook(file, cache);
    // The stack points into the TypeScript: line 4, column 9 of fail.ts.
    expect(first).toEqual({ message: "thrown first", frame: `at Object.fail (${file}:4:9)`, compiler: true, typescript: false });
    const entries = fs.readdirSync(cache).sort();
    expect(entries.map((entry) => path.extname(entry))).toEqual([".js", ".map"]);

    // The second run reads the compiled file back (altered here, to show where it came from) and loads no compiler.
    const compiled = path.join(cache, entries[0]!);
    fs.writeFileSync(compiled, fs.readFileSync(compiled, "utf8").replace('" first"', '" from the cache"'));
    expect(runHook(file, cache)).toEqual({ message: "thrown from the cache", frame: `at Object.fail (${file}:4:9)`, compiler: false, typescript: false });

    fs.writeFileSync(file, source("second"));
    expect(runHook(file, cache)).toEqual({ message: "thrown second", frame: `at Object.fail (${file}:4:9)`, compiler: true, typescript: false });
    expect(fs.readdirSync(cache).filter((entry) => !entries.includes(entry))).toHaveLength(2);
    expect(fs.readdirSync(cache).filter((entry) => entry.endsWith(".partial"))).toEqual([]);
  });

  it("compiles in memory, with the same stack, when the cache cannot be written", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-hook-"));
    const file = path.join(dir, "fail.ts");
    fs.writeFileSync(file, source("uncached"));
    // A directory cannot be created under a file, whoever runs the test.
    const blocker = path.join(dir, "not-a-directory");
    fs.writeFileSync(blocker, "");
    expect(runHook(file, path.join(blocker, "cache"))).toEqual({ message: "thrown uncached", frame: `at Object.fail (${file}:4:9)`, compiler: true, typescript: false });
  });
});

describe("the compile cache filled by npm ci", () => {
  it("holds every file a plan loads, so the first plan after install compiles nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-warm-"));
    const cache = path.join(dir, "cache");
    const env = { ...process.env, INFERSTACK_COMPILE_CACHE: cache };
    const warm = spawnSync(process.execPath, [path.join(REPO, "bin", "warm-compile-cache.js")], { encoding: "utf8", env });
    expect({ status: warm.status, stderr: warm.stderr }).toEqual({ status: 0, stderr: "" });
    const count = Number(/^inferstack: (\d+) TypeScript files in the compile cache/.exec(warm.stdout)?.[1]);
    expect(fs.readdirSync(cache)).toHaveLength(2 * count);

    const probe = path.join(dir, "probe.js");
    fs.writeFileSync(probe, `process.on("exit", () => console.log(JSON.stringify({ compiler: Object.keys(require.cache).some((f) => f.endsWith(require("node:path").join("@swc", "core", "index.js"))) })));`);
    const plan = spawnSync(process.execPath, ["-r", probe, path.join(REPO, "bin", "inferstack.js"), "plan", "dev", "--out", path.join(dir, "out")], { encoding: "utf8", cwd: REPO, env });
    expect({ status: plan.status, last: plan.stdout.trim().split("\n").pop() }).toEqual({ status: 0, last: '{"compiler":false}' });
    expect(fs.readdirSync(cache)).toHaveLength(2 * count);
  });
});

describe("the inferstack command", () => {
  it("plans exactly what the program plans in-process, loading no index of the AWS SDK and not the Kubernetes SDK's", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-start-"));
    const exitProbe = [
      `process.on("exit", () => {`,
      `  const path = require("node:path");`,
      `  const loaded = Object.keys(require.cache);`,
      `  const packageDir = (pkg) => path.join(${JSON.stringify(REPO)}, "node_modules", pkg);`,
      `  const indexes = (pkg) => loaded.filter((f) => f.startsWith(packageDir(pkg) + path.sep) && path.basename(f) === "index.js").map((f) => path.relative(packageDir(pkg), f));`,
      `  console.log(JSON.stringify({ awsIndexes: indexes("@pulumi/aws"), awsModules: loaded.some((f) => f.startsWith(packageDir("@pulumi/aws"))), kubernetesIndex: loaded.includes(path.join(packageDir("@pulumi/kubernetes"), "index.js")) }));`,
      `});`,
    ];
    const loaded = scriptResult(exitProbe, (script) => ["-r", script, path.join(REPO, "bin", "inferstack.js"), "plan", "dev", "--out", path.join(dir, "command")]);
    // Neither the package's index nor a namespace's (`@pulumi/aws/ec2/index.js`): each class from its own module.
    expect(loaded).toEqual({ awsIndexes: [], awsModules: true, kubernetesIndex: false });

    const silent = { out: () => undefined, err: () => undefined };
    expect(await main(["plan", "dev", "--out", path.join(dir, "in-process")], silent, REPO)).toBe(0);
    const command = tree(path.join(dir, "command"));
    expect(Object.keys(command).length).toBeGreaterThan(20);
    expect(command).toEqual(tree(path.join(dir, "in-process")));
  });
});
