/**
 * `npm run bench`: plan speed and memory at 10, 100 and 1,000 models against a floor, cold start
 * against the bare SDK load, and type-checking time. Every measurement runs in a fresh process;
 * repetitions are interleaved across sizes and the median is reported.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeDirectory } from "../cli/plan/write";
import { syntheticProject } from "./catalog";
import { renderReport, type BenchResults, type Sample } from "./report";

const ROOT = path.resolve(__dirname, "..");
const SIZES = [10, 100, 1000] as const;
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);

function child(...args: string[]): Sample {
  const wallStart = performance.now();
  const result = spawnSync(process.execPath, ["-r", "@swc-node/register", path.join(__dirname, "child.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, SWC_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - wallStart;
  if (result.status !== 0) throw new Error(`bench child ${args.join(" ")} failed:\n${result.stderr}`);
  const parsed = JSON.parse(result.stdout.trim().split("\n").pop()!) as Omit<Sample, "wallMs">;
  return { ...parsed, wallMs };
}

function cliPlan(root: string, stack: string, outDir: string): Sample {
  const wallStart = performance.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin/inferstack.js"), "plan", stack, "--out", outDir], { cwd: root, encoding: "utf8" });
  const wallMs = performance.now() - wallStart;
  if (result.status !== 0) throw new Error(`inferstack plan failed:\n${result.stderr}`);
  return { wallMs, phases: {}, maxRssMiB: 0 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianSample(samples: readonly Sample[]): Sample {
  const phaseNames = Object.keys(samples[0]!.phases);
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    maxRssMiB: median(samples.map((s) => s.maxRssMiB)),
    phases: Object.fromEntries(phaseNames.map((p) => [p, median(samples.map((s) => s.phases[p] ?? 0))])),
  };
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-bench-"));
  const projects = new Map<number, string>();
  for (const size of [1, ...SIZES]) {
    const dir = path.join(work, `catalog-${size}`);
    writeDirectory(dir, syntheticProject(size));
    projects.set(size, dir);
  }
  // The floor registers the leaf resources of the real plan: record each plan once.
  const plans = new Map<number, string>();
  for (const size of SIZES) {
    const outDir = path.join(work, `plan-${size}`);
    cliPlan(projects.get(size)!, "bench", outDir);
    plans.set(size, path.join(outDir, "plan.json"));
  }

  const plan = new Map<number, Sample[]>(SIZES.map((s) => [s, []]));
  const floor = new Map<number, Sample[]>(SIZES.map((s) => [s, []]));
  const sdk: Sample[] = [];
  const cold: Sample[] = [];
  for (let rep = 0; rep < REPETITIONS; rep++) {
    process.stderr.write(`repetition ${rep + 1}/${REPETITIONS}\n`);
    for (const size of SIZES) {
      plan.get(size)!.push(child("plan", projects.get(size)!, "bench"));
      floor.get(size)!.push(child("floor", plans.get(size)!, "bench"));
    }
    sdk.push(child("sdk"));
    cold.push(cliPlan(projects.get(1)!, "bench", path.join(work, "plan-cold")));
  }

  const tscStart = performance.now();
  const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", ROOT], { encoding: "utf8" });
  const tscMs = performance.now() - tscStart;
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}`);

  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
    repetitions: REPETITIONS,
    sizes: SIZES.map((size) => ({ size, plan: medianSample(plan.get(size)!), floor: medianSample(floor.get(size)!) })),
    coldStart: { plan: medianSample(cold), sdk: medianSample(sdk) },
    tscMs,
  };
  const report = renderReport(results);
  process.stdout.write(`${report}\n`);
  const resultsDir = path.join(__dirname, "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${results.date}.json`), `${JSON.stringify(results, null, 2)}\n`);
  fs.rmSync(work, { recursive: true, force: true });
}

main();
