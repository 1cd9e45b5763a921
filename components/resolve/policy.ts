import { INSTANCE_TYPES, type InstanceType } from "../compute/instance-types";
import { RUNTIME_IMAGES, SYNC_IMAGE } from "../registry/images";
import { type EnvironmentSpec, type Tier } from "../spec/environment";
import { problemAt, type Origin } from "../spec/issues";
import { hasReason, missingReasonMessage } from "../spec/policy";
import { closest, describeValue, type Problem } from "../spec/problems";
import { type ResolvedEnvironment, type ResolvedPolicySettings } from "./types";

/** Hours in an average month (8760 / 12), for monthly cost estimates. */
export const HOURS_PER_MONTH = 730;

/** Policy settings that differ by tier. */
export interface PolicyTierDefaults {
  readonly maxGpus: number;
  readonly maxMonthlyUsd: number;
  /** Instance types node pools and node groups may use. */
  readonly allowedInstanceTypes: readonly string[];
}

const CPU_TYPES = ["m6i.large", "m6i.xlarge", "m6i.2xlarge", "m7i.large", "m7i.xlarge", "m7i.2xlarge"] as const;
const SINGLE_GPU_TYPES = ["g4dn.xlarge", "g4dn.2xlarge", "g5.xlarge", "g5.2xlarge", "g6.xlarge", "g6e.xlarge"] as const;
const QUAD_GPU_TYPES = ["g4dn.12xlarge", "g5.12xlarge", "g6.12xlarge", "g6e.12xlarge"] as const;
const EIGHT_GPU_TYPES = ["g5.48xlarge", "p4d.24xlarge", "p5.48xlarge"] as const;

/**
 * Guardrails per tier. Budgets bound what an environment can grow to (a runaway `maxNodes` or
 * `maxReplicas` is caught before it costs money); the allow-lists keep 8-GPU instances (16-55 USD an
 * hour) out of dev and staging. Every type of the pinned table is built on the AWS Nitro System, so
 * the allow-lists also satisfy the Nitro rule (NODE-10).
 */
export const POLICY_TIER_DEFAULTS: Readonly<Record<Tier, PolicyTierDefaults>> = Object.freeze({
  dev: Object.freeze({ maxGpus: 8, maxMonthlyUsd: 5000, allowedInstanceTypes: Object.freeze([...SINGLE_GPU_TYPES, ...CPU_TYPES]) }),
  staging: Object.freeze({
    maxGpus: 16,
    maxMonthlyUsd: 20000,
    allowedInstanceTypes: Object.freeze([...SINGLE_GPU_TYPES, ...QUAD_GPU_TYPES, ...CPU_TYPES]),
  }),
  prod: Object.freeze({
    maxGpus: 64,
    maxMonthlyUsd: 100000,
    allowedInstanceTypes: Object.freeze([...SINGLE_GPU_TYPES, ...QUAD_GPU_TYPES, ...EIGHT_GPU_TYPES, ...CPU_TYPES]),
  }),
} satisfies Record<Tier, PolicyTierDefaults>);

/**
 * The image prefixes workloads may pull from when the environment does not list its own: the
 * account's ECR registry and the upstream repositories of the images inferstack pins (the runtimes
 * and the artifact sync image), which an environment without a registry mirror pulls directly.
 */
export function defaultImageRegistries(environment: Pick<ResolvedEnvironment, "aws">): string[] {
  const ecr = `${environment.aws.accountId}.dkr.ecr.${environment.aws.region}.amazonaws.com/`;
  return [ecr, ...[...Object.values(RUNTIME_IMAGES), SYNC_IMAGE].map((image) => fullRepository(image.repository))].sort();
}

/** A repository in full form: Docker Hub's implicit registry and `library/` made explicit. */
export function fullRepository(repository: string): string {
  const [first, ...rest] = repository.split("/");
  if (rest.length > 0 && (first!.includes(".") || first!.includes(":") || first === "localhost")) return repository;
  return rest.length === 0 ? `docker.io/library/${repository}` : `docker.io/${repository}`;
}

/**
 * Resolves `inferstack:environment.policy` and `.budget`: applies the tier's defaults and checks the
 * settings themselves (reasons, policy and instance-type names). Whether the stack's resources keep
 * to them is the policy pack's job (policies/), so a stack over budget still plans and is reported.
 * @param knownPolicies names of every policy of the pack; when given, names in the settings are checked
 */
export function resolvePolicy(
  spec: EnvironmentSpec,
  environment: ResolvedEnvironment,
  origin: Origin,
  knownPolicies?: readonly string[],
): { policy: ResolvedPolicySettings; problems: Problem[] } {
  const problems: Problem[] = [];
  const tier = POLICY_TIER_DEFAULTS[environment.tier];
  const settings = spec.policy ?? {};
  const checkName = (name: string, path: readonly PropertyKey[]) => {
    if (knownPolicies === undefined || knownPolicies.includes(name)) return;
    const hint = closest(name, knownPolicies);
    problems.push(
      problemAt(origin, path, `names no policy of the pack; got ${describeValue(name)}. ${hint ? `Did you mean "${hint}"?` : "Copy the name from policies/README.md."}`),
    );
  };

  const enforcement: Record<string, ResolvedPolicySettings["enforcement"][string]> = {};
  for (const name of Object.keys(settings.enforcement ?? {}).sort()) {
    checkName(name, ["policy", "enforcement", name]);
    enforcement[name] = settings.enforcement![name]!;
  }

  const acknowledgements: ResolvedPolicySettings["acknowledgements"][number][] = [];
  (settings.acknowledgements ?? []).forEach((ack, index) => {
    const path = ["policy", "acknowledgements", index];
    checkName(ack.policy, [...path, "policy"]);
    if (!hasReason(ack.reason)) {
      problems.push(problemAt(origin, [...path, "reason"], missingReasonMessage(ack.policy, ack.resource, ack.reason)));
      return;
    }
    acknowledgements.push({ policy: ack.policy, resource: ack.resource, reason: ack.reason.trim() });
  });

  const allowedInstanceTypes = [...(settings.allowedInstanceTypes ?? tier.allowedInstanceTypes)];
  settings.allowedInstanceTypes?.forEach((name, index) => {
    if (INSTANCE_TYPES.has(name)) return;
    const hint = closest(name, [...INSTANCE_TYPES.keys()]);
    problems.push(
      problemAt(origin, ["policy", "allowedInstanceTypes", index], `unknown instance type; got ${describeValue(name)}. ${hint ? `Did you mean "${hint}"?` : "Use types of the pinned table (components/compute/instance-types.ts)."}`),
    );
  });
  const budget = {
    maxGpus: spec.budget?.maxGpus ?? tier.maxGpus,
    maxMonthlyUsd: spec.budget?.maxMonthlyUsd ?? tier.maxMonthlyUsd,
  };
  return {
    policy: {
      enforcement,
      acknowledgements,
      allowedInstanceTypes: allowedInstanceTypes.sort(),
      allowedImageRegistries: settings.allowedImageRegistries ? [...settings.allowedImageRegistries].sort() : defaultImageRegistries(environment),
      budget,
    },
    problems,
  };
}

/** The GPUs and monthly cost of a GPU node pool at `maxNodes`, priced at its largest, dearest type. */
export function nodePoolCapacity(instanceTypes: readonly string[], maxNodes: number): { gpus: number; monthlyUsd: number } {
  const types = instanceTypes.map((name) => INSTANCE_TYPES.get(name)).filter((t): t is InstanceType => t !== undefined);
  const gpusPerNode = Math.max(0, ...types.map((t) => t.gpu?.count ?? 0));
  const hourly = Math.max(0, ...types.map((t) => t.onDemandHourlyUsd));
  return { gpus: gpusPerNode * maxNodes, monthlyUsd: gpusPerNode > 0 ? hourly * HOURS_PER_MONTH * maxNodes : 0 };
}
