/**
 * Name prefixes of the IAM roles and node groups the foundation creates. AWS (through the provider)
 * appends a 26-character unique suffix to a prefix, so names stay unique across stacks, regions and
 * replacements; the prefixes are cut to fit IAM's 64-character role names and EKS's 63-character
 * node group names, whatever the length of the cluster, pool or platform name.
 */

/** Longest role name prefix: 64 characters minus the 26-character unique suffix. */
export const ROLE_NAME_PREFIX_MAX = 38;

/** Longest node group name prefix: 63 characters minus the 26-character unique suffix. */
export const NODE_GROUP_NAME_PREFIX_MAX = 37;

function prefix(parts: readonly string[], max: number): string {
  const text = parts.join("-").slice(0, max - 1).replace(/-+$/, "");
  return `${text}-`;
}

/** Prefix of a role's name, e.g. `inferstack-prod-resnet50-`. */
export function roleNamePrefix(...parts: string[]): string {
  return prefix(parts, ROLE_NAME_PREFIX_MAX);
}

/** Prefix of a node group's name: the pool's name, e.g. `a10g-`. */
export function nodeGroupNamePrefix(pool: string): string {
  return prefix([pool], NODE_GROUP_NAME_PREFIX_MAX);
}
