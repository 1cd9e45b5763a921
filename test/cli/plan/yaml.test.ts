import fc from "fast-check";
import { stringify } from "yaml";
import { toYaml, toYamlAll } from "../../../cli/plan/yaml";

const library = (value: unknown, options: { aliasDuplicateObjects?: boolean } = {}) => stringify(value, { lineWidth: 0, ...options });

/** Strings that exercise the library's quoting: YAML indicators, look-alikes of other types, spaces, escapes, line breaks. */
const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", " ", "---", "--- x", "...", "... x", "a\n---\nb", "a\n...", "%YAML", "true", "False", "null", "~", "yes", "0", "-1", "1.5", "1e3", "0x1F", "0o17", ".inf", "-.Inf", ".NaN", "#x", "a #b", "a: b", "a:b", "- x", "-x", "? x", "&a", "*a", "!t", "|", ">", "'q'", '"q"', "%x", "@x", "`x", "{x}", "[x]", "a,b", " lead", "trail ", "multi\nline", "tab\tx", "bell\u0007", "é", "日本", "k".repeat(1100), "x".repeat(300)),
);
/** Multi-line text: blank and indented lines, leading and trailing line breaks, as in config files. */
const multiline = fc.array(fc.oneof(fc.string(), fc.constantFrom("", " ", "  indented", "#x", "- item", "k: v")), { minLength: 1, maxLength: 5 }).map((lines) => lines.join("\n"));
const scalar = fc.oneof(tricky, multiline, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(tricky, tie("value"), { maxKeys: 4 }),
})).value;

describe("toYaml", () => {
  it("writes names, labels and paths plain, as the library does, in every position", () => {
    const plain = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_./-]*$/);
    fc.assert(
      fc.property(plain, (text) => {
        for (const value of [{ [text]: 1 }, { k: text }, [text]]) expect(toYaml(value)).toBe(library(value));
      }),
      { numRuns: 1000 },
    );
    for (const word of ["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "y", "n", "on", "off", "yes", "No", "nan", "inf", "e1", "x.y/z-w_1", "k".repeat(1000), "k".repeat(1001), "k".repeat(1030)]) {
      for (const value of [{ [word]: 1 }, { k: word }, [word]]) expect(toYaml(value)).toBe(library(value));
    }
  });

  it("writes exactly what the yaml library writes with lineWidth 0, for any JSON value", () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(toYaml(value)).toBe(library(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes many documents at once exactly as the library writes each", () => {
    fc.assert(
      fc.property(fc.array(json, { maxLength: 6 }), (values) => {
        expect(toYamlAll(values)).toEqual(values.map((value) => library(value)));
      }),
      { numRuns: 500 },
    );
  });

  it("lays out nested maps and sequences as the library does", () => {
    const value = { a: 1, b: { c: [1, 2], d: [], e: {} }, f: [{ g: 1, h: [3] }, [4, [5, 6]], [], {}, null, "x y", [{ i: { j: [] } }]], g: { h: ["x\ny", { i: "p\n\n  q\n" }] } };
    expect(toYaml(value)).toBe(library(value));
    expect(toYaml([])).toBe("[]\n");
    expect(toYaml({})).toBe("{}\n");
  });

  it("hands repeated objects, multi-line and long keys and values that are not plain data to the library", () => {
    const shared = { x: [1] };
    const cases: unknown[] = [{ a: shared, b: shared }, { a: [], b: [] }, { "one\ntwo": 1 }, { ["k".repeat(1100)]: 1 }, { a: { "---": [] } }, { a: ["--- x\ny"] }, { when: new Date(0) }, { a: undefined, b: 1 }, { n: -0 }, "scalar", 7];
    for (const value of cases) expect(toYaml(value)).toBe(library(value));
    expect(toYaml({ a: shared, b: shared }, { aliasDuplicateObjects: false })).toBe(library({ a: shared, b: shared }, { aliasDuplicateObjects: false }));
  });
});
