import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { syntheticProject } from "../../bench/catalog";
import { writeDirectory } from "../../cli/plan/write";
import { loadStack } from "../../cli/stack";

describe("benchmark catalogs", () => {
  it("are deterministic for a size and seed", () => {
    expect(syntheticProject(50)).toEqual(syntheticProject(50));
    expect(syntheticProject(50, 7)).not.toEqual(syntheticProject(50));
  });

  it("resolve without problems and mix runtimes, formats and shared pools", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "inferstack-bench-test-")), "project");
    writeDirectory(dir, syntheticProject(200));
    const { platform } = loadStack(dir, "bench");
    expect(platform.models).toHaveLength(200);
    expect(new Set(platform.models.map((m) => `${m.runtime}/${m.format}`))).toEqual(
      new Set(["triton/onnx", "triton/tensorrt_plan", "triton/torchscript", "tfserving/savedmodel"]),
    );
    const shared = platform.serverPools.filter((p) => p.models.length > 1);
    expect(shared.length).toBeGreaterThan(5);
    expect(platform.serverPools.length).toBeLessThan(200);
  });
});
