/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports -- modules are required lazily so that their load time is measured as its own phase */
/**
 * One measurement, in a fresh Node process so that peak memory and load costs are its own.
 * Prints one JSON line: `{ phases: {name: ms}, maxRssMiB }`.
 *
 *   child plan <root> <stack>        the real plan, phase by phase: resolve, run (program under the mock
 *                                    engine), artifacts; `plan` = resolve + run, what the floor compares with
 *   child floor <plan.json> <stack>  the floor: the plan's leaf resources registered directly, no components
 *   child sdk                        the bare cost of loading @pulumi/pulumi
 */
import * as fs from "node:fs";

const started = performance.now();
const phases: Record<string, number> = {};
let mark = started;
function lap(name: string): void {
  const now = performance.now();
  phases[name] = now - mark;
  mark = now;
}

interface Recorded {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  provider?: string;
  inputs: Record<string, unknown>;
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === "sdk") {
    require("@pulumi/pulumi");
    lap("loadSdk");
  } else if (mode === "plan") {
    // The same steps as computePlan (cli/plan/compute.ts), timed one by one.
    const { loadStack } = require("../cli/stack") as typeof import("../cli/stack");
    const { runUnderMocks } = require("../cli/plan/engine") as typeof import("../cli/plan/engine");
    const { planArtifacts } = require("../cli/plan/artifacts") as typeof import("../cli/plan/artifacts");
    const { program } = require("../stacks/program") as typeof import("../stacks/program");
    lap("load");
    const loaded = loadStack(a!, b!);
    lap("resolve");
    const { environment } = loaded.platform;
    const run = await runUnderMocks({
      project: "inferstack",
      stack: b!,
      config: loaded.config,
      secretKeys: loaded.secretKeys,
      region: environment.aws.region,
      accountId: environment.aws.accountId,
      program: () => program(a!),
    });
    lap("run");
    const artifacts = planArtifacts(loaded.platform, run);
    lap("artifacts");
    if (artifacts.files.size === 0) throw new Error("empty plan");
    phases.plan = phases.resolve! + phases.run!;
    phases.resources = run.resources.filter((r) => r.custom).length;
  } else if (mode === "floor") {
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const { planMocks } = require("../cli/plan/mocks") as typeof import("../cli/plan/mocks");
    const recorded = (JSON.parse(fs.readFileSync(a!, "utf8")) as { resources: Recorded[] }).resources;
    lap("load");
    await pulumi.runtime.setMocks(planMocks({ region: "us-east-1", accountId: "777788889999" }), "inferstack", b!, false);
    class Leaf extends pulumi.CustomResource {}
    class Provider extends pulumi.ProviderResource {}
    await pulumi.runtime.runInPulumiStack(async () => {
      const providers = new Map<string, import("@pulumi/pulumi").ProviderResource>();
      for (const r of recorded.filter((x) => x.custom && x.type.startsWith("pulumi:providers:"))) {
        providers.set(r.urn, new Provider(r.type.slice("pulumi:providers:".length), r.name, r.inputs));
      }
      for (const r of recorded.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:"))) {
        const provider = r.provider ? providers.get(r.provider) : undefined;
        new Leaf(r.type, r.name, r.inputs, provider ? { provider } : {});
      }
      return {};
    });
    await pulumi.runtime.disconnect();
    lap("plan");
    phases.resources = recorded.filter((x) => x.custom).length;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  phases.total = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ phases, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
