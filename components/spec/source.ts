import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { type Problem } from "./problems";

/** A parsed YAML document that can say on which line a value was typed. */
export interface YamlSource {
  /** Path relative to the project root, as shown to the user. */
  readonly file: string;
  /** The plain JavaScript value of the document. */
  readonly value: unknown;
  /** 1-based line of the value at `path` (or of its nearest typed ancestor). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parses YAML text strictly (duplicate keys are errors). Returns problems instead of throwing. */
export function parseYaml(file: string, text: string): { source?: YamlSource; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0]?.line,
        path: "",
        message: `is not valid YAML: ${firstLine(error.message)}; got a syntax error. Fix the YAML syntax at this line.`,
      })),
    };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    let node: unknown = doc.contents;
    let line = offsetLine(node, lineCounter);
    for (const segment of path) {
      const child = childNode(node, segment);
      if (child === undefined) break;
      node = child.value;
      line = offsetLine(child.key, lineCounter) ?? offsetLine(node, lineCounter) ?? line;
    }
    return line;
  };
  return { source: { file, value, lineOf }, problems: [] };
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").replace(/[.;:]+$/, "");
}

function offsetLine(node: unknown, counter: LineCounter): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
}

function childNode(node: unknown, segment: PropertyKey): { key?: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment));
    return pair ? { key: pair.key, value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof segment === "number" && segment < node.items.length) return { value: node.items[segment] };
  return undefined;
}
