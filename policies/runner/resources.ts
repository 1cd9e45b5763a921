/**
 * The recorded plan (`RecordedResource[]`, what plan.json holds) as policies would see it under the
 * Pulumi engine: Kubernetes objects with the name and namespace the engine fills in, AWS resources with
 * the id and ARN the mock provider returned, so links between resources can be followed.
 */
import { type RecordedResource } from "../../cli/plan/engine";
import { plannedObjects, type PlannedObject } from "../../cli/plan/kubernetes";
import { mockId, mockResourceState } from "../../cli/plan/mocks";

/** One resource of the plan, ready for the policies. */
export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  /** URN of the resource's explicit provider. */
  readonly provider?: string;
  /** URNs of the resources it depends on (explicitly or through its inputs). */
  readonly dependencies: readonly string[];
  readonly props: Record<string, unknown>;
}

/**
 * Converts the recorded resources; `aws` is the account and region the mock provider used, `planned`
 * the plan's Kubernetes objects when the caller has them already (they are derived from `recorded`).
 */
export function planResources(
  recorded: readonly RecordedResource[],
  aws: { readonly region: string; readonly accountId: string },
  planned: readonly PlannedObject[] = plannedObjects(recorded),
): PlanResource[] {
  const objects = new Map(planned.map((o) => [o.urn, o.object]));
  return recorded.map((r) => {
    let props: Record<string, unknown> = r.inputs;
    if (objects.has(r.urn)) props = objects.get(r.urn)!;
    else if (r.custom && r.type.startsWith("aws:")) {
      const state = mockResourceState({ type: r.type, name: r.name, inputs: r.inputs, custom: true }, aws);
      props = { id: mockId(r.type, r.name, r.inputs), ...state };
    }
    return {
      urn: r.urn,
      type: r.type,
      name: r.name,
      ...(r.parent === undefined ? {} : { parent: r.parent }),
      ...(r.provider === undefined ? {} : { provider: r.provider }),
      dependencies: r.dependsOn,
      props,
    };
  });
}
