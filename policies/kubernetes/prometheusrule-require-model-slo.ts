import { LABELS } from "../../components/labels";
import { arr, at, K8S, labelsOf, objectName, obj } from "../lib/kubernetes";
import { levels, ofType, shown, stackPolicy } from "../lib/policy";

/** OBS-05 and inferstack's SLO rule: every model has its `<model>-slo` PrometheusRule with at least one alert. */
export const prometheusruleRequireModelSlo = stackPolicy({
  name: "inferstack-kubernetes-prometheusrule-require-model-slo",
  description: "Where observability is on, every model has a PrometheusRule named <model>-slo, labelled for the model, with at least one alert.",
  severity: "high",
  rules: ["OBS-05", "OWN every model has an SLO alert"],
  sources: ["AWS Well-Architected ML Lens MLOE-14", "MLOE-15", "MLPER-15"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.prometheusRule, K8S.serviceMonitor],
  usesContext: true,
  remediation: 'Create a PrometheusRule "<model>-slo" with labels standardLabels({ component: "slo-rules", model }) and alerts on latency, errors and readiness from the model\'s slo.',
  validate(resources, report, runtime) {
    const context = runtime.context();
    if (!context.areas.observability) runtime.notApplicable(`observability is off in ${context.stack}`);
    if (ofType(resources, K8S.prometheusRule, K8S.serviceMonitor).length === 0) {
      runtime.notApplicable("the stack has no monitoring objects yet");
    }
    const rules = ofType(resources, K8S.prometheusRule);
    for (const model of context.models) {
      const rule = rules.find((r) => objectName(r) === `${model.name}-slo`);
      if (!rule) {
        report(undefined, `model ${model.name} has no SLO alerts; got no PrometheusRule "${model.name}-slo". Create it from the model's slo.`);
        continue;
      }
      const labels = labelsOf(rule.props);
      if (labels[LABELS.component] !== "slo-rules" || labels[LABELS.model] !== model.name) {
        report(rule, `is not labelled as model ${model.name}'s SLO rules; got ${LABELS.component} ${shown(labels[LABELS.component], "unset")} and ${LABELS.model} ${shown(labels[LABELS.model], "unset")}. Use standardLabels with component "slo-rules" and the model.`);
      }
      const alerts = arr(at(rule.props, "spec.groups")).flatMap((g) => arr(obj(g).rules)).filter((r) => typeof obj(r).alert === "string");
      if (alerts.length === 0) report(rule, `alerts on nothing; got no alerting rule in its groups. Add alerts for the model's latency and error SLOs.`);
    }
  },
});
