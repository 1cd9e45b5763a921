import { standardLabels } from "../labels";

/** A Prometheus recording rule. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  /** Labels added to (or overriding those of) every recorded series. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A Prometheus alerting rule. */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold, as a Prometheus duration (e.g. `10m`). */
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A group of rules evaluated together, in order (records before the alerts that read them). */
export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly (RecordingRule | AlertingRule)[];
}

/** A `monitoring.coreos.com/v1` PrometheusRule: a rule file the operator loads into Prometheus. */
export interface PrometheusRuleObject {
  readonly apiVersion: "monitoring.coreos.com/v1";
  readonly kind: "PrometheusRule";
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: { readonly groups: readonly RuleGroup[] };
}

/** What a PrometheusRule is for: its name, namespace and standard labels. */
export interface RuleObjectArgs {
  readonly name: string;
  readonly namespace: string;
  /** Component label, e.g. `slo-rules`. */
  readonly component: string;
  readonly environment: string;
  readonly model?: string;
}

/** Wraps rule groups in a PrometheusRule with the standard labels. */
export function prometheusRule(args: RuleObjectArgs, groups: readonly RuleGroup[]): PrometheusRuleObject {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: {
      name: args.name,
      namespace: args.namespace,
      labels: standardLabels({
        name: "inferstack",
        instance: args.name,
        component: args.component,
        environment: args.environment,
        ...(args.model === undefined ? {} : { model: args.model }),
      }),
    },
    spec: { groups },
  };
}

/** A Prometheus duration from minutes: `90` → `90m`, `60` → `1h`, `720` → `12h`. */
export function minutes(value: number): string {
  return value % 60 === 0 ? `${value / 60}h` : `${value}m`;
}

/** A number as PromQL writes it, without float noise (`0.04`, not `0.04000000000000001`). */
export function promNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** True for alerting rules. */
export function isAlert(rule: RecordingRule | AlertingRule): rule is AlertingRule {
  return "alert" in rule;
}

/** The rule file promtool reads for a PrometheusRule: its `spec` (`groups:`). */
export function ruleFile(rule: { readonly spec: { readonly groups: readonly RuleGroup[] } }): { groups: readonly RuleGroup[] } {
  return { groups: rule.spec.groups };
}
