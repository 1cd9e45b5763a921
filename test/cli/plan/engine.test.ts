import { withoutProbeStacks } from "../../../cli/plan/engine";

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
