/**
 * CloudFormation's per-stack quotas: the foundation stack's size is counted before synthesis, and a
 * catalog whose reader roles would not fit in one stack is refused with the most pools that fit.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BENCH_STACK, syntheticProject } from "../../bench/catalog";
import { main } from "../../cli/main";
import { writeDirectory } from "../../cli/plan/write";
import { readCdkContext } from "../../cdk/context";
import { hasFoundation } from "../../cdk/load";
import { foundationStackSize, STACK_QUOTAS, stackQuotaProblems, type StackSize } from "../../cdk/limits";
import { buildFoundationApp } from "../../cdk/synth";
import { REPO, shippedPlatform } from "../helpers/input";

describe("the foundation stack's size", () => {
  it("counts the resources and outputs its template lists, and each pool's share", () => {
    const platform = shippedPlatform("prod");
    if (!hasFoundation(platform)) throw new Error("prod creates its foundation");
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-limits-"));
    const { app, stacks } = buildFoundationApp([platform], { context: readCdkContext(REPO), outdir });
    const size = foundationStackSize(stacks[0]!);
    const template = app.synth().getStackArtifact(stacks[0]!.artifactId).template as { Resources: object; Outputs: object };
    expect(size).toEqual({
      resources: Object.keys(template.Resources).length,
      outputs: Object.keys(template.Outputs).length,
      pools: platform.serverPools.length,
      perPool: { resources: 2, outputs: 1 },
    });
  });
});

describe("CloudFormation's quotas", () => {
  const size = (resources: number, outputs: number): StackSize => ({ resources, outputs, pools: 100, perPool: { resources: 2, outputs: 1 } });

  it("are 500 resources and 200 outputs per stack", () => {
    expect(STACK_QUOTAS).toEqual({ resources: 500, outputs: 200 });
  });

  it("admit a stack at the quotas", () => {
    expect(stackQuotaProblems("prod", size(500, 200))).toEqual([]);
  });

  it("refuse one resource or one output more, naming the most pools that fit", () => {
    // Fixed part: 301 resources and 101 outputs; each pool adds 2 and 1.
    expect(stackQuotaProblems("prod", size(501, 200))).toEqual([
      {
        file: "stacks/Pulumi.prod.yaml",
        path: "",
        message:
          "the CDK foundation of its 100 server pools (a reader role, its policy and a role-ARN output per pool) exceeds what one CloudFormation stack holds; got 501 resources (at most 500). Synthesize with the CDK a catalog of at most 99 server pools (models may share a pool: serverPool in the catalog), or create the foundation with Pulumi (inferstack plan, pulumi up), which has no such limit.",
      },
    ]);
    expect(stackQuotaProblems("prod", size(400, 201))[0]!.message).toContain("got 201 outputs (at most 200). Synthesize with the CDK a catalog of at most 99 server pools");
  });
});

describe("inferstack synth of a catalog too large for one stack", () => {
  it("exits 2 with one line naming the stack file, the counts and the fix, and writes nothing", async () => {
    const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-limits-")), "project");
    writeDirectory(root, syntheticProject(240));
    const outDir = path.join(root, "cdk.out");
    const err: string[] = [];
    const code = await main(["synth", BENCH_STACK, "--out", outDir], { out: () => undefined, err: (line) => err.push(line) }, root);
    expect({ code, problems: err.slice(3), written: fs.existsSync(outDir) }).toEqual({
      code: 2,
      problems: [
        "stacks/Pulumi.bench.yaml: the CDK foundation of its 217 server pools (a reader role, its policy and a role-ARN output per pool) exceeds what one CloudFormation stack holds; got 508 resources (at most 500) and 220 outputs (at most 200). Synthesize with the CDK a catalog of at most 197 server pools (models may share a pool: serverPool in the catalog), or create the foundation with Pulumi (inferstack plan, pulumi up), which has no such limit.",
        "1 problem found; nothing was written.",
      ],
      written: false,
    });
  });
});
