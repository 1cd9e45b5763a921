import { z } from "../zod";
import { PLATFORM_DEFAULTS } from "../resolve/defaults";
import { EnvironmentSpec } from "./environment";
import { GRAFANA_ADMIN_PASSWORD_KEY, RECEIVER_SECRET_KEYS } from "./observability";
import { parseWith, problemAt, type Origin } from "./issues";
import { closest, describeValue, type Problem } from "./problems";
import { type YamlSource } from "./source";

/** The project's config namespace (`<namespace>:<key>` in stack files). */
export const CONFIG_NAMESPACE = "inferstack";

/** How a config key must be stored. */
type ConfigKeyKind =
  | { readonly kind: "object"; readonly schema: z.ZodType; readonly required: boolean }
  | { readonly kind: "plain"; readonly schema: z.ZodType }
  | { readonly kind: "secret"; readonly description: string };

/**
 * Every `inferstack:` config key. Any other `inferstack:` key is a typo and fails; keys of other
 * namespaces (`aws:region`, `kubernetes:...`) belong to their providers and pass through.
 */
export const CONFIG_KEYS: Readonly<Record<string, ConfigKeyKind>> = Object.freeze({
  environment: { kind: "object", schema: EnvironmentSpec, required: true },
  catalog: { kind: "plain", schema: z.string().min(1) },
  kubeconfig: { kind: "secret", description: "the kubeconfig of an existing cluster" },
  [GRAFANA_ADMIN_PASSWORD_KEY]: { kind: "secret", description: "Grafana's admin password" },
  [RECEIVER_SECRET_KEYS.pagerduty]: { kind: "secret", description: "the PagerDuty routing key of the alert receiver" },
  [RECEIVER_SECRET_KEYS.slack]: { kind: "secret", description: "the Slack webhook URL of the alert receiver" },
  [RECEIVER_SECRET_KEYS.webhook]: { kind: "secret", description: "the webhook URL of the alert receiver" },
});

/** One config value as the stack holds it. */
export interface ConfigEntry {
  /** The value (objects already parsed); undefined for a secret the caller cannot decrypt. */
  readonly value: unknown;
  /** True for `secure:` values; undefined when the caller cannot tell (inside a running Pulumi program). */
  readonly secret: boolean | undefined;
}

/** A stack's configuration, from its file or from the running Pulumi program. */
export interface StackConfigInput {
  readonly stack: string;
  /** The stack file, relative to the project root (e.g. `stacks/Pulumi.prod.yaml`). */
  readonly file: string;
  /** Every config key of the stack (namespaced, e.g. `inferstack:environment`). */
  readonly entries: ReadonlyMap<string, ConfigEntry>;
  /** Present when read from the file, for line numbers. */
  readonly source?: YamlSource;
}

/** The validated `inferstack:` configuration of a stack. */
export interface StackConfig {
  readonly environment: EnvironmentSpec;
  /** Where `environment` was typed, for resolve's problems. */
  readonly environmentOrigin: Origin;
  /** Catalog directory relative to the project root. */
  readonly catalogDir: string;
  /** `inferstack:` secret keys that are set (without their values). */
  readonly secretKeys: ReadonlySet<string>;
}

/** Validates a stack's `inferstack:` config keys. */
export function parseStackConfig(input: StackConfigInput): { config?: StackConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const originFor = (key: string): Origin => ({
    file: input.file,
    basePath: key,
    ...(input.source ? { source: input.source, sourcePrefix: ["config", key] } : {}),
  });
  const known = Object.keys(CONFIG_KEYS);
  let environment: EnvironmentSpec | undefined;
  let catalogDir: string = PLATFORM_DEFAULTS.catalogDir;
  const secretKeys = new Set<string>();

  for (const [key, entry] of [...input.entries].sort(([a], [b]) => a.localeCompare(b))) {
    const [namespace, name] = splitKey(key);
    if (namespace === "") {
      problems.push(
        problemAt(originFor(key), [], `is not a namespaced config key; got ${describeValue(key)}. Write "${CONFIG_NAMESPACE}:${key}" (Pulumi config keys are <namespace>:<name>).`),
      );
      continue;
    }
    if (namespace !== CONFIG_NAMESPACE) continue;
    const spec = CONFIG_KEYS[name];
    if (spec === undefined) {
      const hint = closest(name, known);
      problems.push(
        problemAt(originFor(key), [], `unknown config key; got ${describeValue(key)}. ${hint ? `Did you mean "${CONFIG_NAMESPACE}:${hint}"?` : `Known keys: ${known.map((k) => `${CONFIG_NAMESPACE}:${k}`).join(", ")}.`}`),
      );
      continue;
    }
    if (spec.kind === "secret") {
      if (entry.secret === false) {
        problems.push(
          problemAt(originFor(key), [], `holds ${spec.description} in plain text; got a plain value. Store it encrypted: pulumi config set --secret ${key} <value>.`),
        );
      } else {
        secretKeys.add(name);
      }
      continue;
    }
    if (entry.secret === true) {
      problems.push(problemAt(originFor(key), [], `must not be a secret; got a secure value. Set it in plain text: pulumi config set ${key} <value>.`));
      continue;
    }
    const parsed = parseWith(spec.schema, entry.value, originFor(key));
    problems.push(...parsed.problems);
    if (parsed.value !== undefined && name === "environment") environment = parsed.value as EnvironmentSpec;
    if (parsed.value !== undefined && name === "catalog") catalogDir = parsed.value as string;
  }

  for (const [name, spec] of Object.entries(CONFIG_KEYS)) {
    if (spec.kind === "object" && spec.required && !input.entries.has(`${CONFIG_NAMESPACE}:${name}`)) {
      problems.push({
        file: input.file,
        path: `${CONFIG_NAMESPACE}:${name}`,
        message: `is required; got nothing. Add it under "config:" (see stacks/Pulumi.dev.yaml for an example).`,
      });
    }
  }
  if (problems.length > 0 || environment === undefined) return { problems };
  return { config: { environment, environmentOrigin: originFor(`${CONFIG_NAMESPACE}:environment`), catalogDir, secretKeys }, problems };
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return colon < 0 ? ["", key] : [key.slice(0, colon), key.slice(colon + 1)];
}
