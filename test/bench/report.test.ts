import { evaluateTargets, renderReport, type BenchResults, type Sample } from "../../bench/report";

function sample(wallMs: number, phases: Record<string, number>, maxRssMiB = 200): Sample {
  return { wallMs, phases, maxRssMiB, counts: { resources: 1312, custom: 1208 } };
}

/** Results shaped like one `npm run bench` at 10 and 100 models, with round figures. */
function results(options: { withSplit: boolean }): BenchResults {
  const split = (phases: Record<string, number>) => (options.withSplit ? phases : {});
  const plan = (program: number, resolve: number, construct: number, gc: number) =>
    sample(program + 1_500, { plan: program + 900, resolve, run: program - resolve, program, artifacts: 800, write: 100, ...split({ construct, gc }) });
  const floor = (program: number, construct: number, gc: number) => sample(program + 200, { load: 200, program, ...split({ construct, gc }) });
  return {
    date: "2026-12-03",
    command: "npm run bench",
    machine: { cpus: 2, cpuModel: "AMD EPYC", memoryGiB: 24, node: "v20.20.2", os: "Linux", loadAverage: { start: [1, 1, 1], end: [2, 2, 2] } },
    repetitions: 3,
    sizes: [
      { size: 10, plan: plan(760, 80, 150, 120), floor: floor(600, 60, 100), synth: { skipped: "not run" } },
      { size: 100, runs: 9, plan: plan(2_800, 150, 520, 610), floor: floor(2_200, 265, 540), synth: { skipped: "not run" } },
    ],
    coldStart: { plan: sample(1_400, {}), sdk: sample(730, {}), floor: sample(630, {}), runs: 9 },
    tscMs: 17_000,
  };
}

describe("the bench report", () => {
  it("splits the plan's run beside the floor's into construct and registration, with the collector's time", () => {
    const lines = renderReport(results({ withSplit: true })).split("\n");
    const header = lines.indexOf("| models | resolve | construct | floor: construct | registration | floor: registration | GC | floor: GC |");
    expect(header).toBeGreaterThan(0);
    // registration = run − construct for the plan (run = program − resolve), program − construct for the floor
    expect(lines.slice(header + 2, header + 4)).toEqual([
      "| 10 | 80 ms | 150 ms | 60 ms | 530 ms | 540 ms | 120 ms | 100 ms |",
      "| 100 | 150 ms | 520 ms | 265 ms | 2,130 ms | 1,935 ms | 610 ms | 540 ms |",
    ]);
    expect(lines[header + 4]).toBe("");
  });

  it("shows a dash where results written before the split lack a step", () => {
    const lines = renderReport(results({ withSplit: false })).split("\n");
    const header = lines.indexOf("| models | resolve | construct | floor: construct | registration | floor: registration | GC | floor: GC |");
    expect(lines[header + 3]).toBe("| 100 | 150 ms | - | - | - | - | - | - |");
  });

  it("evaluates the overhead at 100 models as resolve + run over the floor's program", () => {
    const overhead = evaluateTargets(results({ withSplit: true })).find((t) => t.name.startsWith("plan overhead"));
    expect(overhead).toEqual({ name: "plan overhead vs floor at 100 models (resolve + run)", value: "1.27×", limit: "≤ 1.25×", met: false });
  });
});
