/**
 * `inferstack synth` on bad input and failing checks: the same spec errors and exit code 2 as `plan`,
 * nothing written; exit 1 with every unacknowledged finding when a check fails. The happy path of
 * the shipped stacks is in test/cdk/foundation.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../cli/main";
import { REPO, tempProject } from "../helpers/input";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

/** A copy of the project with its CDK context files, so synthesis can run in it. */
function projectWithContext(edits: Record<string, string | null> = {}): string {
  const read = (file: string) => fs.readFileSync(path.join(REPO, file), "utf8");
  return tempProject({ "cdk.json": read("cdk.json"), "cdk.context.json": read("cdk.context.json"), ...edits });
}

describe("inferstack synth refuses what it cannot synthesize, writes nothing and exits 2", () => {
  it("says there is nothing to synthesize for a stack that brings its own cluster", async () => {
    const root = projectWithContext();
    const { io, out, err } = capture();
    expect(await main(["synth", "staging"], io, root)).toBe(2);
    expect({ out, err }).toEqual({
      out: [],
      err: [
        "inferstack synth staging",
        'stacks/Pulumi.staging.yaml:18: inferstack:environment.cluster.mode: brings its own cluster, so there is no AWS foundation to synthesize; got "existing". Set cluster.mode: create to have inferstack create the foundation, or deploy the serving layer with pulumi up.',
        "1 problem found; nothing was written.",
      ],
    });
    expect(fs.existsSync(path.join(root, "cdk.out"))).toBe(false);
  });

  it("reports the spec's problems exactly as plan does", async () => {
    const model = fs.readFileSync(path.join(REPO, "catalog/vision/resnet50.yaml"), "utf8").replace(/memoryGiB: [\d.]+/, "memoryGiB: 40");
    const line = model.split("\n").findIndex((l) => l.includes("memoryGiB: 40")) + 1;
    const root = projectWithContext({ "catalog/vision/resnet50.yaml": model });
    const synth = capture();
    const plan = capture();
    expect([await main(["synth", "prod"], synth.io, root), await main(["plan", "prod"], plan.io, root)]).toEqual([2, 2]);
    expect(synth.err).toEqual([
      "inferstack synth prod",
      `catalog/vision/resnet50.yaml:${line}: gpu.memoryGiB: needs 80 GiB (2 instances × 40 GiB) but node pool "a10g" (g5.2xlarge) has 22.4 GiB per GPU, 20.1 GiB usable after 10% headroom; got 40. Choose a node pool with larger GPUs or lower the model's memory.`,
      "1 problem found; nothing was written.",
    ]);
    expect(synth.err.slice(1)).toEqual(plan.err.slice(1));
    expect(fs.existsSync(path.join(root, "cdk.out"))).toBe(false);
  });

  it("asks for the availability zones of an account the context does not know, instead of asking AWS", async () => {
    const root = tempProject();
    const { io, err } = capture();
    expect(await main(["synth", "prod"], io, root)).toBe(2);
    expect(err.slice(-2)).toEqual([
      'cdk.context.json: availability-zones:account=777788889999:region=us-east-1: has no availability zones, so the CDK would ask AWS for them; got nothing. Add the key with the output of `aws ec2 describe-availability-zones --region us-east-1 --query "AvailabilityZones[].ZoneName"` run in account 777788889999.',
      "1 problem found; nothing was written.",
    ]);
    expect(fs.existsSync(path.join(root, "cdk.out"))).toBe(false);
  });

  it("needs a stack name and a stack that exists", async () => {
    const usage = capture();
    const unknown = capture();
    expect([await main(["synth"], usage.io, REPO), await main(["synth", "qa"], unknown.io, REPO)]).toEqual([2, 2]);
    expect(usage.err[0]!.split("\n")[0]).toBe('synth needs a stack name, e.g. "inferstack synth dev"');
    expect(unknown.err).toEqual([
      "inferstack synth qa",
      'stacks/Pulumi.qa.yaml: no such stack config file; got stack "qa". Use one of "dev", "prod" or "staging", or create stacks/Pulumi.qa.yaml.',
      "1 problem found; nothing was written.",
    ]);
  });
});

describe("inferstack synth with a failing check", () => {
  it("lists every unacknowledged finding and exits 1: prod may not turn flow logs off", async () => {
    const stackFile = fs.readFileSync(path.join(REPO, "stacks/Pulumi.prod.yaml"), "utf8").replace("      mode: create\n", "      mode: create\n      network: { mode: create, flowLogs: false }\n");
    const root = projectWithContext({ "stacks/Pulumi.prod.yaml": stackFile });
    const { io, out, err } = capture();
    expect(await main(["synth", "prod", "--out", path.join(root, "assembly")], io, root)).toBe(1);
    expect(out).toEqual([]);
    expect(err.slice(3).map((line) => line.replace(/ - \(Control IDs: .*\)\.$/, " - (Control IDs).").replace(root, "<root>"))).toEqual([
      "AwsSolutions: AwsSolutions-VPC7: inferstack-prod-foundation/Network/Vpc/Resource: The VPC does not have an associated Flow Log.",
      "NIST.800.53.R5: NIST.800.53.R5-VPCFlowLogsEnabled: inferstack-prod-foundation/Network/Vpc/Resource: The VPC does not have an associated Flow Log - (Control IDs).",
      `The checks failed; the report is in ${path.relative(process.cwd(), path.join(root, "assembly", "validation-report.json")).replace(root, "<root>")}.`,
    ]);
    expect(fs.existsSync(path.join(root, "assembly", "validation-report.json"))).toBe(true);
  });
});
