import { CLUSTER_SCOPED_KINDS } from "../../cli/plan/mocks";
import { isKubernetesObject, K8S, labelsOf, namespaceOf, objectName } from "../lib/kubernetes";
import { levels, ofType, shown, stackPolicy } from "../lib/policy";

const MODES = ["enforce", "warn", "audit"];

/** K-SEC-17: the model namespace enforces the restricted Pod Security Standard; nothing lands in `default`. */
export const namespaceRequireRestrictedPodSecurity = stackPolicy({
  name: "inferstack-kubernetes-namespace-require-restricted-pod-security",
  description: "The serving namespace is created by the stack and enforces, warns and audits the restricted Pod Security Standard, and no object lives in the default namespace.",
  severity: "high",
  rules: ["K-SEC-17"],
  sources: ["CIS EKS 4.5.2", "CKV_K8S_21", "kube-linter use-namespace", "Pod Security Admission"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.namespace, "kubernetes:*"],
  usesContext: true,
  remediation: 'Label the namespace pod-security.kubernetes.io/enforce, /warn and /audit: "restricted"; set inferstack:environment.namespace to a name other than default.',
  validate(resources, report, runtime) {
    const context = runtime.context();
    const namespace = ofType(resources, K8S.namespace).find((n) => objectName(n) === context.namespace);
    if (context.namespace === "default") {
      report(namespace, 'serves models from the default namespace; got namespace "default". Set inferstack:environment.namespace to a namespace of their own.');
    }
    const objects = resources.filter((r) => isKubernetesObject(r) && !CLUSTER_SCOPED_KINDS.has(String(r.props.kind)));
    if (!namespace) {
      if (objects.length === 0) runtime.notApplicable("no Kubernetes object in the stack");
      report(undefined, `does not create the serving namespace ${context.namespace}; got no Namespace of that name. Create it so its Pod Security labels are part of the stack.`);
    } else {
      const labels = labelsOf(namespace.props);
      const loose = MODES.filter((mode) => labels[`pod-security.kubernetes.io/${mode}`] !== "restricted");
      if (loose.length > 0) {
        report(namespace, `does not ${loose.join(", ")} the restricted Pod Security Standard; got ${loose.map((m) => `pod-security.kubernetes.io/${m} ${shown(labels[`pod-security.kubernetes.io/${m}`], "unset")}`).join(", ")}. Set each to "restricted".`);
      }
    }
    for (const object of objects.filter((o) => namespaceOf(o) === "default" && context.namespace !== "default")) {
      report(object, `lives in the default namespace; got namespace "default". Put it in ${context.namespace} or an area namespace.`);
    }
  },
});
