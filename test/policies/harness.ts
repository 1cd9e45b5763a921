/** Running policies over fixture stacks, with findings as `<resource>: <message>` lines. */
import { type Tier } from "../../components/spec/environment";
import { type ResolvedAcknowledgement } from "../../components/resolve/types";
import { POLICIES } from "../../policies/pack";
import { type InferstackPolicy } from "../../policies/lib/policy";
import { planResources } from "../../policies/runner/resources";
import { runPolicies, type PolicyRun } from "../../policies/runner/run";
import { type PolicyContext } from "../../policies/lib/context";
import { type PolicyCase } from "./cases/case";
import { compliantStack, FIXTURE, fixtureContext, type FixtureStack } from "./fixtures";

/** The policy named `name`; throws on a typo. */
export function policyNamed(name: string): InferstackPolicy {
  const policy = POLICIES.find((p) => p.name === name);
  if (!policy) throw new Error(`no policy named ${name}`);
  return policy;
}

/** Runs `policies` over the fixture stack in `tier`, with the fixture context. */
export function runOver(
  stack: FixtureStack,
  tier: Tier,
  policies: readonly InferstackPolicy[] = POLICIES,
  acknowledgements: readonly ResolvedAcknowledgement[] = [],
  context: PolicyContext = fixtureContext(tier),
): PolicyRun {
  return runPolicies(policies, planResources(stack.resources, FIXTURE), { tier, context, acknowledgements });
}

/** The findings of one policy over the fixture stack, one line each: `<resource name>: <message>` (`stack:` for stack-wide ones). */
export function findingsOf(policyName: string, stack: FixtureStack, tier: Tier = "prod", context: PolicyContext = fixtureContext(tier)): string[] {
  return runOver(stack, tier, [policyNamed(policyName)], [], context).findings.map((f) => `${f.resource?.name ?? "stack"}: ${f.message}`);
}

/** The mutated fixture stack of a case. */
export function caseStack(c: PolicyCase): FixtureStack {
  const stack = compliantStack();
  c.mutate(stack);
  return stack;
}

/** The findings of a case's policy over its mutated stack. */
export function caseFindings(c: PolicyCase): string[] {
  const tier = c.tier ?? "prod";
  const context = fixtureContext(tier);
  return findingsOf(c.policy, caseStack(c), tier, c.context ? c.context(context) : context);
}
