/**
 * The floor of the plan benchmark: the plan's leaf resources registered by a flat program, each with
 * the SDK class inferstack used for it (same type token, name, inputs and provider), so that what the
 * plan costs above it is inferstack's own work: resolve, components, renderers, output plumbing.
 * Generic `CustomResource`s would be cheaper than the typed classes (a typed class creates an Output
 * for every property of its schema, not only for the inputs given), and the difference would be
 * counted against inferstack.
 */
import type * as k8s from "@pulumi/kubernetes";
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

/**
 * The module of the SDK that defines a type token's class, which the floor loads alone, as inferstack
 * loads only the modules it uses: `aws:iam/role:Role` → `@pulumi/aws/iam/role`,
 * `kubernetes:apps/v1:Deployment` → `@pulumi/kubernetes/apps/v1/deployment`, with a Kubernetes API
 * group as the SDK's module name (its first label: `rbac.authorization.k8s.io` → `rbac`).
 */
function sdkModule(type: string): string | undefined {
  const [pkg, module, name] = type.split(":") as [string, string, string];
  const file = `${name[0]!.toLowerCase()}${name.slice(1)}`;
  if (pkg === "aws") return `@pulumi/aws/${module.split("/")[0]!}/${file}`;
  if (pkg === "kubernetes") {
    const [group, version] = module.split("/") as [string, string];
    return `@pulumi/kubernetes/${group.split(".")[0]!}/${version}/${file}`;
  }
  return undefined;
}

/** The SDK class of a type token (see `sdkModule`), or undefined when the SDK has none. */
export function sdkClass(type: string): Constructor | undefined {
  const module = sdkModule(type);
  if (module === undefined) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is named by the type token
    return (require(module) as Record<string, Constructor | undefined>)[type.split(":")[2]!];
  } catch (error) {
    // No such module: a kind the SDK has no class for.
    if ((error as { code?: string }).code === "MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

/* eslint-disable @typescript-eslint/no-require-imports -- each class from its own module, see sdkModule */
const loadAwsProvider = () => (require("@pulumi/aws/provider") as { Provider: Constructor }).Provider;
const loadKubernetesProvider = () => (require("@pulumi/kubernetes/provider") as { Provider: Constructor }).Provider;
const loadCustomResource = () => (require("@pulumi/kubernetes/apiextensions/customResource") as typeof k8s.apiextensions).CustomResource;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Registers every custom resource of `resources` with no parents and no components; custom
 * resources of Kubernetes kinds the SDK has no class for (operators' CRDs) go through
 * `k8s.apiextensions.CustomResource`, as inferstack creates them.
 */
export function registerFloor(resources: readonly PlannedResource[]): void {
  const providers = new Map<string, pulumi.ProviderResource>();
  for (const r of resources.filter((x) => x.custom && x.type.startsWith("pulumi:providers:"))) {
    const pkg = r.type.slice("pulumi:providers:".length);
    const Provider = pkg === "aws" ? loadAwsProvider() : loadKubernetesProvider();
    providers.set(r.urn, new Provider(r.name, r.inputs) as pulumi.ProviderResource);
  }
  for (const r of resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:"))) {
    const provider = r.provider ? providers.get(r.provider) : undefined;
    const opts = provider ? { provider } : {};
    const Class = sdkClass(r.type);
    if (Class) new Class(r.name, r.inputs, opts);
    else if (r.type.startsWith("kubernetes:")) new (loadCustomResource())(r.name, r.inputs as k8s.apiextensions.CustomResourceArgs, opts);
    else throw new Error(`the floor has no SDK class for ${r.type}`);
  }
}
