import { MASKED_ENDPOINTS, renderAlertmanagerConfig } from "../../components/observability/alertmanager";
import { autoscalingAdapterRule, AUTOSCALING_RULE_NAME, expandAdapterQuery } from "../../components/observability/autoscaling";
import { KUBE_PROMETHEUS_STACK_SERVICES, serviceUrl } from "../../components/observability/charts";
import { dashboardExpressions } from "../../components/observability/dashboards";
import { DASHBOARD_LABEL, DASHBOARD_LABEL_VALUE } from "../../components/observability/kube-prometheus-stack";
import { renderAutoscalingRuleTests, renderSloRuleTests } from "../../components/observability/rule-tests";
import { promNumber, type RuleGroup } from "../../components/observability/rules";
import { sloRuleName } from "../../components/observability/slo-rules";
import { receiversFor } from "../../components/resolve/monitoring";
import { type ResolvedPlatform } from "../../components/resolve/types";
import { SEVERITIES } from "../../components/spec/observability";
import { promqlSyntaxErrors } from "../../components/validate/promql";
import { type PlannedObject } from "./kubernetes";
import { type SummarySection, table } from "./summary";
import { toYaml, toYamlAll } from "./yaml";

/** Directory of the monitoring files inside a plan. */
export const MONITORING_DIR = "monitoring";

/** What the plan writes for monitoring, and what its PromQL check found. */
export interface MonitoringFiles {
  /** Plan-relative path → content. */
  readonly files: ReadonlyMap<string, string>;
  /** Every PromQL expression checked (rules, dashboards, the adapter's query). */
  readonly expressions: number;
  /** Expressions with syntax errors, with where they come from. */
  readonly promqlErrors: readonly string[];
}

const yaml = (value: unknown) => toYaml(value, { aliasDuplicateObjects: false });
/** JSON, which is YAML too: the per-model test files are large and read by promtool, not by people. */
const jsonYaml = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;

/**
 * The monitoring files of a plan, so a reviewer can run the real tools on them:
 * `rules/<name>.yaml` (each PrometheusRule the program created, as a rule file),
 * `tests/*.test.yaml` (promtool unit tests of every alert and of the autoscaling record),
 * `alertmanager.yaml` (the configuration, receivers' secrets masked), `dashboards/<uid>.json` (each
 * dashboard ConfigMap's content) and a README with the commands. Every PromQL expression is also
 * parsed here.
 */
export function monitoringFiles(platform: ResolvedPlatform, objects: readonly PlannedObject[]): MonitoringFiles {
  const files = new Map<string, string>();
  const { monitoring, environment } = platform;
  if (monitoring === undefined) return { files, expressions: 0, promqlErrors: [] };
  const expressions: { where: string; expr: string }[] = [];

  const rules = objects.filter((o) => o.object.kind === "PrometheusRule");
  const ruleFiles = toYamlAll(
    rules.map((rule) => ({ groups: (rule.object.spec as { groups: RuleGroup[] }).groups })),
    { aliasDuplicateObjects: false },
  );
  rules.forEach((rule, i) => {
    const name = String((rule.object.metadata as { name: unknown }).name);
    const groups = (rule.object.spec as { groups: RuleGroup[] }).groups;
    files.set(`${MONITORING_DIR}/rules/${name}.yaml`, ruleFiles[i]!);
    for (const group of groups) for (const r of group.rules) expressions.push({ where: `rules/${name}.yaml ${group.name}`, expr: r.expr });
  });
  for (const model of platform.models) {
    const pool = platform.serverPools.find((p) => p.name === model.serverPool)!;
    const tests = renderSloRuleTests({ model, pool, environment }, `../rules/${sloRuleName(model.name)}.yaml`);
    files.set(`${MONITORING_DIR}/tests/${sloRuleName(model.name)}.test.yaml`, jsonYaml(tests));
  }
  files.set(`${MONITORING_DIR}/tests/${AUTOSCALING_RULE_NAME}.test.yaml`, yaml(renderAutoscalingRuleTests(environment, `../rules/${AUTOSCALING_RULE_NAME}.yaml`)));
  files.set(`${MONITORING_DIR}/alertmanager.yaml`, yaml(renderAlertmanagerConfig(monitoring, environment, MASKED_ENDPOINTS)));

  const dashboards = objects.filter((o) => o.object.kind === "ConfigMap" && (o.object.metadata as { labels?: Record<string, string> }).labels?.[DASHBOARD_LABEL] === DASHBOARD_LABEL_VALUE);
  for (const configMap of dashboards) {
    for (const [key, json] of Object.entries(configMap.object.data as Record<string, string>)) {
      files.set(`${MONITORING_DIR}/dashboards/${key}`, json);
      for (const expr of dashboardExpressions(json)) expressions.push({ where: `dashboards/${key}`, expr });
    }
  }
  const adapter = autoscalingAdapterRule();
  expressions.push({ where: "prometheus-adapter seriesQuery", expr: adapter.seriesQuery });
  expressions.push({
    where: "prometheus-adapter metricsQuery",
    expr: expandAdapterQuery(adapter, { series: adapter.seriesQuery.split("{")[0]!, labelMatchers: `namespace="${environment.namespace}", pod=~"a|b"`, groupBy: "pod" }),
  });
  files.set(`${MONITORING_DIR}/README.md`, README);

  const promqlErrors = expressions.flatMap(({ where, expr }) => promqlSyntaxErrors(expr).map((e) => `${where}: ${e} in ${expr}`));
  return { files, expressions: expressions.length, promqlErrors };
}

const README = `# Monitoring files of this plan

Generated by \`inferstack plan\`; check them with the real tools (Debian: \`apt-get install -y --no-install-recommends prometheus prometheus-alertmanager\`):

\`\`\`sh
promtool check rules rules/*.yaml     # every PrometheusRule the plan creates
promtool test rules tests/*.yaml      # each alert fires above its threshold and stays silent below
amtool check-config alertmanager.yaml # routes, receivers (secrets masked) and inhibitions
\`\`\`

\`dashboards/*.json\` are the Grafana dashboards, as the sidecar loads them.
`;

/** The "Monitoring" section of `summary.md`: where to look, what is watched and where alerts go. */
export function monitoringSummary(platform: ResolvedPlatform): SummarySection | undefined {
  const { monitoring, environment } = platform;
  if (monitoring === undefined) return undefined;
  const rows = platform.models.map((m) => [`\`${m.name}\``, `\`${m.serverPool}\``, `${m.slo.latencyMs} ms`, `${promNumber(m.slo.errorRatio * 100)}%`, `\`${sloRuleName(m.name)}\``]);
  const routes = SEVERITIES.map((severity) => {
    const takers = receiversFor(monitoring, severity).map((r) => r.kind);
    return `- ${severity}: ${takers.length === 0 ? "dropped (no receiver)" : takers.join(", ")}`;
  });
  const body = [
    `Namespace \`${monitoring.namespace}\`: Prometheus ×${monitoring.prometheus.replicas} (${monitoring.prometheus.retentionDays} d, ${monitoring.prometheus.retentionSizeGiB} of ${monitoring.prometheus.volumeSizeGiB} GiB), Alertmanager ×${monitoring.alertmanager.replicas}, Grafana at \`${serviceUrl(KUBE_PROMETHEUS_STACK_SERVICES.grafana, monitoring.namespace)}\`.`,
    "",
    rows.length === 0 ? "No models are deployed in this environment." : table(["Model", "Server pool", "Latency objective", "Error objective", "Rule"], rows),
    "",
    `Alerts of \`${environment.stack}\` go to:`,
    ...routes,
    "",
    `Check the files under \`${MONITORING_DIR}/\` with promtool and amtool (see \`${MONITORING_DIR}/README.md\`).`,
  ].join("\n");
  return { title: "Monitoring", body };
}
