/**
 * The inferstack policies as the Pulumi CLI runs them (`pulumi preview --policy-pack policies`): each
 * gets its enforcement (the pack config's, else prod's: the strictest) and a config schema, and
 * honours the acknowledgements the pack config lists. CrossGuard has no "acknowledged" state, so an
 * acknowledged violation is not reported there; the offline report lists it, marked.
 */
import type { PolicyConfigSchema, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { TIERS } from "../../components/spec/environment";
import { configOf } from "./context";
import { type InferstackPolicy } from "./policy";

/** The config every inferstack policy accepts (what `policy-pack-config.json` sets). */
export const CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    tier: { type: "string", enum: [...TIERS] },
    context: { type: "object" },
    acknowledgements: { type: "array", items: { type: "object", properties: { resource: { type: "string" }, reason: { type: "string" } }, required: ["resource", "reason"] } },
  },
};

/** The resource name at the end of a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** A policy ready for `new PolicyPack(...)`. */
export function toCrossGuardPolicy(policy: InferstackPolicy): ResourceValidationPolicy | StackValidationPolicy {
  const common = {
    name: policy.name,
    description: policy.description,
    severity: policy.severity,
    enforcementLevel: policy.enforcement.prod,
    remediationSteps: policy.remediation,
    tags: [...policy.rules, ...policy.sources],
    configSchema: CONFIG_SCHEMA,
  };
  const acknowledgedNames = (args: { getConfig<T extends object>(): T }) => new Set((configOf(args).acknowledgements ?? []).map((a) => a.resource));
  if (policy.kind === "resource") {
    return {
      ...common,
      validateResource: (args, reportViolation) => {
        const names = acknowledgedNames(args);
        if (names.has(args.name) || (args.opts.parent !== undefined && names.has(nameOfUrn(args.opts.parent)))) return;
        policy.validateResource(args, reportViolation);
      },
    };
  }
  return {
    ...common,
    validateStack: (args, reportViolation) => {
      const names = acknowledgedNames(args);
      const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
      const stack = args.resources.find((r) => r.type === "pulumi:pulumi:Stack");
      const acknowledged = (urn: string | undefined) => {
        for (let r: PolicyResource | undefined = urn === undefined ? stack : byUrn.get(urn); r; r = r.parent) if (names.has(r.name)) return true;
        return false;
      };
      policy.validateStack(args, (message, urn) => {
        if (!acknowledged(urn)) reportViolation(message, urn);
      });
    },
  };
}
