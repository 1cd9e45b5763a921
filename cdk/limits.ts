/**
 * CloudFormation's per-stack quotas, checked before synthesis so that a catalog too large for one
 * stack is a spec problem (exit 2, nothing written) instead of an error deep inside the CDK.
 */
import { CfnOutput, CfnResource, Stack } from "aws-cdk-lib";
import { type IConstruct } from "constructs";
import { stackFile } from "../components/project";
import { type Problem } from "../components/spec/problems";
import { type FoundationStack } from "./foundation-stack";

/**
 * At most this many resources and outputs in one template (AWS CloudFormation User Guide,
 * "Understand CloudFormation quotas", docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/
 * cloudformation-limits.html). The CDK itself refuses more than 500 resources at synthesis
 * (TooManyResourcesInStack); nothing checks the outputs before a deploy.
 */
export const STACK_QUOTAS = Object.freeze({ resources: 500, outputs: 200 });

/** What a stack declares: its resources and outputs, in all and for each server pool's reader role. */
export interface StackSize {
  readonly resources: number;
  readonly outputs: number;
  readonly pools: number;
  /** Resources and outputs of one pool's reader (its role, policy and role-ARN output). */
  readonly perPool: { readonly resources: number; readonly outputs: number };
}

/** Resources and outputs of `stack` among `scopes` and everything under them, each counted once. */
function countIn(stack: Stack, ...scopes: IConstruct[]): { resources: number; outputs: number } {
  const own = [...new Set(scopes.flatMap((scope) => scope.node.findAll()))].filter((c) => Stack.of(c) === stack);
  return { resources: own.filter((c) => c instanceof CfnResource).length, outputs: own.filter((c) => c instanceof CfnOutput).length };
}

/** Counts the resources and outputs the foundation stack declares, as its template will list them. */
export function foundationStackSize(stack: FoundationStack): StackSize {
  const total = countIn(stack, stack);
  const readers = Object.values(stack.readers.readers);
  const first = readers[0];
  // Each pool's reader is one role with its policy, plus one output in the stack (foundation-stack.ts).
  const perPool = first === undefined ? { resources: 0, outputs: 0 } : { resources: countIn(stack, first.role, first.policy).resources, outputs: 1 };
  return { ...total, pools: readers.length, perPool };
}

/** The problem of a foundation stack beyond CloudFormation's quotas, with the most pools that fit. */
export function stackQuotaProblems(stackName: string, size: StackSize): Problem[] {
  const overResources = size.resources > STACK_QUOTAS.resources;
  const overOutputs = size.outputs > STACK_QUOTAS.outputs;
  if (!overResources && !overOutputs) return [];
  const fixed = { resources: size.resources - size.pools * size.perPool.resources, outputs: size.outputs - size.pools * size.perPool.outputs };
  const fits = Math.min(
    size.perPool.resources === 0 ? Infinity : Math.floor((STACK_QUOTAS.resources - fixed.resources) / size.perPool.resources),
    size.perPool.outputs === 0 ? Infinity : Math.floor((STACK_QUOTAS.outputs - fixed.outputs) / size.perPool.outputs),
  );
  const over = [
    ...(overResources ? [`${size.resources} resources (at most ${STACK_QUOTAS.resources})`] : []),
    ...(overOutputs ? [`${size.outputs} outputs (at most ${STACK_QUOTAS.outputs})`] : []),
  ];
  return [
    {
      file: stackFile(stackName),
      path: "",
      message: `the CDK foundation of its ${size.pools} server pools (a reader role, its policy and a role-ARN output per pool) exceeds what one CloudFormation stack holds; got ${over.join(" and ")}. Synthesize with the CDK a catalog of at most ${Number.isFinite(fits) ? Math.max(0, fits) : size.pools} server pools (models may share a pool: serverPool in the catalog), or create the foundation with Pulumi (inferstack plan, pulumi up), which has no such limit.`,
    },
  ];
}
