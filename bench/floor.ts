/**
 * The floor of the plan benchmark: the plan's leaf resources registered by a flat program, each with
 * the SDK class inferstack used for it (same type token, name, inputs and provider), so that what the
 * plan costs above it is inferstack's own work: resolve, components, renderers, output plumbing.
 * Generic `CustomResource`s would be cheaper than the typed classes (a typed class creates an Output
 * for every property of its schema, not only for the inputs given), and the difference would be
 * counted against inferstack.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** One resource of `plan.json`. */
export interface PlannedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly provider?: string;
  readonly inputs: Record<string, unknown>;
}

type Constructor = new (name: string, args: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Kubernetes API groups as the SDK's module names: the group's first label (`rbac.authorization.k8s.io` → `rbac`, `helm.sh` → `helm`). */
function kubernetesModule(group: string): string {
  return group.split(".")[0]!;
}

/** The SDK class of a type token: `aws:iam/role:Role` → `aws.iam.Role`, `kubernetes:apps/v1:Deployment` → `k8s.apps.v1.Deployment`. */
export function sdkClass(type: string): Constructor | undefined {
  const [pkg, module, name] = type.split(":") as [string, string, string];
  const lookup = (root: unknown, path: readonly string[]) => path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
  if (pkg === "aws") return lookup(aws, [module.split("/")[0]!, name]) as Constructor | undefined;
  if (pkg === "kubernetes") {
    const [group, version] = module.split("/") as [string, string];
    return lookup(k8s, [kubernetesModule(group), version, name]) as Constructor | undefined;
  }
  return undefined;
}

/**
 * Registers every custom resource of `resources` with no parents and no components; custom
 * resources of Kubernetes kinds the SDK has no class for (operators' CRDs) go through
 * `k8s.apiextensions.CustomResource`, as inferstack creates them.
 */
export function registerFloor(resources: readonly PlannedResource[]): void {
  const providers = new Map<string, pulumi.ProviderResource>();
  for (const r of resources.filter((x) => x.custom && x.type.startsWith("pulumi:providers:"))) {
    const pkg = r.type.slice("pulumi:providers:".length);
    providers.set(r.urn, pkg === "aws" ? new aws.Provider(r.name, r.inputs) : new k8s.Provider(r.name, r.inputs));
  }
  for (const r of resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:"))) {
    const provider = r.provider ? providers.get(r.provider) : undefined;
    const opts = provider ? { provider } : {};
    const Class = sdkClass(r.type);
    if (Class) new Class(r.name, r.inputs, opts);
    else if (r.type.startsWith("kubernetes:")) new k8s.apiextensions.CustomResource(r.name, r.inputs as k8s.apiextensions.CustomResourceArgs, opts);
    else throw new Error(`the floor has no SDK class for ${r.type}`);
  }
}
