/**
 * Step timings of a plan, as User Timing measures: `npm run bench` reads them to report where a
 * plan's time goes (the policy pack's share, schema validation, manifests). Recording one is a clock
 * read and a small entry in the process's performance timeline; nothing is printed or written.
 */

/** Prefix of every measure a plan records. */
export const PLAN_MEASURE_PREFIX = "inferstack:plan:";

/** Runs `run` and records its duration as the measure `inferstack:plan:<step>`. */
export function timed<T>(step: string, run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    performance.measure(`${PLAN_MEASURE_PREFIX}${step}`, { start });
  }
}

/** Milliseconds per step of the measures recorded so far (summed when a step ran more than once). */
export function planStepTimings(): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const entry of performance.getEntriesByType("measure")) {
    if (!entry.name.startsWith(PLAN_MEASURE_PREFIX)) continue;
    const step = entry.name.slice(PLAN_MEASURE_PREFIX.length);
    steps[step] = (steps[step] ?? 0) + entry.duration;
  }
  return steps;
}
