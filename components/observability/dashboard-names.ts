import { createHash } from "node:crypto";

/** Grafana's limit on dashboard uids. */
export const MAX_DASHBOARD_UID_LENGTH = 40;

/** Uid of the platform overview dashboard. */
export const OVERVIEW_DASHBOARD_UID = "inferstack-overview";

/**
 * Uid of a model's dashboard: `inferstack-<model>`, or, for names too long for Grafana's 40
 * characters, a prefix of it plus a short hash of the model name (stable and unique).
 */
export function dashboardUid(model: string): string {
  const uid = `inferstack-${model}`;
  if (uid.length <= MAX_DASHBOARD_UID_LENGTH) return uid;
  const hash = createHash("sha256").update(model).digest("hex").slice(0, 8);
  return `${uid.slice(0, MAX_DASHBOARD_UID_LENGTH - 9).replace(/-+$/, "")}-${hash}`;
}

/** Path of a model's dashboard in Grafana (relative to Grafana's URL), for alert runbooks. */
export function dashboardPath(model: string): string {
  return `/d/${dashboardUid(model)}`;
}
