/**
 * The policy step of a plan: runs the whole pack over the recorded resources of a resolved stack and
 * renders the three report files. Pure and deterministic; the CLI writes the files.
 */
import { type RecordedResource } from "../../cli/plan/engine";
import { type PlannedObject } from "../../cli/plan/kubernetes";
import { stableJson } from "../../cli/plan/values";
import { LABELS } from "../../components/labels";
import { type ResolvedPlatform } from "../../components/resolve/types";
import { policyContext } from "../lib/context";
import { at, obj } from "../lib/kubernetes";
import { POLICIES } from "../pack";
import { packConfig } from "./pack-config";
import { reportJson } from "./report";
import { planResources, type PlanResource } from "./resources";
import { type Finding, type PolicyRun, runPolicies } from "./run";
import { renderSarif, type SarifLocation } from "./sarif";

/** Names of the files the policy step writes into the plan directory. */
export const POLICY_FILES = Object.freeze({
  report: "policy-report.json",
  sarif: "policy-report.sarif",
  packConfig: "policy-pack-config.json",
});

/** The result of the policy step. */
export interface PolicyEvaluation {
  readonly run: PolicyRun;
  /** File name → content, for the plan directory. */
  readonly files: ReadonlyMap<string, string>;
}

/** Where the stack's settings live, for code-scanning locations. */
export interface SourceLines {
  /** The stack's config file, e.g. `stacks/Pulumi.prod.yaml`. */
  readonly stackFile: string;
  /** Line of `inferstack:environment` in it. @default 1 */
  readonly stackLine?: number;
}

/** Runs the pack over a plan and renders its reports; `objects`: the plan's Kubernetes objects, when already derived. */
export function evaluatePolicies(
  platform: ResolvedPlatform,
  recorded: readonly RecordedResource[],
  source: SourceLines,
  toolVersion: string,
  objects?: readonly PlannedObject[],
): PolicyEvaluation {
  const { environment, policy } = platform;
  const context = policyContext(platform);
  const resources = planResources(recorded, environment.aws, objects);
  const run = runPolicies(POLICIES, resources, {
    tier: environment.tier,
    context,
    enforcement: policy.enforcement,
    acknowledgements: policy.acknowledgements,
  });
  const locate = locator(platform, resources, source);
  const files = new Map<string, string>([
    [POLICY_FILES.report, `${stableJson(reportJson(environment.stack, run, POLICIES))}\n`],
    [POLICY_FILES.sarif, `${JSON.stringify(renderSarif(run, POLICIES, { stack: environment.stack, toolVersion, locate }), null, 2)}\n`],
    [POLICY_FILES.packConfig, `${stableJson(packConfig(POLICIES, context, policy))}\n`],
  ]);
  return { run, files };
}

/** Shows a finding in the catalog file of the model its resource serves, else in the stack file. */
function locator(platform: ResolvedPlatform, resources: readonly PlanResource[], source: SourceLines): (finding: Finding) => SarifLocation {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const models = new Map(platform.models.map((m) => [m.name, m.sourceFile]));
  return (finding) => {
    const props = finding.resource ? byUrn.get(finding.resource.urn)?.props : undefined;
    const model = obj(at(props, "metadata.labels"))[LABELS.model] ?? obj(at(props, "spec.template.metadata.labels"))[LABELS.model];
    const file = typeof model === "string" ? models.get(model) : undefined;
    return file ? { uri: file, line: 1 } : { uri: source.stackFile, line: source.stackLine ?? 1 };
  };
}
