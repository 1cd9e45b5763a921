import { arr, obj, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, eachContainer, templateOf } from "../lib/workloads";

/** K-SEC-08: pods share no namespace with the node and bind no node port. */
export const workloadForbidHostNamespaces = resourcePolicy({
  name: "inferstack-kubernetes-workload-forbid-host-namespaces",
  description: "No pod uses the host's network, process or IPC namespace or binds a host port.",
  severity: "high",
  rules: ["K-SEC-08"],
  sources: ["PSS hostNamespaces", "PSS hostPorts", "kube-linter host-network", "kube-linter host-pid", "kube-linter host-ipc", "Polaris hostNetworkSet", "CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19", "CKV_K8S_26"],
  enforcement: levels("M/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: "Remove hostNetwork, hostPID, hostIPC and hostPort; expose the pod through a Service.",
  validate(resource, report) {
    const template = templateOf(resource);
    if (!template) return;
    const shared = ["hostNetwork", "hostPID", "hostIPC"].filter((field) => template.spec[field] === true);
    if (shared.length > 0) report(`shares the node's namespaces; got ${shared.map((f) => `${f} true`).join(", ")}. Remove them.`);
    eachContainer(resource, (container) => {
      const ports = arr(container.body.ports).map(obj).filter((p) => p.hostPort !== undefined).map((p) => String(p.hostPort));
      if (ports.length > 0) report(`${containerLabel(container)} binds host ports; got hostPort ${ports.join(", ")}. Remove hostPort and use a Service.`);
    });
  },
});
