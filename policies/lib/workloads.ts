/** Helpers for the policies that check every container of every pod template. */
import { at, containersOf, obj, podTemplateOf, type Container, type Json, type PodTemplate } from "./kubernetes";
import { type Resource } from "./policy";

/** The pod template of a workload; workloads without one are skipped. */
export function templateOf(resource: Pick<Resource, "type" | "props">): PodTemplate | undefined {
  return podTemplateOf(resource);
}

/** A container's `securityContext` field, falling back to the pod's `securityContext` where Kubernetes does. */
export function effectiveSecurity(template: PodTemplate, container: Container, field: string): unknown {
  const own = at(container.body, `securityContext.${field}`);
  return own !== undefined ? own : at(template.spec, `securityContext.${field}`);
}

/** `init container "x"` or `container "x"`, for messages. */
export function containerLabel(container: Container): string {
  return `${container.init ? "init container" : "container"} "${container.name}"`;
}

/** Calls `check` for every container of the resource's pod template. */
export function eachContainer(resource: Pick<Resource, "type" | "props">, check: (container: Container, template: PodTemplate) => void): void {
  const template = templateOf(resource);
  if (!template) return;
  for (const container of containersOf(template.spec)) check(container, template);
}

/** The `resources` block of a container, normalized to two maps. */
export function resourcesOf(container: Container): { requests: Json; limits: Json } {
  return { requests: obj(at(container.body, "resources.requests")), limits: obj(at(container.body, "resources.limits")) };
}
