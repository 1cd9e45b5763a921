/**
 * What an inferstack policy is: a Pulumi CrossGuard policy (it can be handed to `PolicyPack` as is)
 * plus the metadata the offline runner, the reports and the tests need.
 *
 * Only types are imported from `@pulumi/policy`: loading its runtime would load the Pulumi SDK, and the
 * policies are plain functions of resource inputs.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { type Tier } from "../../components/spec/environment";
import { type EnforcementLevel } from "../../components/spec/policy";
import { describeValue } from "../../components/spec/problems";
import { configOf, type PolicyContext } from "./context";
import { derived } from "./resource-index";

export type { Severity };

/** Enforcement of a policy in each tier, from RULES.md's d/s/p columns. */
export type TierEnforcement = Readonly<Record<Tier, EnforcementLevel>>;

/** Severities from most to least severe: the order of the reports. */
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

/**
 * Reads RULES.md's `Sev d/s/p` notation: `"A/M/M"` is advisory in dev, mandatory in staging and prod;
 * `D` is off.
 */
export function levels(notation: `${"M" | "A" | "D"}/${"M" | "A" | "D"}/${"M" | "A" | "D"}`): TierEnforcement {
  const level = { M: "mandatory", A: "advisory", D: "disabled" } as const;
  const [dev, staging, prod] = notation.split("/") as ("M" | "A" | "D")[];
  return Object.freeze({ dev: level[dev!], staging: level[staging!], prod: level[prod!] });
}

/** The metadata every inferstack policy carries. */
export interface PolicyMetadata {
  /** `inferstack-<provider>-<resource>-<verb>-<thing>`. */
  readonly name: string;
  /** One sentence. */
  readonly description: string;
  readonly severity: Severity;
  /** IDs of the rows of RULES.md the policy implements (e.g. `K-REL-17`, or `OWN` rows by name). */
  readonly rules: readonly string[];
  /** Upstream rule IDs it maps to: cdk-nag, Control Tower, CIS, Pod Security Standards, kube-linter, ... */
  readonly sources: readonly string[];
  readonly enforcement: TierEnforcement;
  /** Pulumi type tokens the policy inspects (a trailing `*` matches a prefix). */
  readonly resourceTypes: readonly string[];
  /** What to do about a violation. */
  readonly remediation: string;
  /** True when the policy reads the stack's context (models, pools, budget); else it needs only the tier. */
  readonly usesContext: boolean;
}

/** A resource policy: runs once per resource. */
export type InferstackResourcePolicy = PolicyMetadata &
  ResourceValidationPolicy & {
    readonly kind: "resource";
    readonly validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => void;
  };

/** A stack policy: runs once over every resource of the stack. */
export type InferstackStackPolicy = PolicyMetadata &
  StackValidationPolicy & {
    readonly kind: "stack";
    readonly validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => void;
  };

export type InferstackPolicy = InferstackResourcePolicy | InferstackStackPolicy;

/** A resource as a policy sees it. */
export interface Resource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Inputs offline; outputs under the Pulumi CLI's stack validation. */
  readonly props: Record<string, unknown>;
  /** The resource's provider, when it has an explicit one (its props carry e.g. the default namespace). */
  readonly provider?: { readonly type: string; readonly props: Record<string, unknown> };
}

/** What a policy function gets besides the resources. */
export interface PolicyRuntime {
  /** Tier of the stack; prod (the strictest) when the pack runs without inferstack's config. */
  readonly tier: Tier;
  /** The stack's context; throws not-applicable when the pack runs without inferstack's config. */
  context(): PolicyContext;
  notApplicable(reason?: string): never;
}

/** Matches a type token against a policy's `resourceTypes` entry (exact, or a prefix ending in `*`). */
export function typeMatches(pattern: string, type: string): boolean {
  return pattern.endsWith("*") ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

type Metadata = Omit<PolicyMetadata, "usesContext"> & { readonly usesContext?: boolean };

/**
 * Defines a resource policy. `validate` runs for resources of `resourceTypes` only and reports each
 * violation as one message.
 */
export function resourcePolicy(
  metadata: Metadata & { validate(resource: Resource, report: (message: string) => void, runtime: PolicyRuntime): void },
): InferstackResourcePolicy {
  const { validate, ...rest } = metadata;
  return Object.freeze({
    ...rest,
    usesContext: metadata.usesContext ?? false,
    remediationSteps: metadata.remediation,
    kind: "resource" as const,
    validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation) {
      if (!metadata.resourceTypes.some((pattern) => typeMatches(pattern, args.type))) args.notApplicable();
      const resource: Resource = {
        type: args.type,
        name: args.name,
        urn: args.urn,
        props: args.props,
        ...(args.provider ? { provider: { type: args.provider.type, props: args.provider.props } } : {}),
      };
      validate(resource, (message) => reportViolation(message), runtimeOf(args));
    },
  });
}

/**
 * Defines a stack policy. `validate` sees every resource and reports violations against the resource
 * at fault, or against the stack as a whole (`undefined`) when no resource is.
 */
export function stackPolicy(
  metadata: Metadata & {
    validate(
      resources: readonly PolicyResource[],
      report: (resource: PolicyResource | undefined, message: string) => void,
      runtime: PolicyRuntime,
    ): void;
  },
): InferstackStackPolicy {
  const { validate, ...rest } = metadata;
  return Object.freeze({
    ...rest,
    usesContext: metadata.usesContext ?? false,
    remediationSteps: metadata.remediation,
    kind: "stack" as const,
    validateStack(args: StackValidationArgs, reportViolation: ReportViolation) {
      validate(args.resources, (resource, message) => reportViolation(message, resource?.urn), runtimeOf(args));
    },
  });
}

function runtimeOf(args: { getConfig<T extends object>(): T; notApplicable(reason?: string): never }): PolicyRuntime {
  const config = configOf(args);
  return {
    tier: config.tier ?? "prod",
    context: () => config.context ?? args.notApplicable("needs the inferstack context: run `inferstack policy <stack>`, or pass --policy-pack-config out/<stack>/policy-pack-config.json"),
    notApplicable: (reason) => args.notApplicable(reason),
  };
}

/** Resources of one of `types`, in stack order (frozen: shared within a policy run, see `resource-index.ts`). */
export function ofType(resources: readonly PolicyResource[], ...types: readonly string[]): readonly PolicyResource[] {
  return derived(resources, `ofType:${types.join(",")}`, () => Object.freeze(resources.filter((r) => types.some((t) => typeMatches(t, r.type)))));
}

/** A value for messages, or `whenUnset` (the default it falls back to) when it is not set. */
export function shown(value: unknown, whenUnset: string): string {
  return value === undefined || value === null ? whenUnset : describeValue(value);
}

/** `1 node`, `3 nodes`: a count with its noun. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
