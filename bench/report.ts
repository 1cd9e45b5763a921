/** One measured run: process wall time, in-process phases (ms) and peak resident memory. */
export interface Sample {
  readonly wallMs: number;
  readonly phases: Record<string, number>;
  readonly maxRssMiB: number;
}

/** Everything one `npm run bench` measured (medians). */
export interface BenchResults {
  readonly date: string;
  readonly machine: string;
  readonly repetitions: number;
  readonly sizes: readonly { readonly size: number; readonly plan: Sample; readonly floor: Sample }[];
  readonly coldStart: { readonly plan: Sample; readonly sdk: Sample };
  readonly tscMs: number;
}

/** A target: a measured figure, its limit and whether it holds. */
export interface Target {
  readonly name: string;
  readonly value: string;
  readonly limit: string;
  readonly met: boolean;
}

/** The targets, evaluated on the results. */
export function evaluateTargets(r: BenchResults): Target[] {
  const at = (size: number) => r.sizes.find((s) => s.size === size)!;
  const overhead = at(100).plan.phases.plan! / at(100).floor.phases.plan!;
  const scale1000 = at(1000).plan.phases.plan! / at(100).plan.phases.plan!;
  const scale100 = at(100).plan.phases.plan! / at(10).plan.phases.plan!;
  const cold = r.coldStart.plan.wallMs / r.coldStart.sdk.wallMs;
  return [
    { name: "plan overhead vs floor at 100 models", value: `${overhead.toFixed(2)}×`, limit: "≤ 1.25×", met: overhead <= 1.25 },
    { name: "scaling plan(1000) / plan(100)", value: scale1000.toFixed(1), limit: "≤ 12", met: scale1000 <= 12 },
    { name: "scaling plan(100) / plan(10)", value: scale100.toFixed(1), limit: "≤ 12", met: scale100 <= 12 },
    { name: "1,000-model plan wall time", value: `${(at(1000).plan.wallMs / 1000).toFixed(1)} s`, limit: "< 60 s", met: at(1000).plan.wallMs < 60_000 },
    { name: "1,000-model plan peak memory", value: `${Math.round(at(1000).plan.maxRssMiB)} MiB`, limit: "< 1536 MiB", met: at(1000).plan.maxRssMiB < 1536 },
    { name: "cold start vs bare SDK load", value: `${cold.toFixed(2)}×`, limit: "≤ 2×", met: cold <= 2 },
  ];
}

const ms = (v: number | undefined) => (v === undefined ? "-" : `${Math.round(v)} ms`);

/** The Markdown report printed by the bench and kept in docs/benchmarks.md. */
export function renderReport(r: BenchResults): string {
  const rows = r.sizes.map(
    (s) =>
      `| ${s.size} | ${s.plan.phases.resources ?? "-"} | ${ms(s.plan.wallMs)} | ${ms(s.plan.phases.plan)} | ${Math.round(s.plan.maxRssMiB)} MiB | ${ms(s.floor.phases.plan)} | ${Math.round(s.floor.maxRssMiB)} MiB | ${(s.plan.phases.plan! / s.floor.phases.plan!).toFixed(2)}× |`,
  );
  const targets = evaluateTargets(r).map((t) => `| ${t.name} | ${t.value} | ${t.limit} | ${t.met ? "met" : "**missed**"} |`);
  return [
    `Measured ${r.date} on ${r.machine}; medians of ${r.repetitions} interleaved repetitions, each in a fresh process.`,
    "",
    "| models | resources | plan wall (process) | plan (in-process) | plan peak RSS | floor (in-process) | floor peak RSS | plan / floor |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Cold start: \`inferstack plan\` of a one-model catalog ${ms(r.coldStart.plan.wallMs)} against ${ms(r.coldStart.sdk.wallMs)} to load \`@pulumi/pulumi\` in a fresh process. \`tsc --noEmit\`: ${ms(r.tscMs)}.`,
    "",
    "| target | measured | limit | result |",
    "|---|---:|---:|---|",
    ...targets,
  ].join("\n");
}
