import { z } from "../zod";
import { parseWith } from "./issues";
import { type Problem } from "./problems";
import { parseYaml } from "./source";
import { type ConfigEntry, type StackConfigInput } from "./stack";

/** Top level of a `Pulumi.<stack>.yaml` file. */
const StackFile = z.strictObject({
  config: z.record(z.string(), z.unknown()),
  secretsprovider: z.string().optional(),
  encryptedkey: z.string().optional(),
  encryptionsalt: z.string().optional(),
});

/** A value Pulumi stores encrypted: `{ secure: <ciphertext> }`. */
function isSecure(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

/** True when a secure value appears anywhere inside `value` (Pulumi allows them in nested config). */
function containsSecure(value: unknown): boolean {
  if (isSecure(value)) return true;
  if (value !== null && typeof value === "object") return Object.values(value).some(containsSecure);
  return false;
}

/** Reads the text of `stacks/Pulumi.<stack>.yaml` into the config entries of that stack. */
export function parseStackFile(stack: string, file: string, text: string): { input?: StackConfigInput; problems: Problem[] } {
  const parsed = parseYaml(file, text);
  if (!parsed.source) return { problems: [...parsed.problems] };
  const source = parsed.source;
  const top = parseWith(StackFile, source.value ?? {}, { file, basePath: "", source });
  if (!top.value) return { problems: top.problems };
  const entries = new Map<string, ConfigEntry>();
  for (const [key, value] of Object.entries(top.value.config)) {
    entries.set(key, containsSecure(value) ? { value: undefined, secret: true } : { value, secret: false });
  }
  return { input: { stack, file, entries, source }, problems: [] };
}
