import { K8S, namespaceOf, objectName, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

/**
 * K-SEC-10: pods that never call the Kubernetes API carry no API token. IRSA projects its own
 * `aws-iam-token` volume, so model servers keep S3 access; confirm on a live cluster before relying on
 * it (amazon-eks-pod-identity-webhook#67; EKS Pod Identity needs the token).
 */
export const workloadForbidTokenAutomount = stackPolicy({
  name: "inferstack-kubernetes-workload-forbid-token-automount",
  description: "Pods do not mount a Kubernetes API token unless their pod spec or service account says they need one.",
  severity: "medium",
  rules: ["K-SEC-10"],
  sources: ["Polaris automountServiceAccountToken", "CKV_K8S_38", "CIS EKS 4.1.6"],
  enforcement: levels("A/A/M"),
  resourceTypes: [...WORKLOAD_TYPES, K8S.serviceAccount],
  remediation: "Set automountServiceAccountToken: false on the pod spec (or on its ServiceAccount); pods that call the API set it to true explicitly.",
  validate(resources, report, runtime) {
    const workloads = ofType(resources, ...WORKLOAD_TYPES);
    if (workloads.length === 0) runtime.notApplicable("no workload in the stack");
    const accounts = ofType(resources, K8S.serviceAccount);
    for (const workload of workloads) {
      const template = templateOf(workload);
      if (!template) continue;
      const own = template.spec.automountServiceAccountToken;
      if (own === false || own === true) continue;
      const name = typeof template.spec.serviceAccountName === "string" ? template.spec.serviceAccountName : "default";
      const account = accounts.find((a) => objectName(a) === name && namespaceOf(a) === namespaceOf(workload));
      if (account?.props.automountServiceAccountToken !== false) {
        report(workload, `mounts a Kubernetes API token it does not ask for; got automountServiceAccountToken unset on the pod and ${account ? `on ServiceAccount ${name}` : `no ServiceAccount ${name} in the stack`}. Set automountServiceAccountToken: false.`);
      }
    }
  },
});
