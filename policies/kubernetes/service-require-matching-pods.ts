import { at, K8S, labelsOf, namespaceOf, obj, selects, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";
import { LabelledIndex } from "../lib/selectors";
import { templateOf } from "../lib/workloads";

/** K-REL-16: every Service reaches pods, and every Deployment owns the pods it creates. */
export const serviceRequireMatchingPods = stackPolicy({
  name: "inferstack-kubernetes-service-require-matching-pods",
  description: "Every Service selects the pods of a workload in its namespace, and every Deployment's selector matches its own pod labels.",
  severity: "high",
  rules: ["K-REL-16"],
  sources: ["kube-linter mismatching-selector", "kube-linter dangling-service", "kube-score service-targets-pod"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.service, ...WORKLOAD_TYPES],
  remediation: "Make the selector a subset of the pod template's labels (the standard labels plus inferstack.io/server-pool).",
  validate(resources, report, runtime) {
    const services = ofType(resources, K8S.service);
    const workloads = ofType(resources, ...WORKLOAD_TYPES);
    if (services.length === 0 && workloads.length === 0) runtime.notApplicable("no Service or workload in the stack");
    for (const workload of ofType(resources, K8S.deployment)) {
      const selector = at(workload.props, "spec.selector");
      if (!selects(selector, labelsOf(templateOf(workload) ?? {}))) {
        report(workload, `selects pods it does not create; got selector ${JSON.stringify(obj(selector).matchLabels ?? selector)}. Use labels of its pod template.`);
      }
    }
    const pods = new LabelledIndex(workloads, namespaceOf, (w) => labelsOf(templateOf(w) ?? {}));
    for (const service of services) {
      const selector = obj(at(service.props, "spec.selector"));
      if (Object.keys(selector).length === 0) continue;
      const targets = pods.selectedBy(namespaceOf(service), selector);
      if (targets.length === 0) {
        report(service, `routes to no pods; got selector ${JSON.stringify(selector)} matching no workload in namespace ${namespaceOf(service)}. Select the labels of the pods it serves.`);
      }
    }
  },
});
