/**
 * `npm run bench`: `inferstack plan` at 10, 100 and 1,000 models against a floor, the CDK synth of
 * the foundation at the same sizes, cold start against the bare SDK load and against its own floor,
 * and type-checking time. Every measurement runs in a fresh process; repetitions are interleaved
 * across sizes and the median is reported (the quick measurements run several times per repetition).
 * Writes bench/results/<date>.json and the report section of docs/benchmarks.md. `BENCH_REPETITIONS`
 * (default 3) and `BENCH_SIZES` (default 10,100,1000) adjust it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeDirectory } from "../cli/plan/write";
import { BENCH_STACK, syntheticProject } from "./catalog";
import { renderReport, type BenchResults, type Sample, type SynthResult } from "./report";

const ROOT = path.resolve(__dirname, "..");
const SIZES = (process.env.BENCH_SIZES ?? "10,100,1000").split(",").map(Number);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
/** Cold starts (and bare SDK loads) per repetition, interleaved. */
const COLD_START_RUNS = 3;
/**
 * Plan and floor pairs per repetition at each size up to this one (a pair takes seconds there; one at
 * 1,000 models takes a minute): the overhead target at 100 models is a ratio of two medians, each of
 * which moves by a tenth with other jobs on the machine.
 */
const PAIRED_RUNS_UP_TO = { size: 100, runs: 3 };
const REPORT_FILE = path.join(ROOT, "docs", "benchmarks.md");
const REPORT_BEGIN = "<!-- bench:begin (written by npm run bench) -->";
const REPORT_END = "<!-- bench:end -->";

/** Runs `args` with Node in a fresh process and returns its wall time, its output and its peak RSS. */
function node(args: readonly string[], cwd: string): { wallMs: number; stdout: string; maxRssMiB: number } {
  const rssFile = path.join(os.tmpdir(), `inferstack-bench-rss-${process.pid}`);
  const start = performance.now();
  const result = spawnSync(process.execPath, ["-r", path.join(__dirname, "peak-rss.cjs"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, BENCH_PEAK_RSS_FILE: rssFile },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed (exit ${result.status}):\n${result.stderr}`);
  const maxRssMiB = Number(fs.readFileSync(rssFile, "utf8")) / 1024;
  fs.rmSync(rssFile, { force: true });
  return { wallMs, stdout: result.stdout, maxRssMiB };
}

/** A measurement by bench/child.ts, which starts its process as `inferstack` does (bin/register.js, V8 flags, deferred SDK modules). */
function child(...args: string[]): Sample {
  const run = node(["-r", path.join(ROOT, "bin", "register.js"), path.join(__dirname, "child.ts"), ...args], ROOT);
  const parsed = JSON.parse(run.stdout.trim().split("\n").pop()!) as Omit<Sample, "wallMs">;
  return { ...parsed, wallMs: run.wallMs };
}

/** Plan and floor pairs per repetition at `size`. */
function pairsAt(size: number): number {
  return size <= PAIRED_RUNS_UP_TO.size ? PAIRED_RUNS_UP_TO.runs : 1;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianSample(samples: readonly Sample[]): Sample {
  const phaseNames = [...new Set(samples.flatMap((s) => Object.keys(s.phases)))];
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    maxRssMiB: median(samples.map((s) => s.maxRssMiB)),
    ...(samples[0]!.cpuMs === undefined ? {} : { cpuMs: median(samples.map((s) => s.cpuMs ?? 0)) }),
    phases: Object.fromEntries(phaseNames.map((p) => [p, median(samples.map((s) => s.phases[p] ?? 0))])),
    ...(samples[0]!.counts ? { counts: samples[0]!.counts } : {}),
  };
}

/** Replaces the report section of docs/benchmarks.md, keeping the rest of the page. */
function updateReportFile(report: string): void {
  const page = fs.existsSync(REPORT_FILE) ? fs.readFileSync(REPORT_FILE, "utf8") : "";
  const begin = page.indexOf(REPORT_BEGIN);
  const end = page.indexOf(REPORT_END);
  if (begin < 0 || end < begin) {
    process.stderr.write(`${REPORT_FILE} has no ${REPORT_BEGIN} … ${REPORT_END} section; not updated.\n`);
    return;
  }
  fs.writeFileSync(REPORT_FILE, `${page.slice(0, begin + REPORT_BEGIN.length)}\n${report}\n${page.slice(end)}`);
}

function main(): void {
  const loadStart = os.loadavg();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-bench-"));
  const projects = new Map<number, string>();
  for (const size of [1, ...SIZES]) {
    const dir = path.join(work, `catalog-${size}`);
    writeDirectory(dir, syntheticProject(size));
    projects.set(size, dir);
  }
  const plans = new Map<number, Sample[]>(SIZES.map((s) => [s, []]));
  const floors = new Map<number, Sample[]>(SIZES.map((s) => [s, []]));
  const synths = new Map<number, Sample[]>(SIZES.map((s) => [s, []]));
  /** Why the synth could not be measured at a size (it runs on another branch's code; the bench goes on). */
  const synthFailures = new Map<number, string>();
  const sdk: Sample[] = [];
  const cold: Sample[] = [];
  const coldFloor: Sample[] = [];
  for (let rep = 0; rep < REPETITIONS; rep++) {
    for (const size of SIZES) {
      process.stderr.write(`repetition ${rep + 1}/${REPETITIONS}: ${size} models\n`);
      const outDir = path.join(work, `plan-${size}`);
      for (let run = 0; run < pairsAt(size); run++) {
        plans.get(size)!.push(child("command", "plan", projects.get(size)!, BENCH_STACK, outDir));
        // The floor registers the leaf resources of the plan just written.
        floors.get(size)!.push(child("floor", path.join(outDir, "plan.json"), BENCH_STACK));
      }
      if (!synthFailures.has(size)) {
        try {
          synths.get(size)!.push(child("command", "synth", projects.get(size)!, BENCH_STACK, path.join(work, `synth-${size}`)));
        } catch (error) {
          // The child's error line: the command, its exit code and its problems.
          const reason = String((error as Error).message).split("\n").find((line) => line.startsWith("Error: inferstack "));
          synthFailures.set(size, reason?.slice("Error: ".length) ?? String((error as Error).message).split("\n").slice(0, 3).join(" "));
        }
      }
    }
    // Start-up takes about a second and varies most with other jobs on the machine: more samples.
    for (let run = 0; run < COLD_START_RUNS; run++) {
      const bare = node(["-e", 'require("@pulumi/pulumi")'], ROOT);
      sdk.push({ wallMs: bare.wallMs, maxRssMiB: bare.maxRssMiB, phases: {} });
      const plan = node([path.join(ROOT, "bin/inferstack.js"), "plan", BENCH_STACK, "--out", path.join(work, "plan-cold")], projects.get(1)!);
      cold.push({ wallMs: plan.wallMs, maxRssMiB: plan.maxRssMiB, phases: {} });
    }
    // The cold start's floor: the same one-model plan's resources registered by the flat program.
    coldFloor.push(child("floor", path.join(work, "plan-cold", "plan.json"), BENCH_STACK));
  }

  process.stderr.write("tsc --noEmit\n");
  const tscStart = performance.now();
  const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", ROOT], { encoding: "utf8" });
  const tscMs = performance.now() - tscStart;
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}`);

  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    command: `BENCH_REPETITIONS=${REPETITIONS} npm run bench`,
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: cpu,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      loadAverage: { start: loadStart, end: os.loadavg() },
    },
    repetitions: REPETITIONS,
    sizes: SIZES.map((size) => {
      const failure = synthFailures.get(size);
      const synth: SynthResult = failure !== undefined ? { skipped: failure } : medianSample(synths.get(size)!);
      return { size, runs: plans.get(size)!.length, plan: medianSample(plans.get(size)!), floor: medianSample(floors.get(size)!), synth };
    }),
    coldStart: { plan: medianSample(cold), sdk: medianSample(sdk), floor: medianSample(coldFloor), runs: cold.length },
    tscMs,
  };
  const report = renderReport(results);
  process.stdout.write(`${report}\n`);
  const resultsDir = path.join(__dirname, "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${results.date}.json`), `${JSON.stringify({ ...results, samples: { plans: [...plans], floors: [...floors], sdk, cold, coldFloor } }, null, 2)}\n`);
  updateReportFile(report);
  fs.rmSync(work, { recursive: true, force: true });
}

main();
