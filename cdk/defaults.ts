/**
 * Defaults of the CDK engine: only what has no counterpart in `components/resolve/foundation-defaults.ts`
 * or must differ from the Pulumi engine, each with the reason. Everything else (sizes, names, tiers,
 * policies) comes from the resolved foundation and the shared renderers.
 */
import { type Tier } from "../components/spec/environment";

/** Engine-specific settings that do not depend on the tier. */
export const CDK_DEFAULTS = Object.freeze({
  /**
   * Value of the `inferstack.io/managed-by` tag. Resolve writes "pulumi"; here CloudFormation owns the
   * resources, and the tag tells an operator which tool changes them (a `pulumi up` would not).
   */
  managedBy: "cdk",
  /** Suffix of the CloudFormation stack name: `inferstack-<stack>-foundation`. */
  stackNameSuffix: "foundation",
  /** Prefix of the CloudFormation stack name. */
  stackNamePrefix: "inferstack",
  /** Directory the cloud assembly is written to, relative to the project root (the CDK CLI's default too). */
  outDir: "cdk.out",
});

/** The cdk-nag rule packs a synthesis runs, by tier. */
export interface NagPacks {
  /** AWS Solutions: every tier. */
  readonly awsSolutions: true;
  /** NIST 800-53 rev 5: the control set prod is audited against. */
  readonly nist80053r5: boolean;
}

/**
 * Rule packs per tier: AWS Solutions everywhere; NIST 800-53 R5 on prod, whose controls (flow logs,
 * access logs, private endpoint) dev deliberately relaxes for cost and reachability.
 */
export const NAG_PACKS: Readonly<Record<Tier, NagPacks>> = Object.freeze({
  dev: Object.freeze({ awsSolutions: true, nist80053r5: false }),
  staging: Object.freeze({ awsSolutions: true, nist80053r5: false }),
  prod: Object.freeze({ awsSolutions: true, nist80053r5: true }),
} satisfies Record<Tier, NagPacks>);

/** Findings a tier may acknowledge when its settings relax a control; elsewhere they fail the synthesis. */
export interface NagAllowances {
  /** AwsSolutions-VPC7: no VPC flow logs (RULES NET-03). */
  readonly flowLogsOff: boolean;
  /** AwsSolutions-S1: no server access logs on the model store (RULES S3-05). */
  readonly accessLogsOff: boolean;
  /** EKS1: a public Kubernetes API endpoint, allow-listed (RULES EKS-01). */
  readonly publicEndpoint: boolean;
  /** EKS2: fewer than the five control-plane log types (RULES EKS-03). */
  readonly partialControlPlaneLogs: boolean;
}

/**
 * What each tier may relax, from the severity columns of RULES.md (advisory in the tier: may be
 * acknowledged; mandatory: the finding stays and `inferstack synth` exits 1). A prod stack that turns
 * flow logs or access logs off, or a staging stack with a public endpoint, fails its checks.
 */
export const NAG_ALLOWANCES: Readonly<Record<Tier, NagAllowances>> = Object.freeze({
  dev: Object.freeze({ flowLogsOff: true, accessLogsOff: true, publicEndpoint: true, partialControlPlaneLogs: true }),
  staging: Object.freeze({ flowLogsOff: true, accessLogsOff: true, publicEndpoint: false, partialControlPlaneLogs: false }),
  prod: Object.freeze({ flowLogsOff: false, accessLogsOff: false, publicEndpoint: false, partialControlPlaneLogs: false }),
} satisfies Record<Tier, NagAllowances>);

/** The CloudFormation stack name of an inferstack stack's foundation. */
export function foundationStackName(stack: string): string {
  return `${CDK_DEFAULTS.stackNamePrefix}-${stack}-${CDK_DEFAULTS.stackNameSuffix}`;
}
