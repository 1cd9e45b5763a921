import { SECRET_MASK, sortKeys } from "./values";
import { autonameSuffix, CLUSTER_SCOPED_KINDS } from "./mocks";
import { type RecordedResource } from "./engine";

/** A Kubernetes object the plan would apply, with the component that owns it. */
export interface PlannedObject {
  readonly urn: string;
  /** Name of the nearest component ancestor (e.g. `inferstack-resnet50`). */
  readonly component: string;
  readonly object: Record<string, unknown>;
}

const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

/** True for typed Kubernetes objects (not providers, not Helm releases). */
export function isKubernetesObject(resource: RecordedResource): boolean {
  return resource.custom && resource.type.startsWith("kubernetes:") && resource.type !== HELM_RELEASE && typeof resource.inputs.kind === "string";
}

/**
 * Every Kubernetes object as the engine would send it: auto-named objects get the deterministic
 * suffix the plan's mocks use (a real deploy adds a random one), and namespaced objects without a
 * namespace get their provider's default namespace.
 */
export function plannedObjects(resources: readonly RecordedResource[]): PlannedObject[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const objects: PlannedObject[] = [];
  for (const resource of resources) {
    if (!isKubernetesObject(resource)) continue;
    const metadata = { ...((resource.inputs.metadata as Record<string, unknown> | undefined) ?? {}) };
    metadata.name ??= `${resource.name}-${autonameSuffix(`${resource.type}::${resource.name}`)}`;
    const kind = resource.inputs.kind as string;
    if (!CLUSTER_SCOPED_KINDS.has(kind) && metadata.namespace === undefined) {
      const providerNamespace = resource.provider ? byUrn.get(resource.provider)?.inputs.namespace : undefined;
      metadata.namespace = typeof providerNamespace === "string" ? providerNamespace : "default";
    }
    const { apiVersion, kind: _kind, metadata: _metadata, ...rest } = resource.inputs;
    // The Kubernetes SDK marks a Secret's whole `data`/`stringData` map secret, so the plan cannot show
    // its keys either: the map is shown as one masked entry, which keeps the object's shape valid.
    if (kind === "Secret") {
      for (const field of ["data", "stringData"]) if (rest[field] === SECRET_MASK) rest[field] = { [SECRET_MASK]: SECRET_MASK };
    }
    objects.push({
      urn: resource.urn,
      component: owningComponent(resource, byUrn),
      object: { apiVersion, kind, metadata: sortKeys(metadata), ...(sortKeys(rest) as Record<string, unknown>) },
    });
  }
  return objects;
}

/** Helm releases the plan would install. */
export function plannedReleases(resources: readonly RecordedResource[]): RecordedResource[] {
  return resources.filter((r) => r.type === HELM_RELEASE);
}

function owningComponent(resource: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>): string {
  let parent = resource.parent ? byUrn.get(resource.parent) : undefined;
  while (parent && parent.custom) parent = parent.parent ? byUrn.get(parent.parent) : undefined;
  return parent && parent.type !== "pulumi:pulumi:Stack" ? parent.name : "stack";
}
