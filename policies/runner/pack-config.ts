/**
 * `policy-pack-config.json`: the same enforcement, context and acknowledgements the offline run used,
 * in the format `pulumi preview --policy-pack policies --policy-pack-config <file>` reads, so the
 * real CrossGuard run of a stack matches its offline run.
 * @see https://www.pulumi.com/docs/iac/using-pulumi/crossguard/configuration/
 */
import { type ResolvedPolicySettings } from "../../components/resolve/types";
import { type PolicyConfig, type PolicyContext } from "../lib/context";
import { type InferstackPolicy } from "../lib/policy";

/** One policy's entry: its enforcement level plus the config every inferstack policy accepts. */
export type PackConfigEntry = PolicyConfig & { readonly enforcementLevel: string };

/** The pack config of a stack, one entry per policy (context only where the policy reads it). */
export function packConfig(policies: readonly InferstackPolicy[], context: PolicyContext, settings: ResolvedPolicySettings): Record<string, PackConfigEntry> {
  const config: Record<string, PackConfigEntry> = {};
  for (const policy of policies) {
    const acknowledgements = settings.acknowledgements.filter((a) => a.policy === policy.name).map((a) => ({ resource: a.resource, reason: a.reason }));
    config[policy.name] = {
      enforcementLevel: settings.enforcement[policy.name] ?? policy.enforcement[context.tier],
      tier: context.tier,
      ...(policy.usesContext ? { context } : {}),
      ...(acknowledgements.length > 0 ? { acknowledgements } : {}),
    };
  }
  return config;
}
