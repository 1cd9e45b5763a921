import { z } from "../zod";
import { nonNegativeInt } from "./common";
import { describeValue } from "./problems";

/**
 * How a policy's violations count: `mandatory` blocks (exit 1), `advisory` warns, `disabled` skips it.
 * Same words as Pulumi CrossGuard's enforcement levels.
 */
export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** Shape of a policy name: `inferstack-<provider>-<resource>-<verb>-<thing>`. */
export const POLICY_NAME = /^inferstack-[a-z0-9]+(-[a-z0-9]+){3,}$/;

const policyName = z.string().regex(POLICY_NAME, {
  error: (issue) =>
    `must be an inferstack policy name such as "inferstack-kubernetes-deployment-require-gpu-toleration"; got ${describeValue(issue.input)}. Copy the name from policies/README.md or the policy report.`,
});

/**
 * An accepted finding: the named policy's violations on one resource (and everything under it, when
 * it is a component) are reported as acknowledged instead of failing or warning.
 */
export const AcknowledgementSpec = z.strictObject({
  /** The policy whose finding is accepted. */
  policy: policyName,
  /** Pulumi resource name the acknowledgement applies to, as shown in the policy report (e.g. `inferstack-namespace`). */
  resource: z.string().min(1),
  /**
   * Why the finding is accepted, and by whom. Required: checked in resolve, whose message names the
   * policy and the resource.
   */
  reason: z.string().optional(),
});
export type AcknowledgementSpec = z.infer<typeof AcknowledgementSpec>;

/**
 * An acknowledgement given as a component argument (`policyAcknowledgements`): the policy's findings on
 * the component and everything under it are accepted. Components record it in their inputs, where the
 * policy pack reads it; one without a reason is itself a mandatory finding.
 */
export interface ComponentAcknowledgement {
  /** The policy whose findings are accepted. */
  readonly policy: string;
  /** Why, and who accepted it. */
  readonly reason: string;
}

/** Policy settings of one environment: the value of `inferstack:environment.policy`. */
export const PolicySpec = z.strictObject({
  /**
   * Per-policy enforcement overriding the tier's level (policies/README.md lists each policy's
   * dev/staging/prod levels). @default the tier's level of every policy
   */
  enforcement: z.record(policyName, z.enum(ENFORCEMENT_LEVELS)).optional(),
  /** Findings accepted with a written reason; they stay in the report, marked acknowledged. @default none */
  acknowledgements: z.array(AcknowledgementSpec).optional(),
  /**
   * EC2 instance types node pools and node groups may use.
   * @default per tier: single-GPU and CPU types in dev, up to 4 GPUs per instance in staging, the whole pinned table in prod
   */
  allowedInstanceTypes: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Image reference prefixes workloads may pull from (e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/`).
   * Docker Hub references are compared in full form (`docker.io/library/nginx`).
   * @default the environment's ECR registry and the repositories of the pinned runtime images
   */
  allowedImageRegistries: z.array(z.string().min(1)).min(1).optional(),
});
export type PolicySpec = z.infer<typeof PolicySpec>;

/** Spending guardrails of one environment: the value of `inferstack:environment.budget`. */
export const BudgetSpec = z.strictObject({
  /** Most GPUs the environment's node pools and serving workloads may add up to. @default 8 in dev, 16 in staging, 64 in prod */
  maxGpus: nonNegativeInt.optional(),
  /**
   * Most the environment's GPU capacity may cost per month at full scale, in USD, from the pinned
   * on-demand prices (730 hours a month). @default 5000 in dev, 20000 in staging, 100000 in prod
   */
  maxMonthlyUsd: z.number().positive().optional(),
});
export type BudgetSpec = z.infer<typeof BudgetSpec>;

/**
 * The message for an acknowledgement without a written reason, shared by resolve (spec) and the
 * policy that checks component arguments, so both read the same.
 */
export function missingReasonMessage(policy: string, resource: string, reason: unknown): string {
  return `acknowledges ${policy} on ${resource} without a reason; got ${describeValue(reason)}. Write why the finding is accepted and who accepted it, so reviewers can judge it.`;
}

/** True when `reason` is written text (not missing, not blank). */
export function hasReason(reason: unknown): reason is string {
  return typeof reason === "string" && reason.trim() !== "";
}
