import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** Directory of the schema subsets the serving tests validate rendered configs with. */
const SCHEMAS = path.resolve(__dirname, "../components/serving/schemas");

/**
 * Parses `text` as protobuf text format of `message` (e.g. `inference.ModelConfig`) with protoc, the
 * reference parser (Debian `protobuf-compiler`, installed by `.ci/run`). Returns protoc's errors,
 * empty when the text is valid. Throws when protoc is missing, so the check cannot pass vacuously.
 */
export function protocErrors(schema: string, message: string, text: string): string[] {
  const run = spawnSync("protoc", [`-I${SCHEMAS}`, `--encode=${message}`, schema], { input: text });
  if (run.error) throw new Error(`protoc is needed to validate rendered configs (apt-get install protobuf-compiler): ${run.error.message}`);
  if (run.status === 0) return [];
  return run.stderr
    .toString()
    .split("\n")
    .filter((line) => line.trim() !== "");
}
