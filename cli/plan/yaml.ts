/**
 * YAML text of plain JSON data, byte for byte what `stringify(value, { lineWidth: 0 })` of the `yaml`
 * library gives, in a fraction of its time.
 *
 * The plan writes every Kubernetes object, Helm release and rule file as YAML: on a 1,000-model plan,
 * some 10,000 documents, and the library (which builds a node tree per document) took about a seventh
 * of the plan. Here the block layout is written directly and only scalars go through the library,
 * each distinct scalar once: the library still decides every quoting, block scalar and number format.
 * Anything the fast path does not handle exactly (multi-line or long keys, text with a line starting
 * like a document marker, objects appearing twice, values that are not plain JSON) is handed to the
 * library whole.
 */
import { stringify } from "yaml";

/** Options passed on to the library (with `lineWidth: 0`) when a document takes the slow path. */
export interface YamlOptions {
  /** @default true, as in the library: repeated objects become anchors and aliases */
  readonly aliasDuplicateObjects?: boolean;
}

type Position = "key" | "value" | "item";

/** A scalar's text in each position, as the library writes it; null when it needs the slow path. */
const SCALARS: Record<Position, Map<unknown, string | null>> = { key: new Map(), value: new Map(), item: new Map() };
/** Bound on each cache, so a long-lived process does not keep every string it ever wrote. */
const SCALAR_LIMIT = 200_000;

/** Thrown inside the fast path when the library must write the document. */
class SlowPath extends Error {}

function libraryScalar(position: Position, scalar: unknown): string | null {
  const wrapped = position === "key" ? { [String(scalar)]: null } : position === "value" ? { k: scalar } : [scalar];
  const text = stringify(wrapped, { lineWidth: 0 });
  const [prefix, suffix] = position === "key" ? ["", ": null\n"] : position === "value" ? ["k: ", "\n"] : ["- ", "\n"];
  if (!text.startsWith(prefix) || !text.endsWith(suffix)) return null;
  const body = text.slice(prefix.length, text.length - suffix.length);
  // A key on several lines or an explicit key (`? `, long keys) is written by the library in place;
  // a block scalar (a multi-line value) is its header, then lines two spaces in (see `indented`).
  return position === "key" && (body.includes("\n") || body.startsWith("?")) ? null : body;
}

/** A scalar's text placed at `indent`: the lines of a block scalar move with it (blank lines stay empty). */
function indented(text: string, indent: string): string {
  if (indent === "" || !text.includes("\n")) return text;
  return text
    .split("\n")
    .map((line, i) => (i === 0 || line === "" ? line : `${indent}${line}`))
    .join("\n");
}

/**
 * Strings the library always writes plain, in every position: a letter or `_`, then letters, digits
 * and `_ . / -` (names, labels, image references without tags), except the words YAML reads as null or
 * booleans, and up to 1,000 characters (a key over 1,024 becomes an explicit `? ` key). The tests
 * check this against the library.
 */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED: ReadonlySet<string> = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);

/** Lines starting like a YAML directive or document marker: the library writes them depending on their depth. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

function scalarText(position: Position, scalar: unknown): string {
  if (typeof scalar === "string") {
    if (scalar.length <= 1000 && PLAIN.test(scalar) && !RESERVED.has(scalar)) return scalar;
    if (DOCUMENT_MARKER.test(scalar)) throw new SlowPath();
  }
  if (typeof scalar === "number" && Object.is(scalar, -0)) throw new SlowPath();
  const cache = SCALARS[position];
  let text = cache.get(scalar);
  if (text === undefined) {
    if (cache.size >= SCALAR_LIMIT) cache.clear();
    text = libraryScalar(position, scalar);
    cache.set(scalar, text);
  }
  if (text === null) throw new SlowPath();
  return text;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The text after `key:` or `-` for an empty collection or a scalar; undefined for a non-empty collection. */
function inline(value: unknown, position: "value" | "item", seen: Set<object>): string | undefined {
  if (isScalar(value)) return scalarText(position, value);
  if (!Array.isArray(value) && !isPlainObject(value)) throw new SlowPath();
  // The library writes a repeated object as an anchor and aliases (or, without them, again).
  if (seen.has(value)) throw new SlowPath();
  seen.add(value);
  if (Array.isArray(value)) return value.length === 0 ? "[]" : undefined;
  return Object.keys(value).length === 0 ? "{}" : undefined;
}

/** Lines of a non-empty map or sequence at `indent`. */
function block(value: unknown, indent: string, lines: string[], seen: Set<object>): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = inline(item, "item", seen);
      if (text !== undefined) {
        lines.push(`${indent}- ${indented(text, indent)}`);
        continue;
      }
      // A collection in a sequence starts on the dash's line, its other lines two spaces in.
      const nested: string[] = [];
      block(item, `${indent}  `, nested, seen);
      lines.push(`${indent}- ${nested[0]!.slice(indent.length + 2)}`, ...nested.slice(1));
    }
    return;
  }
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const name = scalarText("key", key);
    const text = inline(entry, "value", seen);
    if (text !== undefined) {
      lines.push(`${indent}${name}: ${indented(text, indent)}`);
      continue;
    }
    lines.push(`${indent}${name}:`);
    block(entry, `${indent}  `, lines, seen);
  }
}

/** Scalars of `value` not yet in the cache, by position (what the fast path will look up). */
function collectScalars(value: unknown, position: "value" | "item", found: Record<"value" | "item", Set<unknown>>): void {
  if (isScalar(value)) {
    const plain = typeof value === "string" && value.length <= 1000 && PLAIN.test(value) && !RESERVED.has(value);
    if (!plain && !SCALARS[position].has(value)) found[position].add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectScalars(item, "item", found);
  } else if (isPlainObject(value)) {
    for (const entry of Object.values(value)) collectScalars(entry, "value", found);
  }
}

/**
 * Renders many scalars of one position with a single library call (the library's cost is mostly per
 * document) and caches each one's text, as `libraryScalar` would have found it: every entry starts a
 * line with its own key or dash; a block scalar's lines are indented, so none of them starts one.
 */
function cacheScalars(position: "value" | "item", scalars: readonly unknown[]): void {
  const batch = scalars.filter((scalar) => !(typeof scalar === "number" && Object.is(scalar, -0)) && !(typeof scalar === "string" && DOCUMENT_MARKER.test(scalar)));
  if (batch.length === 0) return;
  const prefixOf = (i: number) => (position === "value" ? `k${i}: ` : "- ");
  const text = stringify(position === "value" ? Object.fromEntries(batch.map((scalar, i) => [`k${i}`, scalar])) : batch, { lineWidth: 0 });
  let start = 0;
  batch.forEach((scalar, i) => {
    if (!text.startsWith(prefixOf(i), start)) throw new Error(`yaml batch out of step at entry ${i}`);
    const next = i + 1 < batch.length ? text.indexOf(`\n${prefixOf(i + 1)}`, start) : text.length - 1;
    if (SCALARS[position].size >= SCALAR_LIMIT) SCALARS[position].clear();
    SCALARS[position].set(scalar, text.slice(start + prefixOf(i).length, next));
    start = next + 1;
  });
}

/**
 * Each of `values` as YAML, exactly as `toYaml` (and the library) writes it, with the scalars that
 * need the library rendered together first.
 */
export function toYamlAll(values: readonly unknown[], options: YamlOptions = {}): string[] {
  const found = { value: new Set<unknown>(), item: new Set<unknown>() };
  for (const value of values) collectScalars(value, "item", found);
  cacheScalars("value", [...found.value]);
  cacheScalars("item", [...found.item]);
  return values.map((value) => toYaml(value, options));
}

/** `value` as YAML, exactly as `stringify(value, { lineWidth: 0, ...options })` writes it. */
export function toYaml(value: unknown, options: YamlOptions = {}): string {
  try {
    const seen = new Set<object>();
    const text = isScalar(value) ? undefined : inline(value, "item", seen);
    if (text !== undefined) return `${text}\n`;
    if (!Array.isArray(value) && !isPlainObject(value)) throw new SlowPath();
    const lines: string[] = [];
    block(value, "", lines, seen);
    return `${lines.join("\n")}\n`;
  } catch (error) {
    if (!(error instanceof SlowPath)) throw error;
    return stringify(value, { lineWidth: 0, ...options });
  }
}
