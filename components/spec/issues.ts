import { z } from "../zod";
import { closest, describeValue, joinPath, listChoices, type Problem } from "./problems";
import { type YamlSource } from "./source";

/** Where parsed input came from: the file shown to the user, the path prefix they typed, and line lookup. */
export interface Origin {
  readonly file: string;
  /** Prefix of every path, e.g. `inferstack:environment` for a stack config key; empty for a catalog file. */
  readonly basePath: string;
  /** Present when the value was parsed from a file we can locate lines in. */
  readonly source?: YamlSource;
  /** Segments between the document root and the parsed value (e.g. `["config", "inferstack:environment"]`). */
  readonly sourcePrefix?: readonly PropertyKey[];
}

/** Builds a problem at `path` (segments relative to the parsed value). */
export function problemAt(origin: Origin, path: readonly PropertyKey[], message: string): Problem {
  const line = origin.source?.lineOf([...(origin.sourcePrefix ?? []), ...path]);
  return { file: origin.file, ...(line === undefined ? {} : { line }), path: joinPath(origin.basePath, path), message };
}

/**
 * Parses `input` with `schema`; on failure, converts every zod issue into a user-facing problem.
 * Raw zod messages never reach the user.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  origin: Origin,
): { value?: z.output<S>; problems: Problem[] } {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { value: result.data, problems: [] };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) problems.push(...issueProblems(schema, input, issue, origin));
  return { problems };
}

function issueProblems(schema: z.ZodType, input: unknown, issue: z.core.$ZodIssue, origin: Origin): Problem[] {
  const path = issue.path as PropertyKey[];
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = objectKeysAt(schema, input, path);
      return issue.keys.map((key) => {
        const hint = closest(key, allowed);
        const fix = hint ? `Did you mean "${hint}"?` : `Remove it; allowed keys here: ${allowed.join(", ")}.`;
        return problemAt(origin, [...path, key], `unknown key; got ${describeValue(key)}. ${fix}`);
      });
    }
    case "invalid_type": {
      if (issue.input === undefined) {
        return [problemAt(origin, path, `is required; got nothing. Add ${describeKey(path)}.`)];
      }
      const expected = issue.expected === "int" ? "a whole number" : article(issue.expected);
      const fix =
        typeof issue.input === "string" && (issue.expected === "number" || issue.expected === "int") && issue.input.trim() !== "" && !Number.isNaN(Number(issue.input))
          ? "Write the number without quotes."
          : issue.expected === "string" && (typeof issue.input === "number" || typeof issue.input === "boolean")
            ? `Quote it: "${String(issue.input)}".`
            : `Write ${expected}.`;
      return [problemAt(origin, path, `must be ${expected}; got ${describeValue(issue.input)}. ${fix}`)];
    }
    case "too_small":
      return [problemAt(origin, path, isDefaultMessage(issue.message) ? tooSmall(issue) : withValue(issue.message, issue.input))];
    case "too_big":
      return [problemAt(origin, path, isDefaultMessage(issue.message) ? tooBig(issue) : withValue(issue.message, issue.input))];
    case "invalid_value": {
      const choices = issue.values.map(String);
      const hint = typeof issue.input === "string" ? closest(issue.input, choices) : undefined;
      const fix = hint ? `Did you mean "${hint}"?` : `Use one of them.`;
      return [problemAt(origin, path, `must be one of ${listChoices(choices)}; got ${describeValue(issue.input)}. ${fix}`)];
    }
    case "invalid_union": {
      if ("options" in issue && issue.discriminator !== undefined && issue.options !== undefined) {
        const choices = issue.options.map(String);
        // zod reports the issue at the discriminator itself or at the union, depending on the input.
        const at = path[path.length - 1] === issue.discriminator ? path : [...path, issue.discriminator];
        const got = readAt(input, at);
        return [
          problemAt(
            origin,
            at,
            `must be one of ${listChoices(choices)}; got ${describeValue(got)}. Set ${issue.discriminator} to one of them.`,
          ),
        ];
      }
      // Report the problems of the branch that came closest (fewest issues).
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      return best.flatMap((inner) =>
        issueProblems(schema, input, { ...inner, path: [...path, ...(inner.path as PropertyKey[])] } as z.core.$ZodIssue, origin),
      );
    }
    case "invalid_key":
      // A record key failed its schema (e.g. a node pool name that is not a DNS label).
      return issue.issues.map((inner) => problemAt(origin, path, withValue(inner.message, inner.input)));
    case "invalid_element":
      return issue.issues.map((inner) => problemAt(origin, path, withValue(inner.message, inner.input)));
    case "not_multiple_of":
      return [problemAt(origin, path, `must be a multiple of ${issue.divisor}; got ${describeValue(issue.input)}. Round it.`)];
    case "invalid_format":
    case "custom":
    default:
      // Our schemas give every format and refinement check a complete `<what>; got <value>. <fix>.` message.
      return [problemAt(origin, path, withValue(issue.message, issue.input))];
  }
}

/** zod's own messages ("Too small: ...", "Invalid input") are replaced; schema-supplied ones are kept. */
function isDefaultMessage(message: string): boolean {
  return /^(Too (small|big)|Invalid|Expected)/.test(message);
}

function withValue(message: string, input: unknown): string {
  return message.includes("{value}") ? message.replace("{value}", describeValue(input)) : message;
}

function describeKey(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  return last === undefined ? "it" : typeof last === "number" ? "the item" : `"${String(last)}"`;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  const min = Number(issue.minimum);
  const got = describeValue(issue.input);
  switch (issue.origin) {
    case "array":
    case "set":
      return `must list at least ${min} item${min === 1 ? "" : "s"}; got ${got}. Add ${min === 1 ? "one" : "more"}.`;
    case "string":
      return `must not be empty; got ${got}. Give a value.`;
    default:
      return issue.inclusive === false
        ? `must be greater than ${min}; got ${got}. Use a positive value.`
        : `must be at least ${min}; got ${got}. Use ${min} or more.`;
  }
}

function tooBig(issue: z.core.$ZodIssueTooBig): string {
  const max = Number(issue.maximum);
  const got = describeValue(issue.input);
  switch (issue.origin) {
    case "array":
    case "set":
      return `must list at most ${max} items; got ${got}. Remove some.`;
    case "string":
      return `must be at most ${max} characters; got ${got}. Shorten it.`;
    default:
      return issue.inclusive === false
        ? `must be less than ${max}; got ${got}. Use a smaller value.`
        : `must be at most ${max}; got ${got}. Use ${max} or less.`;
  }
}

function readAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** Keys the schema accepts for the object at `path`, following records, arrays, optionals and unions. */
function objectKeysAt(schema: z.ZodType, input: unknown, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (let i = 0; i <= path.length && current; i++) {
    current = unwrap(current, readAt(input, path.slice(0, i)));
    if (i === path.length) break;
    const segment = path[i]!;
    if (current instanceof z.ZodObject) current = (current.shape as Record<string, z.ZodType>)[String(segment)];
    else if (current instanceof z.ZodRecord) current = current.def.valueType as z.ZodType;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else current = undefined;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape as object).sort() : [];
}

function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.def.in as z.ZodType;
    } else if (current instanceof z.ZodDiscriminatedUnion) {
      const key = current.def.discriminator;
      const tag = readAt(value, [key]);
      const options = current.def.options as z.ZodType[];
      const match = options.find((o) => o instanceof z.ZodObject && literalValues(o.shape[key] as z.ZodType).includes(tag));
      if (!match) return current;
      current = match;
    } else {
      return current;
    }
  }
}

function literalValues(schema: z.ZodType | undefined): unknown[] {
  if (schema instanceof z.ZodLiteral) return [...schema.values];
  if (schema instanceof z.ZodEnum) return schema.options as unknown[];
  return [];
}
