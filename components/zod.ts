/**
 * zod, configured once for every schema inferstack declares; components import `z` from here.
 *
 * Schemas are interpreted, never compiled: zod 4 otherwise compiles each object schema into a
 * function (`new Function`) the first time it parses, which pays only for a schema that parses many
 * values. Most of inferstack's parse once per command (each chart's values, the logging
 * configuration) and the spec's once per model: a one-model plan spent 130 ms in zod compiled against
 * 60 ms interpreted, and resolving 100 or 1,000 models took as long either way (docs/benchmarks.md).
 * The setting is read when a schema is created, so this module runs before any of them.
 */
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the one module that imports zod itself
import { z } from "zod";

z.config({ jitless: true });

export { z };
