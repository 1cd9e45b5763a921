/** The benchmark's results, its targets (issue 9) and the Markdown report kept in docs/benchmarks.md. */

/** One measured run: process wall time, in-process phases (ms), peak resident memory, counts. */
export interface Sample {
  readonly wallMs: number;
  readonly phases: Readonly<Record<string, number>>;
  readonly maxRssMiB: number;
  /** User + system CPU time of the whole process (all threads), when the process reports it. */
  readonly cpuMs?: number;
  readonly counts?: Readonly<Record<string, number>>;
}

/** A CDK synth measurement, or why there is none. */
export type SynthResult = Sample | { readonly skipped: string };

/** Everything one `npm run bench` measured (medians of the repetitions). */
export interface BenchResults {
  readonly date: string;
  readonly command: string;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGiB: number;
    readonly node: string;
    readonly os: string;
    /** 1-, 5- and 15-minute load averages when the bench started and ended (other jobs share the machine). */
    readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  };
  readonly repetitions: number;
  /** Per size: medians of `runs` plans and as many floors (of one synth per repetition). */
  readonly sizes: readonly { readonly size: number; readonly runs?: number; readonly plan: Sample; readonly floor: Sample; readonly synth: SynthResult }[];
  /**
   * `inferstack plan` of a one-model catalog, the bare `require("@pulumi/pulumi")`, and the floor of that
   * plan (its resources registered by the flat program with the SDK and the provider modules it uses):
   * medians of `runs` cold starts and as many bare SDK loads, interleaved, and of one floor per repetition.
   */
  readonly coldStart: { readonly plan: Sample; readonly sdk: Sample; readonly floor: Sample; readonly runs?: number };
  readonly tscMs: number;
}

/** A target: a measured figure, its limit and whether it holds. */
export interface Target {
  readonly name: string;
  readonly value: string;
  readonly limit: string;
  readonly met: boolean;
}

/** The in-process duration of the command (`inferstack plan`: resolve, run, artifacts, write), module loading excluded. */
export function planMs(sample: Sample): number {
  return sample.phases.plan!;
}

/** Resolve plus the program under the mock engine: what the floor does without inferstack. */
export function programMs(sample: Sample): number {
  return sample.phases.program!;
}

/** The issue's targets, evaluated on the results (those whose sizes were measured). */
export function evaluateTargets(r: BenchResults): Target[] {
  const at = (size: number) => r.sizes.find((s) => s.size === size);
  const [s10, s100, s1000] = [at(10), at(100), at(1000)];
  const targets: Target[] = [];
  if (s100) {
    const overhead = programMs(s100.plan) / programMs(s100.floor);
    targets.push({ name: "plan overhead vs floor at 100 models (resolve + run)", value: `${overhead.toFixed(2)}×`, limit: "≤ 1.25×", met: overhead <= 1.25 });
  }
  if (s100 && s1000) {
    const scale = planMs(s1000.plan) / planMs(s100.plan);
    targets.push({ name: "scaling plan(1000) / plan(100)", value: scale.toFixed(1), limit: "≤ 12", met: scale <= 12 });
  }
  if (s10 && s100) {
    const scale = planMs(s100.plan) / planMs(s10.plan);
    targets.push({ name: "scaling plan(100) / plan(10)", value: scale.toFixed(1), limit: "≤ 12", met: scale <= 12 });
  }
  if (s1000) {
    const { wallMs, maxRssMiB } = s1000.plan;
    targets.push({ name: "1,000-model `inferstack plan` wall time", value: `${(wallMs / 1000).toFixed(1)} s`, limit: "< 60 s", met: wallMs < 60_000 });
    targets.push({ name: "1,000-model `inferstack plan` peak memory", value: `${Math.round(maxRssMiB)} MiB`, limit: "< 1536 MiB", met: maxRssMiB < 1536 });
  }
  const cold = r.coldStart.plan.wallMs / r.coldStart.sdk.wallMs;
  targets.push({ name: "cold start vs bare SDK load", value: `${cold.toFixed(2)}×`, limit: "≤ 2×", met: cold <= 2 });
  return targets;
}

const ms = (v: number | undefined) => (v === undefined ? "-" : `${Math.round(v).toLocaleString("en-US")} ms`);
const mib = (v: number) => `${Math.round(v).toLocaleString("en-US")} MiB`;
const share = (part: number | undefined, whole: number) => (part === undefined ? "-" : `${Math.round((100 * part) / whole)}%`);

function synthCell(synth: SynthResult): string {
  return "skipped" in synth ? `not measured (${synth.skipped})` : `${ms(synth.wallMs)}, ${mib(synth.maxRssMiB)}`;
}

/** `a − b`, or undefined when either is missing (results written before the step was recorded). */
const minus = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a - b);

/**
 * Rows of the table that sets the plan's resolve and run beside its floor's program, split where the
 * work differs: construct (the program's synchronous part: the spec read again, every component and
 * resource created; the floor's: its resources created) and registration (the rest of the run: the
 * SDK serializing and registering them), with the collector's time during both.
 */
function againstFloorRows(r: BenchResults): string[] {
  return r.sizes.map(({ size, plan, floor }) => {
    const p = plan.phases;
    const f = floor.phases;
    const row = [size, ms(p.resolve), ms(p.construct), ms(f.construct), ms(minus(p.run, p.construct)), ms(minus(f.program, f.construct)), ms(p.gc), ms(f.gc)];
    return `| ${row.join(" | ")} |`;
  });
}

/** How many plans and floors the medians of the sizes that ran more than one per repetition are of. */
function pairedNote(r: BenchResults): string {
  const more = r.sizes.filter((s) => (s.runs ?? r.repetitions) > r.repetitions);
  if (more.length === 0) return "";
  const sizes = more.map((s) => s.size.toLocaleString("en-US")).join(" and ");
  return `; at ${sizes} models, medians of ${more[0]!.runs} plans and ${more[0]!.runs} floors, each floor run right after its plan`;
}

/** The Markdown report printed by the bench and kept in docs/benchmarks.md. */
export function renderReport(r: BenchResults): string {
  const m = r.machine;
  const load = (l: readonly number[]) => l.map((v) => v.toFixed(2)).join(" / ");
  const main = r.sizes.map(({ size, plan, floor }) => {
    const row = [
      size,
      plan.counts?.resources ?? "-",
      ms(plan.wallMs),
      ms(planMs(plan)),
      mib(plan.maxRssMiB),
      ms(programMs(plan)),
      ms(programMs(floor)),
      mib(floor.maxRssMiB),
      `${(programMs(plan) / programMs(floor)).toFixed(2)}×`,
    ];
    return `| ${row.join(" | ")} |`;
  });
  const steps = r.sizes.map(({ size, plan }) => {
    const p = plan.phases;
    const row = [size, ms(p.load), ms(p.resolve), ms(p.run), ms(p.artifacts), `${ms(p.policy)} (${share(p.policy, planMs(plan))})`, ms(p.schemas), ms(p.manifests), ms(p.monitoring), ms(p.write)];
    return `| ${row.join(" | ")} |`;
  });
  const at = (size: number) => r.sizes.find((s) => s.size === size);
  const floorScaling = [
    [1000, 100],
    [100, 10],
  ]
    .filter(([big, small]) => at(big!) && at(small!))
    .map(([big, small]) => `floor(${big}) / floor(${small}) ${(programMs(at(big!)!.floor) / programMs(at(small!)!.floor)).toFixed(1)}`);
  const synthSkipped = r.sizes.map((s) => s.synth).find((s): s is { skipped: string } => "skipped" in s && r.sizes.every((t) => "skipped" in t.synth));
  const targets = evaluateTargets(r).map((t) => `| ${t.name} | ${t.value} | ${t.limit} | ${t.met ? "met" : "**missed**"} |`);
  return [
    `Measured ${r.date} with \`${r.command}\` on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; load average ${load(m.loadAverage.start)} at the start and ${load(m.loadAverage.end)} at the end (other jobs share the machine). Medians of ${r.repetitions} interleaved repetitions, each measurement in a fresh process${pairedNote(r)}.`,
    "",
    "| models | resources | `inferstack plan` wall (process) | plan (in-process) | peak RSS | resolve + run | floor: run | floor peak RSS | resolve + run / floor |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...main,
    "",
    "Where the plan's time goes (in-process steps; policy is the pack's run over every resource, part of `inferstack plan`):",
    "",
    "| models | module load | resolve | run (mock engine) | artifacts | of which policy | schemas | manifests | monitoring | write |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...steps,
    "",
    "What the plan's resolve and run spend beside its floor (construct: the program's synchronous part, which reads the spec and creates every component and resource, against the floor creating its resources; registration: the rest of the run, the SDK serializing and registering them; GC: the collector's time during both, included in them):",
    "",
    "| models | resolve | construct | floor: construct | registration | floor: registration | GC | floor: GC |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...againstFloorRows(r),
    "",
    synthSkipped
      ? `CDK synth of the foundation: not measured (${synthSkipped.skipped}).`
      : `CDK synth of the foundation: ${r.sizes.map((s) => `${s.size} models ${synthCell(s.synth)}`).join("; ")}.`,
    "",
    `Cold start${r.coldStart.runs === undefined ? "" : ` (medians of ${r.coldStart.runs} runs)`}: \`inferstack plan\` of a one-model catalog ${ms(r.coldStart.plan.wallMs)} (${mib(r.coldStart.plan.maxRssMiB)}) against ${ms(r.coldStart.sdk.wallMs)} (${mib(r.coldStart.sdk.maxRssMiB)}) for \`node -e 'require("@pulumi/pulumi")'\`. Its floor, the same ${r.coldStart.floor.counts?.resources ?? "-"} resources registered by the flat program in a fresh process, takes ${ms(r.coldStart.floor.wallMs)} (${mib(r.coldStart.floor.maxRssMiB)}): ${(r.coldStart.floor.wallMs / r.coldStart.sdk.wallMs).toFixed(2)}× the bare SDK load with none of inferstack's components, renderers or checks, and the plan takes ${(r.coldStart.plan.wallMs / r.coldStart.floor.wallMs).toFixed(2)}× its floor. \`tsc --noEmit\`: ${ms(r.tscMs)}.`,
    "",
    ...(floorScaling.length === 0 ? [] : [`The floor's own scaling, the SDK alone under the mock engine with the same flags: ${floorScaling.join(", ")}.`, ""]),
    "| target | measured | limit | result |",
    "|---|---:|---:|---|",
    ...targets,
  ].join("\n");
}
