/**
 * A small writer of protobuf text format, the format of Triton's `config.pbtxt` and TF Serving's
 * config files. Fields keep the order given, so the output is deterministic.
 * @see https://protobuf.dev/reference/protobuf/textformat-spec/
 */

/** An enum value, written bare (e.g. `TYPE_FP32`). */
export class PbEnum {
  constructor(readonly name: string) {}
}

/** A scalar field value. */
export type PbScalar = string | number | boolean | PbEnum;

/** A message: its fields in order. A field name may repeat (repeated fields, map entries). */
export type PbMessage = readonly PbField[];

/** One field: scalars, a list of scalars, a message or a list of messages; undefined fields are skipped. */
export type PbField = readonly [name: string, value: PbScalar | readonly PbScalar[] | PbMessage | { readonly list: readonly PbMessage[] } | undefined];

const INDENT = "  ";

/** Writes a message as protobuf text format, ending with a newline. */
export function writePbtxt(message: PbMessage): string {
  return `${writeFields(message, "").join("\n")}\n`;
}

function writeFields(message: PbMessage, indent: string): string[] {
  const lines: string[] = [];
  for (const [name, value] of message) {
    if (value === undefined) continue;
    if (isScalar(value)) lines.push(`${indent}${name}: ${scalar(value)}`);
    else if (isList(value)) {
      lines.push(`${indent}${name} [`);
      value.list.forEach((item, index) => {
        lines.push(`${indent}${INDENT}{`, ...writeFields(item, indent + INDENT + INDENT), `${indent}${INDENT}}${index < value.list.length - 1 ? "," : ""}`);
      });
      lines.push(`${indent}]`);
    } else if (isScalarArray(value)) lines.push(`${indent}${name}: [${value.map(scalar).join(", ")}]`);
    else lines.push(`${indent}${name} {`, ...writeFields(value as PbMessage, indent + INDENT), `${indent}}`);
  }
  return lines;
}

function isScalar(value: unknown): value is PbScalar {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof PbEnum;
}

function isList(value: unknown): value is { readonly list: readonly PbMessage[] } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "list" in value;
}

function isScalarArray(value: readonly unknown[]): value is readonly PbScalar[] {
  return value.length > 0 && value.every(isScalar);
}

function scalar(value: PbScalar): string {
  if (value instanceof PbEnum) return value.name;
  if (typeof value === "string") return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  return String(value);
}
