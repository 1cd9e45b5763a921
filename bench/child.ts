/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports -- modules are required lazily so that their load time is measured as its own phase */
/**
 * One measurement, in a fresh Node process so that peak memory and load costs are its own.
 * Prints one JSON line: `{ phases: {name: ms}, maxRssMiB, cpuMs, counts }` (cpuMs: user + system time of
 * the whole process, every thread: less sensitive than wall time to other jobs on the machine).
 *
 *   child command <plan|synth> <root> <stack> <outDir>
 *       the real command, as `inferstack <command> <stack> --out <outDir>` runs it (output silenced),
 *       with the steps it records (cli/plan/timing.ts): resolve, run (the program under the mock
 *       engine; inside it construct, the program's synchronous part), artifacts and inside it policy,
 *       schemas, manifests, ..., then write; gc is the collector's time during resolve and run
 *   child floor <plan.json> <stack>
 *       the floor (bench/floor.ts): the plan's leaf resources registered by a flat program with the
 *       same SDK classes, names, inputs and providers, under the same mock engine (`runUnderMocks`);
 *       construct is its synchronous part, gc the collector's time during the program
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
// What `inferstack` does before its work (bin/inferstack.js), so every measurement starts like it: its
// V8 flags, and the SDK's function-serialization modules deferred (this file runs under bin/register.js).
(require("../bin/node-flags") as { applyV8Flags(): void }).applyV8Flags();
(require("../bin/sdk-modules") as { deferSdkModules(): void }).deferSdkModules();

const started = performance.now();
const phases: Record<string, number> = {};
const counts: Record<string, number> = {};
let mark = started;
function lap(name: string): void {
  const now = performance.now();
  phases[name] = now - mark;
  mark = now;
}

type Recorded = import("./floor").PlannedResource;

/** Garbage collections of this process (start and duration, ms), to report the collector's share of a step. */
const collections: { start: number; duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ start: entry.startTime, duration: entry.duration });
});
gcObserver.observe({ entryTypes: ["gc"] });

/** Milliseconds of garbage collection that started between `start` and `end`. */
function collectorMs(start: number, end: number): number {
  for (const entry of gcObserver.takeRecords()) collections.push({ start: entry.startTime, duration: entry.duration });
  return collections.filter((c) => c.start >= start && c.start <= end).reduce((sum, c) => sum + c.duration, 0);
}

function readPlan(file: string): Recorded[] {
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { resources: Recorded[] }).resources;
}

async function main(): Promise<number> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === "command") {
    const [command, root, stack, outDir] = args as [string, string, string, string];
    const cli = require("../cli/main") as typeof import("../cli/main");
    const { PLAN_MEASURE_PREFIX, planStepTimings } = require("../cli/plan/timing") as typeof import("../cli/plan/timing");
    require("../stacks/program");
    lap("load");
    const errors: string[] = [];
    const code = await cli.main([command, stack, "--out", outDir], { out: () => undefined, err: (line) => errors.push(line) }, root);
    lap(command);
    // The command's problems, without its progress lines.
    if (code !== 0) throw new Error(`inferstack ${command} ${stack} exited ${code}: ${errors.filter((line) => !/^(inferstack |\s+[✓…])/.test(line)).join(" ")}`);
    Object.assign(phases, planStepTimings());
    // What the floor does too: resolving the spec and running the program under the mock engine.
    if (phases.resolve !== undefined && phases.run !== undefined) phases.program = phases.resolve + phases.run;
    const resolve = performance.getEntriesByName(`${PLAN_MEASURE_PREFIX}resolve`)[0];
    const run = performance.getEntriesByName(`${PLAN_MEASURE_PREFIX}run`)[0];
    if (resolve && run) phases.gc = collectorMs(resolve.startTime, run.startTime + run.duration);
  } else if (mode === "floor") {
    const [planFile, stack] = args as [string, string];
    const { runUnderMocks } = require("../cli/plan/engine") as typeof import("../cli/plan/engine");
    const { registerFloor } = require("./floor") as typeof import("./floor");
    const recorded = readPlan(planFile);
    lap("load");
    const programStart = performance.now();
    await runUnderMocks({
      project: "inferstack",
      stack,
      config: {},
      secretKeys: [],
      region: "us-east-1",
      accountId: "777788889999",
      program: () => {
        const start = performance.now();
        registerFloor(recorded);
        phases.construct = performance.now() - start;
        return Promise.resolve({});
      },
    });
    lap("program");
    phases.gc = collectorMs(programStart, performance.now());
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  phases.total = performance.now() - started;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  // Counted after the peak memory is read: parsing plan.json is no part of the measurement.
  const planFile = mode === "floor" ? args[0]! : path.join(args[3]!, "plan.json");
  if (fs.existsSync(planFile)) {
    const resources = readPlan(planFile);
    counts.resources = resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
    counts.custom = resources.filter((r) => r.custom).length;
  }
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ phases, maxRssMiB, cpuMs: (cpu.user + cpu.system) / 1000, counts })}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
