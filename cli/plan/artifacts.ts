import { renderCorefile } from "../../components/discovery/coredns";
import { loggingPlanFiles } from "../../components/logging/report";
import { stackFile } from "../../components/project";
import { validateKubernetesObject } from "../../components/validate/kubernetes";
import { evaluatePolicies } from "../../policies/runner/evaluate";
import { summarize } from "../../policies/runner/report";
import { type PolicyRun } from "../../policies/runner/run";
import { version as INFERSTACK_VERSION } from "../../package.json";
import { type ResolvedPlatform } from "../../components/resolve/types";
import { servingPlanFiles } from "../../components/serving/render";
import { type MockRun } from "./engine";
import { plannedObjects, plannedReleases, type PlannedObject } from "./kubernetes";
import { monitoringFiles, monitoringSummary } from "./monitoring";
import { renderSummary } from "./summary";
import { timed } from "./timing";
import { sortKeys, stableJson } from "./values";
import { toYaml, toYamlAll } from "./yaml";

/** Files the plan writes (relative path → content) and the results of its checks. */
export interface PlanArtifacts {
  readonly files: ReadonlyMap<string, string>;
  readonly objects: readonly PlannedObject[];
  /** One entry per Kubernetes object that failed its schema. */
  readonly schemaErrors: readonly { readonly urn: string; readonly errors: readonly string[] }[];
  /** The policy pack's run over the plan (its reports are among `files`). */
  readonly policy: PolicyRun;
}

/** Kinds first in a manifest file, so the file applies in order. */
const KIND_ORDER = ["Namespace", "PriorityClass", "ServiceAccount", "Secret", "ConfigMap", "Service", "Deployment"];

/**
 * Builds every file of the plan from one mock run. Pure and deterministic: the same run gives the
 * same bytes.
 */
export function planArtifacts(platform: ResolvedPlatform, run: MockRun, source: { readonly environmentLine?: number } = {}): PlanArtifacts {
  const files = new Map<string, string>();
  const stack = platform.environment.stack;
  timed("plan-json", () => files.set("plan.json", `${stableJson({ stack, tier: platform.environment.tier, resources: run.resources, outputs: run.outputs })}\n`));

  const objects = plannedObjects(run.resources);
  const schemaErrors = timed("schemas", () =>
    objects.map((o) => ({ urn: o.urn, errors: validateKubernetesObject(o.object) })).filter((r) => r.errors.length > 0),
  );

  timed("manifests", () => {
    const byComponent = new Map<string, PlannedObject[]>();
    for (const o of objects) {
      const list = byComponent.get(o.component);
      if (list) list.push(o);
      else byComponent.set(o.component, [o]);
    }
    const groups = [...byComponent].sort(([a], [b]) => a.localeCompare(b)).map(([component, list]) => [component, [...list].sort(byKindThenName)] as const);
    const docs = toYamlAll(groups.flatMap(([, list]) => list.map((o) => o.object)));
    let next = 0;
    for (const [component, list] of groups) files.set(`manifests/${component}.yaml`, list.map(() => `---\n${docs[next++]!}`).join(""));
  });
  // The whole Corefile CoreDNS needs for `.consul`: for an EKS add-on's `corefile` value or a manual edit.
  if (platform.discovery) files.set("discovery/Corefile", renderCorefile(platform.discovery));
  for (const release of plannedReleases(run.resources)) {
    files.set(`releases/${release.name}.yaml`, toYaml(sortKeys(release.inputs)));
  }

  // Runtime configs: models/<model>/config.pbtxt (Triton) and tfserving/<pool>/*.config (TF Serving).
  for (const [file, text] of servingPlanFiles(platform)) files.set(file, text);
  const monitoring = timed("monitoring", () => monitoringFiles(platform, objects));
  for (const [file, content] of monitoring.files) files.set(file, content);
  const logging = loggingPlanFiles(platform);
  for (const [file, content] of logging.files) files.set(file, content);
  const policy = timed("policy", () => evaluatePolicies(platform, run.resources, { stackFile: stackFile(stack), stackLine: source.environmentLine ?? 1 }, INFERSTACK_VERSION, objects));
  for (const [file, content] of policy.files) files.set(file, content);

  const checks = [
    schemaErrors.length === 0
      ? `Kubernetes schemas: all ${objects.length} objects valid (kubernetes-models, Kubernetes 1.27 schemas).`
      : `Kubernetes schemas: ${schemaErrors.length} of ${objects.length} objects INVALID.`,
    ...(monitoring.expressions === 0
      ? []
      : [
          monitoring.promqlErrors.length === 0
            ? `PromQL: all ${monitoring.expressions} expressions of rules, dashboards and the metrics adapter parse (lezer-promql).`
            : `PromQL: ${monitoring.promqlErrors.length} of ${monitoring.expressions} expressions INVALID: ${monitoring.promqlErrors.join("; ")}.`,
        ]),
    ...(logging.check === undefined ? [] : [logging.check]),
    policyCheck(policy.run),
  ];
  const summarySection = monitoringSummary(platform);
  timed("summary", () => files.set("summary.md", renderSummary({ platform, run, checks, sections: summarySection === undefined ? [] : [summarySection] })));
  return { files, objects, schemaErrors, policy: policy.run };
}

function byKindThenName(a: PlannedObject, b: PlannedObject): number {
  const rank = (o: PlannedObject) => {
    const i = KIND_ORDER.indexOf(o.object.kind as string);
    return i < 0 ? KIND_ORDER.length : i;
  };
  const name = (o: PlannedObject) => String((o.object.metadata as Record<string, unknown>).name);
  return rank(a) - rank(b) || String(a.object.kind).localeCompare(String(b.object.kind)) || name(a).localeCompare(name(b));
}

/** The summary line of the policy step. */
export function policyCheck(run: PolicyRun): string {
  const s = summarize(run);
  return `Policies: ${s.applied} of ${s.policies} applied (${s.notApplicable} not applicable, ${s.disabled} disabled); ${s.blocking} mandatory violations, ${s.advisory} advisory, ${s.acknowledged} acknowledged (policy-report.json).`;
}
