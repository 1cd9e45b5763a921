import { GPU_TAINT } from "../../components/compute/scheduling";
import { arr, K8S, podGpus, toleratesGpuTaint } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

/** K-REL-17: GPU nodes are kept for pods that use GPUs. */
export const deploymentForbidGpuTolerationWithoutGpu = resourcePolicy({
  name: "inferstack-kubernetes-deployment-forbid-gpu-toleration-without-gpu",
  description: "Deployments whose pods request no GPU do not tolerate the GPU taint.",
  severity: "medium",
  rules: ["K-REL-17"],
  sources: ["inferstack scheduling contract"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.deployment],
  remediation: `Remove the ${GPU_TAINT.key} toleration from pods that request no nvidia.com/gpu.`,
  validate(resource, report) {
    const template = templateOf(resource);
    if (!template || podGpus(template) > 0) return;
    if (arr(template.spec.tolerations).some(toleratesGpuTaint)) {
      report(`may take a GPU node without using its GPU; got a toleration for ${GPU_TAINT.key} on pods that request no GPU. Remove the toleration.`);
    }
  },
});
