/** EKS node groups: their instance types, GPUs and node-pool labels. */
import type { PolicyResource } from "@pulumi/policy";
import { INSTANCE_TYPES } from "../../components/compute/instance-types";
import { NODE_POOL_LABEL } from "../../components/compute/scheduling";
import { AWS, refersTo } from "./aws";
import { arr, at, obj } from "./kubernetes";
import { ofType } from "./policy";

/** Instance types a node group launches: its own list, else its launch template's type. */
export function nodeGroupInstanceTypes(nodeGroup: PolicyResource, resources: readonly PolicyResource[]): string[] {
  const own = arr(nodeGroup.props.instanceTypes).map(String);
  if (own.length > 0) return own;
  const reference = obj(nodeGroup.props.launchTemplate);
  const template = ofType(resources, AWS.launchTemplate).find(
    (t) => refersTo({ ...nodeGroup, props: { id: reference.id } }, "id", t) || (typeof reference.name === "string" && t.props.name === reference.name),
  );
  return typeof template?.props.instanceType === "string" ? [template.props.instanceType] : [];
}

/** GPUs per node of a node group: the largest of its instance types' (0 for CPU node groups). */
export function gpusPerNode(instanceTypes: readonly string[]): number {
  return Math.max(0, ...instanceTypes.map((t) => INSTANCE_TYPES.get(t)?.gpu?.count ?? 0));
}

/** The inferstack node pool a node group carries in its labels. */
export function nodeGroupPool(nodeGroup: PolicyResource): string | undefined {
  const pool = obj(nodeGroup.props.labels)[NODE_POOL_LABEL];
  return typeof pool === "string" ? pool : undefined;
}

/** `scalingConfig.minSize`/`maxSize` of a node group. */
export function scalingOf(nodeGroup: PolicyResource): { min: number; max: number } {
  const min = at(nodeGroup.props, "scalingConfig.minSize");
  const max = at(nodeGroup.props, "scalingConfig.maxSize");
  return { min: typeof min === "number" ? min : 0, max: typeof max === "number" ? max : 0 };
}
