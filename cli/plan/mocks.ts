import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { awsMockId, awsMockState } from "./aws-mocks";
import { DOCKER_IMAGE_TYPE, dockerImageMockState, ECR_AUTHORIZATION_TOKEN, ecrAuthorizationTokenMock } from "./image-mocks";

/** Kubernetes kinds that are not namespaced. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PriorityClass",
  "StorageClass",
  "PersistentVolume",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "APIService",
]);

/** A deterministic stand-in for the random suffix Pulumi adds to auto-named resources. */
export function autonameSuffix(urn: string): string {
  return createHash("sha256").update(urn).digest("hex").slice(0, 8);
}

/**
 * What the mock engine returns for each resource: its inputs plus the outputs a real provider would
 * compute, so components that read them (names, ARNs, endpoints) see realistic values.
 */
export function mockResourceState(args: pulumi.runtime.MockResourceArgs, context: { region: string; accountId: string }): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  if (args.type.startsWith("kubernetes:") && args.type !== "kubernetes:helm.sh/v3:Release" && typeof inputs.kind === "string") {
    const metadata = { ...((inputs.metadata as Record<string, unknown> | undefined) ?? {}) };
    metadata.name ??= `${args.name}-${autonameSuffix(`${args.type}::${args.name}`)}`;
    return { ...inputs, metadata };
  }
  if (args.type === "kubernetes:helm.sh/v3:Release") {
    return { ...inputs, status: { name: inputs.name ?? args.name, namespace: inputs.namespace, status: "deployed" } };
  }
  if (args.type.startsWith("aws:")) return awsMockState(args.type, args.name, inputs, context);
  if (args.type === DOCKER_IMAGE_TYPE) return dockerImageMockState(inputs);
  return inputs;
}

/**
 * The id the mock engine gives a resource: deterministic, derived from its type, name and inputs
 * (AWS ids take the shape AWS gives them, e.g. `vpc-…` or a bucket's name; see `awsMockId`).
 */
export function mockId(type: string, name: string, inputs: Record<string, unknown>): string {
  return type.startsWith("aws:") ? awsMockId(type, name, inputs) : `${name}-id`;
}

/** Mocks for the SDK's mock engine: deterministic ids and states, realistic invoke results. */
export function planMocks(context: { region: string; accountId: string }): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      return { id: mockId(args.type, args.name, args.inputs as Record<string, unknown>), state: mockResourceState(args, context) };
    },
    call(args) {
      switch (args.token) {
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
          return { names: ["a", "b", "c"].map((zone) => `${context.region}${zone}`), state: "available" };
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return { accountId: context.accountId, arn: `arn:aws:iam::${context.accountId}:user/plan`, userId: "plan" };
        case "aws:index/getRegion:getRegion":
          return { name: context.region, region: context.region };
        case "aws:iam/getSessionContext:getSessionContext":
          // The plan runs as a role session; its issuer is the role that gets cluster admin.
          return { arn: args.inputs.arn, issuerArn: `arn:aws:iam::${context.accountId}:role/inferstack-deployer`, issuerId: "AROAPLAN", issuerName: "inferstack-deployer", sessionName: "plan" };
        case "aws:index/getPartition:getPartition":
          return { partition: "aws", dnsSuffix: "amazonaws.com" };
        case ECR_AUTHORIZATION_TOKEN:
          return ecrAuthorizationTokenMock(args.inputs as Record<string, unknown>, context);
        default:
          return args.inputs;
      }
    },
  };
}
