import { K8S, namespaceOf, objectName, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, ofType, shown, stackPolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

/** K-SEC-11: each workload has a ServiceAccount of its own (the subject of its IRSA identity), created by the stack. */
export const workloadRequireDedicatedServiceAccount = stackPolicy({
  name: "inferstack-kubernetes-workload-require-dedicated-service-account",
  description: "Every workload runs under its own ServiceAccount, created in the same stack and namespace, never the default one.",
  severity: "high",
  rules: ["K-SEC-11"],
  sources: ["CKV_K8S_41", "kube-linter default-service-account", "kube-linter non-existent-service-account", "CIS EKS 4.1.5"],
  enforcement: levels("M/M/M"),
  resourceTypes: [...WORKLOAD_TYPES, K8S.serviceAccount],
  remediation: "Create a ServiceAccount per workload (server pools use <pool>-server) and set serviceAccountName to it.",
  validate(resources, report, runtime) {
    const workloads = ofType(resources, ...WORKLOAD_TYPES);
    if (workloads.length === 0) runtime.notApplicable("no workload in the stack");
    const accounts = ofType(resources, K8S.serviceAccount);
    const users = new Map<string, string[]>();
    for (const workload of workloads) {
      const name = templateOf(workload)?.spec.serviceAccountName;
      if (typeof name !== "string" || name === "default") {
        report(workload, `runs under the namespace's default ServiceAccount; got serviceAccountName ${shown(name, "unset")}. Create a ServiceAccount for it and name it here.`);
        continue;
      }
      const key = `${namespaceOf(workload)}/${name}`;
      users.set(key, [...(users.get(key) ?? []), workload.name]);
      if (!accounts.some((a) => objectName(a) === name && namespaceOf(a) === namespaceOf(workload))) {
        report(workload, `names a ServiceAccount the stack does not create; got serviceAccountName "${name}" in namespace ${namespaceOf(workload)}. Create it in the same stack.`);
      }
    }
    for (const [key, names] of [...users].filter(([, n]) => n.length > 1)) {
      for (const name of names) {
        const workload = workloads.find((w) => w.name === name)!;
        report(workload, `shares ServiceAccount ${key} with ${names.filter((n) => n !== name).join(", ")}; got one account for ${names.length} workloads. Give each workload its own, so each identity grants only what it needs.`);
      }
    }
  },
});
