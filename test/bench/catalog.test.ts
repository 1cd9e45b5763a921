import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BENCH_STACK, syntheticProject } from "../../bench/catalog";
import { sdkClass } from "../../bench/floor";
import { computePlan, type ComputedPlan } from "../../cli/plan/compute";
import { writeDirectory } from "../../cli/plan/write";
import { loadStack } from "../../cli/stack";

function project(size: number): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-bench-test-")), "project");
  writeDirectory(dir, syntheticProject(size));
  return dir;
}

describe("benchmark catalogs", () => {
  let plan: ComputedPlan;
  beforeAll(async () => {
    plan = await computePlan(project(12), BENCH_STACK);
  });

  it("are deterministic for a size and seed", () => {
    expect(syntheticProject(50)).toEqual(syntheticProject(50));
    expect(syntheticProject(50, 7)).not.toEqual(syntheticProject(50));
  });

  it("resolve without problems and mix runtimes, formats and shared pools", () => {
    const { platform } = loadStack(project(200), BENCH_STACK);
    expect(platform.models).toHaveLength(200);
    expect(new Set(platform.models.map((m) => `${m.runtime}/${m.format}`))).toEqual(
      new Set(["triton/onnx", "triton/tensorrt_plan", "triton/torchscript", "tfserving/savedmodel"]),
    );
    const shared = platform.serverPools.filter((p) => p.models.length > 1);
    expect(shared.length).toBeGreaterThan(5);
    expect(platform.serverPools.length).toBeLessThan(200);
  });

  it("give a budget that covers every node pool at full scale", () => {
    const { platform } = loadStack(project(200), BENCH_STACK);
    const gpus = platform.environment.nodePools.reduce((sum, p) => sum + p.maxNodes * p.gpusPerNode, 0);
    expect(platform.policy.budget.maxGpus).toBe(gpus);
    for (const pool of platform.environment.nodePools) {
      const demand = platform.serverPools.filter((s) => s.nodePool === pool.name).length * 4;
      expect(pool.maxNodes * pool.gpusPerNode).toBeGreaterThanOrEqual(demand);
    }
  });

  it("plan like a prod stack the checks pass: created cluster, every area, no blocking finding", () => {
    expect(plan.platform.environment.tier).toBe("prod");
    expect(plan.platform.foundation).toBeDefined();
    expect([plan.platform.discovery, plan.platform.monitoring, plan.platform.logging].every((area) => area !== undefined)).toBe(true);
    expect(plan.artifacts.schemaErrors).toEqual([]);
    expect(plan.artifacts.policy.blocking).toBe(0);
    expect(plan.artifacts.policy.findings.filter((f) => f.acknowledged === undefined)).toEqual([]);
  });

  it("use only resource types the floor registers with the SDK class of their type token", () => {
    const types = [...new Set(plan.run.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).map((r) => r.type))];
    const unmapped = types.filter((type) => (sdkClass(type) as unknown as { __pulumiType?: string } | undefined)?.__pulumiType !== type);
    // Operators' custom resources have no SDK class: the floor registers them as apiextensions.CustomResource, as inferstack does.
    expect(unmapped.every((type) => type.startsWith("kubernetes:") && !/^kubernetes:[a-z]+(\.k8s\.io)?\/v\d/.test(type))).toBe(true);
    expect(types.length - unmapped.length).toBeGreaterThan(30);
  });
});
