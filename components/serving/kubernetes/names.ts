import { LABELS, standardLabels } from "../../labels";
import { type ResolvedEnvironment, type ResolvedServerPool } from "../../resolve/types";

/** Stable names of a pool's objects: other areas and clients address them. */
export const POOL_NAMES = Object.freeze({
  /** The Deployment: the autoscaler targets it, kube-state-metrics series carry it. */
  deployment: (pool: string) => pool,
  /** The per-pool metrics Service observability's ServiceMonitor selects (cross-area contract). */
  metricsService: (pool: string) => `${pool}-metrics`,
  /** The ConfigMap the pods mount (TF Serving config files, Triton configs of synced models). */
  configMap: (pool: string) => `${pool}-runtime-config`,
  /** The cluster-wide PriorityClass of serving pods, one per namespace. */
  priorityClass: (namespace: string) => `${namespace}-serving`,
});

/**
 * Labels selecting a pool's pods. Immutable once the Deployment exists (its selector cannot change),
 * so they hold only the pool name and the role.
 */
export function podSelector(pool: ResolvedServerPool): Record<string, string> {
  return { [LABELS.serverPool]: pool.name, [LABELS.component]: "server" };
}

/** Standard labels of a per-pool object (`component` names its role), plus the server-pool label. */
export function poolLabels(pool: ResolvedServerPool, environment: ResolvedEnvironment, component: string): Record<string, string> {
  return { ...standardLabels({ name: pool.runtime, instance: pool.name, component, environment: environment.stack }), [LABELS.serverPool]: pool.name };
}
