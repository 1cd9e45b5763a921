/**
 * Lookups over a stack's resources that a stack policy repeats (the resources of a type, a
 * Deployment's autoscaler), built once per policy run instead of once per call.
 *
 * Stack policies receive every resource of the stack, and several look up other resources for each
 * Deployment, Service or server pool they check. Done by scanning, a 1,000-model plan (about 12,000
 * resources) made the pack quadratic. The offline runner declares the list it hands to every stack
 * policy with {@link withResourceIndex}; for that list (and the frozen lists derived from it),
 * {@link derived} values are built on first use and shared until the run ends. For any other list (the Pulumi CLI's CrossGuard run, a test calling
 * a policy directly) they are built on every call, exactly as a scan would be.
 *
 * Shared values must never be mutated: helpers return them as readonly.
 */
import type { PolicyResource } from "@pulumi/policy";

let current: { readonly resources: readonly PolicyResource[]; readonly values: WeakMap<object, Map<string, unknown>> } | undefined;

/** Runs `run` with lookups over `resources` shared; the list must not change while it runs. */
export function withResourceIndex<T>(resources: readonly PolicyResource[], run: () => T): T {
  const previous = current;
  current = { resources, values: new WeakMap() };
  try {
    return run();
  } finally {
    current = previous;
  }
}

/**
 * A value computed from `list` only: shared under {@link withResourceIndex} when `list` is that run's
 * resources or a frozen list (such as {@link ofType}'s, which cannot change), else built now. `key`
 * names the lookup (and its parameters) uniquely for the list.
 */
export function derived<T>(list: readonly unknown[], key: string, build: () => T): T {
  if (current === undefined || (list !== current.resources && !Object.isFrozen(list))) return build();
  let values = current.values.get(list);
  if (values === undefined) {
    values = new Map();
    current.values.set(list, values);
  }
  if (values.has(key)) return values.get(key) as T;
  const value = build();
  values.set(key, value);
  return value;
}

/** `items` by `key`, the first item for each key (what `items.find` with that key returns); items without a key are left out. */
export function firstByKey<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined && !index.has(k)) index.set(k, item);
  }
  return index;
}
