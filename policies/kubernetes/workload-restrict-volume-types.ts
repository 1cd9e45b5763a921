import { arr, obj, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { templateOf } from "../lib/workloads";

/** Volume sources the Pod Security Standards' restricted profile allows. */
const ALLOWED = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

/** K-SEC-09: no hostPath or other node-level volume (device-plugin DaemonSets are acknowledged in their privileged namespace). */
export const workloadRestrictVolumeTypes = resourcePolicy({
  name: "inferstack-kubernetes-workload-restrict-volume-types",
  description: "Pods mount only the volume types the restricted Pod Security Standard allows, never hostPath.",
  severity: "high",
  rules: ["K-SEC-09"],
  sources: ["PSS hostPathVolumes", "PSS restrictedVolumes", "kube-linter sensitive-host-mounts", "kube-linter docker-sock", "Polaris hostPathSet", "CKV_K8S_27"],
  enforcement: levels("M/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: `Use one of ${ALLOWED.join(", ")}; a model cache is an emptyDir or a PVC.`,
  validate(resource, report) {
    const template = templateOf(resource);
    for (const volume of arr(template?.spec.volumes).map(obj)) {
      const kinds = Object.keys(volume).filter((k) => k !== "name" && !ALLOWED.includes(k));
      if (kinds.length > 0) report(`mounts volume "${String(volume.name)}" from the node or an unrestricted source; got ${kinds.join(", ")}. Use ${ALLOWED.join(", ")}.`);
    }
  },
});
