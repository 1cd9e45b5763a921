import * as pulumi from "@pulumi/pulumi";

/** What a secret value is replaced with in every plan output. */
export const SECRET_MASK = "[secret]";
/** What a value unknown until deployment is shown as. */
export const UNKNOWN_MASK = "[unknown]";

const rpc = pulumi.runtime as unknown as {
  specialSigKey: string;
  specialSecretSig: string;
  specialResourceSig: string;
  specialAssetSig: string;
  specialArchiveSig: string;
  specialOutputValueSig: string;
  unknownValue: string;
};

/**
 * Turns a value in the engine's wire form (as the resource monitor receives it) into plain JSON data:
 * secrets masked, unknowns marked, resource references reduced to their URN.
 */
export function plainValue(value: unknown): unknown {
  if (value === rpc.unknownValue) return UNKNOWN_MASK;
  if (Array.isArray(value)) return value.map(plainValue);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const sig = record[rpc.specialSigKey];
  if (sig === rpc.specialSecretSig) return SECRET_MASK;
  if (sig === rpc.specialResourceSig) return { urn: record.urn };
  if (sig === rpc.specialAssetSig || sig === rpc.specialArchiveSig) return "[asset]";
  if (sig === rpc.specialOutputValueSig) {
    if (record.secret === true) return SECRET_MASK;
    return "value" in record ? plainValue(record.value) : UNKNOWN_MASK;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const v = plainValue(record[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** JSON with object keys sorted at every level, so equal data always gives equal bytes. */
export function stableJson(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

/** A copy of `value` with object keys sorted at every level. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
