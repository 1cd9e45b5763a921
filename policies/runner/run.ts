/**
 * Runs the pack over a plan without the Pulumi CLI: every resource policy once per resource, every
 * stack policy once, through the same `validateResource`/`validateStack` functions CrossGuard calls.
 * Pure: the findings depend only on the resources and the options.
 */
import type { PolicyResource, PolicyResourceOptions, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { type Tier } from "../../components/spec/environment";
import { type EnforcementLevel } from "../../components/spec/policy";
import { type ResolvedAcknowledgement } from "../../components/resolve/types";
import { type PolicyConfig, type PolicyContext } from "../lib/context";
import { SEVERITIES, typeMatches, type InferstackPolicy, type Severity } from "../lib/policy";
import { withResourceIndex } from "../lib/resource-index";
import { acknowledgementFor } from "./acknowledgements";
import { type PlanResource } from "./resources";

/** What a run needs besides the resources. */
export interface RunOptions {
  readonly tier: Tier;
  /** The stack's context; policies that need it are not applicable without it. */
  readonly context?: PolicyContext;
  /** Per-policy enforcement overriding the tier's level. */
  readonly enforcement?: Readonly<Record<string, EnforcementLevel>>;
  /** Acknowledgements from the stack's spec. */
  readonly acknowledgements?: readonly ResolvedAcknowledgement[];
}

/** Where an acknowledgement came from. */
export interface Acknowledged {
  readonly reason: string;
  /** `spec` (inferstack:environment.policy) or `component` (a component's policyAcknowledgements). */
  readonly source: "spec" | "component";
  /** Name of the resource the acknowledgement is attached to (the finding's resource or an ancestor). */
  readonly on: string;
}

/** One violation. */
export interface Finding {
  readonly policy: string;
  readonly severity: Severity;
  readonly enforcement: "advisory" | "mandatory";
  /** The resource at fault; absent when the stack as a whole is. */
  readonly resource?: { readonly urn: string; readonly type: string; readonly name: string };
  readonly message: string;
  readonly acknowledged?: Acknowledged;
}

/** What became of one policy in the run. */
export interface PolicyOutcome {
  readonly policy: string;
  readonly enforcement: EnforcementLevel;
  /** `violated` when it reported a finding, `not-applicable` when nothing of its kind is in the plan. */
  readonly outcome: "passed" | "violated" | "not-applicable" | "disabled";
}

/** The result of running the pack over one plan. */
export interface PolicyRun {
  readonly tier: Tier;
  /** Sorted by severity, policy, resource and message. */
  readonly findings: readonly Finding[];
  /** Sorted by policy name. */
  readonly policies: readonly PolicyOutcome[];
  /** Spec acknowledgements that matched no finding (stale, or misspelled resource names). */
  readonly unusedAcknowledgements: readonly ResolvedAcknowledgement[];
  /** Mandatory findings that are not acknowledged: the run fails when there is one. */
  readonly blocking: number;
}

class NotApplicable extends Error {}

const OPTIONS: PolicyResourceOptions = Object.freeze({
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
});

/** Runs `policies` over `resources`. */
export function runPolicies(policies: readonly InferstackPolicy[], resources: readonly PlanResource[], options: RunOptions): PolicyRun {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const planTypes = [...new Set(resources.map((r) => r.type))];
  const typesOf = (policy: InferstackPolicy) => new Set(planTypes.filter((type) => policy.resourceTypes.some((pattern) => typeMatches(pattern, type))));
  const providerOf = (r: PlanResource) => {
    const provider = r.provider === undefined ? undefined : byUrn.get(r.provider);
    return provider ? { type: provider.type, props: provider.props, urn: provider.urn, name: provider.name } : undefined;
  };
  const stackResources = linkResources(resources, providerOf);
  const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
  };
  const config: PolicyConfig = { tier: options.tier, ...(options.context ? { context: options.context } : {}) };
  const getConfig = <T extends object>() => config as T;
  const isType = (type: string) => (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === type;

  const findings: Finding[] = [];
  const outcomes: PolicyOutcome[] = [];
  for (const policy of policies) {
    const enforcement = options.enforcement?.[policy.name] ?? policy.enforcement[options.tier];
    if (enforcement === "disabled") {
      outcomes.push({ policy: policy.name, enforcement, outcome: "disabled" });
      continue;
    }
    const before = findings.length;
    const record = (message: string, urn: string | undefined) => {
      const resource = urn === undefined ? undefined : byUrn.get(urn);
      findings.push({
        policy: policy.name,
        severity: policy.severity,
        enforcement,
        ...(resource ? { resource: { urn: resource.urn, type: resource.type, name: resource.name } } : {}),
        message,
      });
    };
    let applied = false;
    if (policy.kind === "resource") {
      // `resourcePolicy` declares itself not applicable to any type outside `resourceTypes` before
      // looking at the resource, so only resources of those types are offered (on a 1,000-model plan,
      // 12,000 resources × 80 policies would otherwise throw a million not-applicable errors).
      const types = typesOf(policy);
      for (const resource of resources.filter((r) => types.has(r.type))) {
        const args: ResourceValidationArgs = {
          type: resource.type,
          props: resource.props,
          urn: resource.urn,
          name: resource.name,
          opts: { ...OPTIONS, ...(resource.parent === undefined ? {} : { parent: resource.parent }) },
          ...(providerOf(resource) ? { provider: providerOf(resource)! } : {}),
          stackTags: new Map(),
          isType: isType(resource.type) as ResourceValidationArgs["isType"],
          asType: ((cls: unknown) => (isType(resource.type)(cls) ? resource.props : undefined)) as ResourceValidationArgs["asType"],
          getConfig,
          notApplicable,
        };
        applied = attempt(() => policy.validateResource(args, (message) => record(message, resource.urn))) || applied;
      }
    } else {
      const args: StackValidationArgs = { resources: stackResources, stackTags: new Map(), getConfig, notApplicable };
      applied = withResourceIndex(stackResources, () => attempt(() => policy.validateStack(args, record)));
    }
    outcomes.push({ policy: policy.name, enforcement, outcome: findings.length > before ? "violated" : applied ? "passed" : "not-applicable" });
  }

  const used = new Set<ResolvedAcknowledgement>();
  const lookup = { byUrn, stack: resources.find((r) => r.type === "pulumi:pulumi:Stack") };
  const acknowledgedFindings = findings.map((finding) => {
    const match = acknowledgementFor(finding, lookup, options.acknowledgements ?? []);
    if (!match) return finding;
    if (match.spec) used.add(match.spec);
    return { ...finding, acknowledged: match.acknowledged };
  });
  const sorted = acknowledgedFindings.sort(compareFindings);
  return {
    tier: options.tier,
    findings: sorted,
    policies: outcomes.sort((a, b) => a.policy.localeCompare(b.policy)),
    unusedAcknowledgements: (options.acknowledgements ?? []).filter((a) => !used.has(a)),
    blocking: sorted.filter((f) => f.enforcement === "mandatory" && f.acknowledged === undefined).length,
  };
}

/** Runs a validation; false when it declared itself not applicable. */
function attempt(validate: () => void): boolean {
  try {
    validate();
    return true;
  } catch (error) {
    if (error instanceof NotApplicable) return false;
    throw error;
  }
}

/** Stack-validation resources with parents and dependencies linked, as CrossGuard passes them. */
function linkResources(resources: readonly PlanResource[], providerOf: (r: PlanResource) => PolicyResource["provider"]): PolicyResource[] {
  const linked = new Map<string, PolicyResource>();
  for (const r of resources) {
    const provider = providerOf(r);
    linked.set(r.urn, {
      type: r.type,
      props: r.props,
      urn: r.urn,
      name: r.name,
      opts: { ...OPTIONS, ...(r.parent === undefined ? {} : { parent: r.parent }) },
      ...(provider ? { provider } : {}),
      dependencies: [],
      propertyDependencies: {},
      isType: ((cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === r.type) as PolicyResource["isType"],
      asType: (() => undefined) as PolicyResource["asType"],
    });
  }
  for (const r of resources) {
    const node = linked.get(r.urn)!;
    if (r.parent !== undefined && linked.has(r.parent)) node.parent = linked.get(r.parent);
    node.dependencies = r.dependencies.map((urn) => linked.get(urn)).filter((d): d is PolicyResource => d !== undefined);
  }
  return [...linked.values()];
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    a.policy.localeCompare(b.policy) ||
    (a.resource?.urn ?? "").localeCompare(b.resource?.urn ?? "") ||
    a.message.localeCompare(b.message)
  );
}
