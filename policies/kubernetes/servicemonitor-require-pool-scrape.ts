import { LABELS } from "../../components/labels";
import { arr, at, K8S, labelsOf, namespaceOf, objectName, obj } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";
import { firstByKey } from "../lib/resource-index";
import { SelectorIndex } from "../lib/selectors";

/** OBS-05: every server pool's metrics are scraped once per pod, through its `<pool>-metrics` Service. */
export const servicemonitorRequirePoolScrape = stackPolicy({
  name: "inferstack-kubernetes-servicemonitor-require-pool-scrape",
  description: "Where observability is on, every server pool has a <pool>-metrics Service and a ServiceMonitor scraping its metrics port.",
  severity: "medium",
  rules: ["OBS-05"],
  sources: ["AWS Well-Architected ML Lens MLOE-14", "inferstack per-pool metrics Service contract"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.serviceMonitor, K8S.service],
  usesContext: true,
  remediation: 'Create a ServiceMonitor per pool selecting the "<pool>-metrics" Service, endpoint port "metrics" and the runtime\'s metrics path.',
  validate(resources, report, runtime) {
    const context = runtime.context();
    if (!context.areas.observability) runtime.notApplicable(`observability is off in ${context.stack}`);
    const monitors = ofType(resources, K8S.serviceMonitor);
    if (monitors.length === 0 && ofType(resources, K8S.prometheusRule).length === 0) runtime.notApplicable("the stack has no monitoring objects yet");
    const services = firstByKey(ofType(resources, K8S.service), (s) => (namespaceOf(s) === context.namespace ? objectName(s) : undefined));
    const scrapers = new SelectorIndex(
      monitors.filter((m) => arr(at(m.props, "spec.endpoints")).some((e) => obj(e).port === "metrics")),
      (m) => at(m.props, "spec.selector"),
    );
    for (const pool of context.serverPools) {
      const service = services.get(`${pool.name}-metrics`);
      if (!service) {
        report(undefined, `server pool ${pool.name} exposes no metrics; got no Service "${pool.name}-metrics" in namespace ${context.namespace}. Create it with a port named "metrics".`);
        continue;
      }
      const scraping = scrapers.selecting(labelsOf(service.props));
      if (scraping.length === 0) {
        report(service, `is scraped by no ServiceMonitor; got none selecting ${LABELS.serverPool}=${pool.name} on port "metrics". Add one.`);
      }
    }
  },
});
