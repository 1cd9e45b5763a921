import type { PolicyResource } from "@pulumi/policy";
import { arr, at, K8S, labelsOf, namespaceOf, obj, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";
import { SelectorIndex } from "../lib/selectors";
import { templateOf } from "../lib/workloads";

/** A NetworkPolicy that selects every pod of its namespace and allows no ingress. */
function isDefaultDeny(policy: PolicyResource): boolean {
  const podSelector = obj(at(policy.props, "spec.podSelector"));
  const empty = Object.keys(obj(podSelector.matchLabels)).length === 0 && arr(podSelector.matchExpressions).length === 0;
  return empty && arr(at(policy.props, "spec.policyTypes")).includes("Ingress") && arr(at(policy.props, "spec.ingress")).length === 0;
}

/**
 * K-SEC-16: traffic to pods is denied unless allowed (the gateway, Prometheus scraping, Consul), so a
 * compromised pod cannot reach model servers it has no business with.
 */
export const namespaceRequireDefaultDeny = stackPolicy({
  name: "inferstack-kubernetes-namespace-require-default-deny",
  description: "Every namespace with workloads has a default-deny ingress NetworkPolicy, and every workload's pods are reachable through an explicit allow.",
  severity: "high",
  rules: ["K-SEC-16"],
  sources: ["kube-score pod-networkpolicy", "Polaris missingNetworkPolicy", "kube-linter non-isolated-pod", "CKV2_K8S_6", "CIS EKS 4.3.2"],
  enforcement: levels("A/M/M"),
  resourceTypes: [...WORKLOAD_TYPES, K8S.networkPolicy],
  remediation:
    "Add a NetworkPolicy with podSelector {} and policyTypes [Ingress] per namespace, plus policies allowing the gateway, Prometheus (metrics port) and Consul to the pods that need them.",
  validate(resources, report, runtime) {
    const workloads = ofType(resources, ...WORKLOAD_TYPES);
    if (workloads.length === 0) runtime.notApplicable("no workload in the stack");
    const policies = ofType(resources, K8S.networkPolicy);
    for (const namespace of [...new Set(workloads.map(namespaceOf))].sort()) {
      if (!policies.some((p) => namespaceOf(p) === namespace && isDefaultDeny(p))) {
        report(undefined, `namespace ${namespace} accepts traffic from any pod; got no default-deny NetworkPolicy there. Add one with podSelector {} and policyTypes [Ingress].`);
      }
    }
    const ingress = new SelectorIndex(
      policies.filter((p) => arr(at(p.props, "spec.ingress")).length > 0),
      (p) => at(p.props, "spec.podSelector"),
      namespaceOf,
    );
    for (const workload of workloads) {
      const labels = labelsOf(templateOf(workload) ?? {});
      const allows = ingress.selecting(labels, namespaceOf(workload));
      const hasPorts = (templateOf(workload)?.spec.containers as unknown[] | undefined)?.some((c) => arr(obj(c).ports).length > 0) ?? false;
      if (hasPorts && allows.length === 0) {
        report(workload, "serves ports that no NetworkPolicy allows; got no ingress rule selecting its pods. Add a NetworkPolicy allowing its clients, Prometheus and Consul.");
      }
    }
  },
});
