import { GPU_TAINT } from "../../components/compute/scheduling";
import { arr, K8S, podGpus, toleratesGpuTaint } from "../lib/kubernetes";
import { count, levels, resourcePolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

/** K-REL-17: pods that ask for GPUs can be scheduled onto the tainted GPU nodes. */
export const deploymentRequireGpuToleration = resourcePolicy({
  name: "inferstack-kubernetes-deployment-require-gpu-toleration",
  description: "Deployments whose pods request GPUs tolerate the nvidia.com/gpu=true:NoSchedule taint of GPU nodes.",
  severity: "high",
  rules: ["K-REL-17"],
  sources: ["inferstack scheduling contract", "NVIDIA k8s-device-plugin taint convention"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.deployment],
  remediation: `Add tolerations [{ key: "${GPU_TAINT.key}", operator: "Equal", value: "${GPU_TAINT.value}", effect: "${GPU_TAINT.effect}" }].`,
  validate(resource, report) {
    const template = templateOf(resource);
    if (!template || podGpus(template) === 0) return;
    if (!arr(template.spec.tolerations).some(toleratesGpuTaint)) {
      report(`requests ${count(podGpus(template), "GPU")} per pod but cannot be scheduled on GPU nodes; got no toleration for ${GPU_TAINT.key}=${GPU_TAINT.value}:${GPU_TAINT.effect}. Add the GPU toleration.`);
    }
  },
});
