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

/** A parse: the document, or the problems that stopped it. */
export interface ParsedYaml {
  readonly source?: YamlSource;
  readonly problems: readonly Problem[];
}

/**
 * Parses by file and text. `inferstack plan` parses the catalog to validate it and the Pulumi program
 * it then runs parses the same files again (under `pulumi up` the program is the only reader);
 * parsing is pure, so the second parse of an identical text reuses the first. Bounded, so that a
 * long-lived process (a test run) does not keep every document it ever parsed.
 */
const PARSED = new Map<string, ParsedYaml>();
const PARSED_LIMIT = 5000;

/**
 * Parses YAML text strictly (duplicate keys are errors). Returns problems instead of throwing. The
 * result is shared by every parse of the same file and text, and its value is frozen.
 */
export function parseYaml(file: string, text: string): ParsedYaml {
  const key = `${file}\u0000${text}`;
  let parsed = PARSED.get(key);
  if (parsed === undefined) {
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    parsed = Object.freeze(parseDocumentOf(file, text));
    PARSED.set(key, parsed);
  }
  return parsed;
}

function parseDocumentOf(file: string, text: string): ParsedYaml {
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
  const value: unknown = deepFreeze(doc.toJS({ maxAliasCount: 100 }));
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

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
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
