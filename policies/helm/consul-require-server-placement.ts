import { NODE_POOL_LABEL, SYSTEM_NODE_POOL } from "../../components/compute/scheduling";
import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** The chart takes these settings as YAML text or objects: read both as text. */
const text = (value: unknown) => (value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value));

/** CON-05: servers sit on separate system nodes across zones, and a drain never takes two at once. */
export const consulRequireServerPlacement = resourcePolicy({
  name: "inferstack-kubernetes-consul-require-server-placement",
  description: "Consul servers keep the chart's hostname anti-affinity and disruption budget, spread over zones and run on the system node pool.",
  severity: "medium",
  rules: ["CON-05"],
  sources: ["consul-k8s chart defaults", "Consul reference architecture"],
  enforcement: levels("A/A/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: `Keep server.affinity and server.disruptionBudget at the chart defaults, add server.topologySpreadConstraints on topology.kubernetes.io/zone and server.nodeSelector ${NODE_POOL_LABEL}: ${SYSTEM_NODE_POOL}.`,
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.consul)) return;
    const affinity = valueAt(resource, "server.affinity");
    if (affinity !== undefined && !(text(affinity).includes("requiredDuringSchedulingIgnoredDuringExecution") && text(affinity).includes("kubernetes.io/hostname"))) {
      report("lets two servers share a node; got a server.affinity without the required hostname anti-affinity. Keep the chart's default affinity.");
    }
    if (!text(valueAt(resource, "server.topologySpreadConstraints")).includes("topology.kubernetes.io/zone")) {
      report("may place every server in one zone; got no server.topologySpreadConstraints on topology.kubernetes.io/zone. Add one with maxSkew 1.");
    }
    if (valueAt(resource, "server.disruptionBudget.enabled") === false) {
      report("lets a drain evict several servers at once; got server.disruptionBudget.enabled false. Keep the chart's disruption budget.");
    }
    const selector = text(valueAt(resource, "server.nodeSelector"));
    if (!(selector.includes(NODE_POOL_LABEL) && selector.includes(SYSTEM_NODE_POOL))) {
      report(`may schedule servers onto GPU or serving nodes; got server.nodeSelector ${selector === "" ? "unset" : JSON.stringify(selector)}. Select ${NODE_POOL_LABEL}: ${SYSTEM_NODE_POOL}.`);
    }
  },
});
