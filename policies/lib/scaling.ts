/** Deployments and the autoscalers that scale them. */
import type { PolicyResource } from "@pulumi/policy";
import { at, K8S, namespaceOf, objectName, podGpus, podTemplateOf, selectedNodePool } from "./kubernetes";
import { ofType } from "./policy";
import { derived } from "./resource-index";

/** The HorizontalPodAutoscaler that targets `deployment` (same namespace, scaleTargetRef kind and name); the first one in stack order. */
export function autoscalerOf(deployment: PolicyResource, resources: readonly PolicyResource[]): PolicyResource | undefined {
  const byTarget = derived(resources, "autoscalerByTarget", () => {
    const index = new Map<string, PolicyResource>();
    for (const hpa of ofType(resources, K8S.hpa)) {
      const name = at(hpa.props, "spec.scaleTargetRef.name");
      if (at(hpa.props, "spec.scaleTargetRef.kind") !== "Deployment" || typeof name !== "string") continue;
      const key = targetKey(namespaceOf(hpa), name);
      if (!index.has(key)) index.set(key, hpa);
    }
    return index;
  });
  return byTarget.get(targetKey(namespaceOf(deployment), objectName(deployment)));
}

function targetKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

/** Replica bounds of a Deployment: its autoscaler's, else its fixed `spec.replicas` (default 1). */
export function replicaBounds(deployment: PolicyResource, resources: readonly PolicyResource[]): { min: number; max: number; autoscaled: boolean } {
  const hpa = autoscalerOf(deployment, resources);
  if (hpa) {
    const min = at(hpa.props, "spec.minReplicas");
    const max = at(hpa.props, "spec.maxReplicas");
    return { min: typeof min === "number" ? min : 1, max: typeof max === "number" ? max : 1, autoscaled: true };
  }
  const replicas = at(deployment.props, "spec.replicas");
  const fixed = typeof replicas === "number" ? replicas : 1;
  return { min: fixed, max: fixed, autoscaled: false };
}

/** GPU demand of a Deployment at full scale, with the node pool its pods select. */
export interface GpuDemand {
  readonly deployment: PolicyResource;
  readonly nodePool?: string;
  readonly gpusPerPod: number;
  readonly maxReplicas: number;
}

/** The Deployments of the stack whose pods ask for GPUs, with their demand at `maxReplicas`. */
export function gpuDemands(resources: readonly PolicyResource[]): readonly GpuDemand[] {
  return derived(resources, "gpuDemands", () => Object.freeze(gpuDemandsOf(resources)));
}

function gpuDemandsOf(resources: readonly PolicyResource[]): GpuDemand[] {
  return ofType(resources, K8S.deployment).flatMap((deployment) => {
    const template = podTemplateOf(deployment);
    const gpusPerPod = template ? podGpus(template) : 0;
    if (!template || gpusPerPod === 0) return [];
    const nodePool = selectedNodePool(template);
    return [{ deployment, ...(nodePool === undefined ? {} : { nodePool }), gpusPerPod, maxReplicas: replicaBounds(deployment, resources).max }];
  });
}
