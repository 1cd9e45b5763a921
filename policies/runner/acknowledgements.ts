/**
 * Acknowledgements: a finding is accepted when the stack's spec names its policy and its resource (or
 * an ancestor of it), or when a component above the resource carries one in its `policyAcknowledgements`
 * input. Either way it needs a written reason; the finding stays in the report, marked acknowledged.
 */
import { hasReason } from "../../components/spec/policy";
import { type ResolvedAcknowledgement } from "../../components/resolve/types";
import { arr, obj } from "../lib/kubernetes";
import { ACKNOWLEDGEMENTS_INPUT } from "../pulumi/component-require-acknowledgement-reason";
import { type PlanResource } from "./resources";
import { type Acknowledged, type Finding } from "./run";

/** The plan's resources by URN, and its stack resource (where stack-wide findings sit). */
export interface ResourceLookup {
  readonly byUrn: ReadonlyMap<string, PlanResource>;
  readonly stack?: PlanResource;
}

/** The resource a finding is about and its ancestors, nearest first; the stack for stack-wide findings. */
function chainOf(finding: Finding, { byUrn, stack }: ResourceLookup): PlanResource[] {
  let current = finding.resource ? byUrn.get(finding.resource.urn) : stack;
  const chain: PlanResource[] = [];
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = current.parent === undefined ? undefined : byUrn.get(current.parent);
  }
  return chain;
}

/** The acknowledgement that covers `finding`, if any, and the spec entry it came from. */
export function acknowledgementFor(
  finding: Finding,
  resources: ResourceLookup,
  specAcknowledgements: readonly ResolvedAcknowledgement[],
): { acknowledged: Acknowledged; spec?: ResolvedAcknowledgement } | undefined {
  for (const resource of chainOf(finding, resources)) {
    const spec = specAcknowledgements.find((a) => a.policy === finding.policy && a.resource === resource.name);
    if (spec) return { acknowledged: { reason: spec.reason, source: "spec", on: resource.name }, spec };
    const fromComponent = arr(resource.props[ACKNOWLEDGEMENTS_INPUT])
      .map(obj)
      .find((a) => a.policy === finding.policy && hasReason(a.reason));
    if (fromComponent) return { acknowledged: { reason: String(fromComponent.reason).trim(), source: "component", on: resource.name } };
  }
  return undefined;
}
