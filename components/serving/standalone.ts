import { stringify } from "yaml";
import { loadPlatform } from "../resolve";
import { type ResolvedPlatform } from "../resolve/types";
import { type EnvironmentSpec } from "../spec/environment";
import { type ModelSpec } from "../spec/model";
import { CONFIG_NAMESPACE } from "../spec/stack";

/** A serving setup stated in code rather than in stack files and a catalog. */
export interface ServingSpec {
  /** Name of the environment; each model's `environments` must list it. */
  readonly stack: string;
  /** The environment, as `inferstack:environment` would hold it. */
  readonly environment: EnvironmentSpec;
  /** The models, as catalog entries would state them. */
  readonly models: readonly ModelSpec[];
}

/**
 * Resolves a serving setup given in code with the same defaults and checks as the catalog, for
 * programs that compose an `InferencePool` by hand. The caller brings its own Kubernetes provider, so
 * the kubeconfig secret the stack config would need is taken as present. Throws `SpecError` listing
 * every problem; problem locations name `<stack>/environment` and `models/<name>`.
 */
export function resolveServing(spec: ServingSpec): ResolvedPlatform {
  const entries = new Map([
    [`${CONFIG_NAMESPACE}:environment`, { value: spec.environment, secret: false }],
    [`${CONFIG_NAMESPACE}:kubeconfig`, { value: undefined, secret: true }],
  ]);
  return loadPlatform({
    config: { stack: spec.stack, file: `${spec.stack}/environment`, entries },
    catalog: spec.models.map((model) => ({ file: `models/${model.name}`, text: stringify(model) })),
    stacks: [spec.stack],
  });
}
