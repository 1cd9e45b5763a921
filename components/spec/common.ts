import { z } from "../zod";

/**
 * Longest model name: a model name becomes a Kubernetes Service, a Consul service and label values,
 * and derived names add suffixes of up to 15 characters to it (Kubernetes allows 63).
 */
export const MAX_MODEL_NAME_LENGTH = 48;

/** Longest server pool name: Deployments, ServiceAccounts and IAM roles are derived from it. */
export const MAX_SERVER_POOL_NAME_LENGTH = 48;

/** RFC 1123 DNS label, as Kubernetes requires for Service names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS label of at most `max` characters, with a message that says how to fix it. */
export function dnsLabel(what: string, max = 63) {
  return z
    .string()
    .max(max, { error: (issue) => `${what} must be at most ${max} characters; got ${JSON.stringify(issue.input)}. Shorten it.` })
    .regex(DNS_LABEL, {
      error: (issue) =>
        `${what} must be a DNS label (lowercase letters, digits and "-", starting and ending with a letter or digit); got ${JSON.stringify(issue.input)}. Try "${suggestDnsLabel(String(issue.input))}".`,
    });
}

/** The nearest valid DNS label to `name`, for fix suggestions. */
export function suggestDnsLabel(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/-{2,}/g, "-");
  return label === "" ? "model" : label;
}

/** A positive whole number (replica, node and instance counts). */
export const positiveInt = z.int().min(1);

/** A whole number that may be zero. */
export const nonNegativeInt = z.int().min(0);

/** Scaling bounds for a model's server replicas. */
export const ScalingSpec = z.strictObject({
  /** Fewest replicas. @default 1 in dev and staging, 2 in prod */
  minReplicas: positiveInt.optional(),
  /** Most replicas the autoscaler may create. @default max(minReplicas, 2) in dev, 4 in staging and prod, never below minReplicas */
  maxReplicas: positiveInt.optional(),
});
export type ScalingSpec = z.infer<typeof ScalingSpec>;
