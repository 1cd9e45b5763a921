import { GPU_RESOURCE } from "../../components/compute/scheduling";
import { describeValue } from "../../components/spec/problems";
import { WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";
import { containerLabel, eachContainer, resourcesOf } from "../lib/workloads";

/** K-REL-01: the scheduler knows what each pod needs, memory is never overcommitted, GPUs are whole and exclusive. */
export const workloadRequireResources = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-resources",
  description: "Every container requests CPU and memory, limits memory to its request, and limits GPUs to what it requests.",
  severity: "medium",
  rules: ["K-REL-01"],
  sources: ["kube-linter unset-cpu-requirements", "kube-linter unset-memory-requirements", "kube-score container-resources", "Polaris cpuRequestsMissing", "Polaris memoryLimitsMissing", "CKV_K8S_10", "CKV_K8S_11", "CKV_K8S_12", "CKV_K8S_13"],
  enforcement: levels("A/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: `Set resources.requests.cpu and .memory, resources.limits.memory equal to the request, and resources.limits["${GPU_RESOURCE}"] on GPU containers.`,
  validate(resource, report) {
    eachContainer(resource, (container) => {
      const { requests, limits } = resourcesOf(container);
      const label = containerLabel(container);
      const missing = ["cpu", "memory"].filter((r) => requests[r] === undefined);
      if (missing.length > 0) report(`${label} requests no ${missing.join(" or ")}; got requests ${shown(requests, "unset")}. Set requests.cpu and requests.memory.`);
      if (requests.memory !== undefined && limits.memory !== requests.memory) report(`${label} can use more memory than it requests; got limits.memory ${shown(limits.memory, "unset")} for requests.memory ${describeValue(requests.memory)}. Set the limit equal to the request.`);
      if (requests[GPU_RESOURCE] !== undefined && String(limits[GPU_RESOURCE]) !== String(requests[GPU_RESOURCE])) {
        report(`${label} requests ${GPU_RESOURCE} without the same limit; got ${limits[GPU_RESOURCE] === undefined ? "no limit" : `limit ${describeValue(limits[GPU_RESOURCE])}`} for request ${describeValue(requests[GPU_RESOURCE])}. Set limits["${GPU_RESOURCE}"] to the request (extended resources are granted by their limit).`);
      }
    });
  },
});
