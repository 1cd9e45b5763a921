/**
 * Problems in user input, reported together and located where the user typed them.
 *
 * Every message follows `<path the user typed>: <what is wrong>; got <value>. <how to fix>.`
 */

/** One thing wrong with the input. */
export interface Problem {
  /** File the value came from, relative to the project root (e.g. `stacks/Pulumi.prod.yaml`). */
  readonly file: string;
  /** 1-based line in `file`, when the value came from a file we parsed ourselves. */
  readonly line?: number;
  /** Dotted path as the user would type it (e.g. `inferstack:environment.nodePools.a10g.maxNodes`); empty for file-level problems. */
  readonly path: string;
  /** `<what is wrong>; got <value>. <how to fix>.` */
  readonly message: string;
}

/** Thrown by parse and resolve when the input has one or more problems; never partial. */
export class SpecError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "SpecError";
  }
}

/** Renders a problem as the single line the user sees. */
export function formatProblem(problem: Problem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return problem.path === "" ? `${where}: ${problem.message}` : `${where}: ${problem.path}: ${problem.message}`;
}

/** Sorts problems by file, line and path so reports are stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.path.localeCompare(b.path) ||
      a.message.localeCompare(b.message),
  );
}

/** Appends path segments the way `pulumi config set --path` spells them: `a.b[0].c`. */
export function joinPath(base: string, segments: readonly PropertyKey[]): string {
  let out = base;
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** A short, unambiguous rendering of a value for messages: strings quoted, long values cut. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) {
    const text = `[${value.map(describeValue).join(", ")}]`;
    return text.length > 60 ? `a list of ${value.length} items` : text;
  }
  if (typeof value === "object") {
    const keys = Object.keys(value as object);
    return keys.length === 0 ? "{}" : `an object with keys ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ", ..." : ""}`;
  }
  return typeof value;
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length >= 4) {
    const extended = candidates.find((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
    if (extended) return extended;
  }
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Formats a list of allowed choices: `"a", "b" or "c"`. */
export function listChoices(choices: readonly string[]): string {
  const quoted = choices.map((c) => JSON.stringify(c));
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** A GiB figure for messages: whole numbers as is, others to one decimal. */
export function formatGiB(gib: number): string {
  return Number.isInteger(gib) ? String(gib) : gib.toFixed(1);
}
