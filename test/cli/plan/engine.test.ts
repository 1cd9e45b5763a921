import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { runUnderMocks, withoutProbeStacks, type MockRunArgs } from "../../../cli/plan/engine";
import { REGISTER, REPO, runScript } from "../../helpers/input";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- internal SDK module: its .d.ts declares nothing
const bookkeeping = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise<T>(promise: Promise<T>, context: string): Promise<T> };

/** A provider resource of a type no provider package defines; the mock engine records its inputs. */
class Thing extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super("test:index:Thing", name, props);
  }
}

function mockRun(program: MockRunArgs["program"]): ReturnType<typeof runUnderMocks> {
  return runUnderMocks({ project: "inferstack", stack: "engine", config: {}, secretKeys: [], region: "us-east-1", accountId: "111122223333", program });
}

/** A stack as the given formatter (or V8's own layout) renders it for `error`. */
function stackOf(error: Error, format: ErrorConstructor["prepareStackTrace"] | undefined): string {
  const installed = Error.prepareStackTrace;
  Error.prepareStackTrace = withoutProbeStacks(format);
  try {
    return String(error.stack);
  } finally {
    Error.prepareStackTrace = installed;
  }
}

describe("stack formatting during the mock run", () => {
  const mapped: ErrorConstructor["prepareStackTrace"] = (error) => `mapped ${String(error)}`;

  it("leaves the SDK's message-less probes unformatted, so it records no source position", () => {
    // `Resource.callsites` and `debuggablePromise` read `new Error().stack` and parse the frames after the first line.
    const probe = new Error();
    expect(stackOf(probe, mapped)).toBe("Error");
    expect(stackOf(probe, mapped).split("\n").slice(1)).toEqual([]);
  });

  it("formats every other error with the installed formatter", () => {
    class DefectError extends Error {}
    expect(stackOf(new Error("boom"), mapped)).toBe("mapped Error: boom");
    expect(stackOf(new TypeError(""), mapped)).toBe("mapped TypeError");
    expect(stackOf(new DefectError(""), mapped)).toBe("mapped Error");
  });

  it("lays frames out as V8 does when no formatter is installed", () => {
    const lines = stackOf(new Error("boom"), undefined).split("\n");
    expect(lines[0]).toBe("Error: boom");
    expect(lines[1]).toMatch(/^ {4}at .*engine\.test\.ts:\d+:\d+\)?$/);
  });
});

describe("the SDK's promise bookkeeping during the mock run", () => {
  it("is where the pinned SDK keeps it", () => {
    // The plan's memory figures rely on it (docs/benchmarks.md): an SDK upgrade that moves it fails here.
    expect(typeof bookkeeping.debuggablePromise).toBe("function");
  });

  it("hands each promise back as it is during the run, and is restored afterwards", async () => {
    const probe = Promise.resolve(1);
    let during: Promise<number> | undefined;
    await mockRun(() => {
      during = bookkeeping.debuggablePromise(probe, "probe");
      return Promise.resolve({});
    });
    expect(during).toBe(probe);
    expect(bookkeeping.debuggablePromise(probe, "probe")).not.toBe(probe);
  });

  it("fails the run with the error of a registration that failed, instead of crashing the process after it", () => {
    // In a process of its own: jest keeps unhandled rejections, through which the SDK reports the failure, to itself.
    const result = runScript([
      `require(${JSON.stringify(REGISTER)});`,
      `const pulumi = require("@pulumi/pulumi");`,
      `const { runUnderMocks } = require(${JSON.stringify(path.join(REPO, "cli/plan/engine"))});`,
      `const bookkeeping = require("@pulumi/pulumi/runtime/debuggable");`,
      `const probe = Promise.resolve(1);`,
      `runUnderMocks({ project: "inferstack", stack: "engine", config: {}, secretKeys: [], region: "us-east-1", accountId: "111122223333", program: () => {`,
      `  new pulumi.CustomResource("test:index:Thing", "thing", { value: pulumi.output(Promise.reject(new Error("the input failed"))) });`,
      `  return Promise.resolve({});`,
      `} }).then(() => console.log("resolved"), (error) => console.log("rejected: " + error.message + "; bookkeeping restored: " + (bookkeeping.debuggablePromise(probe, "probe") !== probe)));`,
    ]);
    expect(result).toEqual({
      status: 0,
      stdout: 'rejected: error serializing property "value": the input failed; bookkeeping restored: true\n',
      stderr: "",
    });
  });

  it("records the resources and stack outputs as before", async () => {
    const run = await mockRun(() => {
      const thing = new Thing("thing", { value: pulumi.output("v") });
      return Promise.resolve({ urn: thing.urn });
    });
    expect(run.resources.map((r) => [r.urn, r.inputs])).toEqual([
      ["urn:pulumi:engine::inferstack::pulumi:pulumi:Stack$test:index:Thing::thing", { value: "v" }],
      ["urn:pulumi:engine::inferstack::pulumi:pulumi:Stack::inferstack-engine", {}],
    ]);
    expect(run.outputs).toEqual({ urn: "urn:pulumi:engine::inferstack::pulumi:pulumi:Stack$test:index:Thing::thing" });
  });
});
