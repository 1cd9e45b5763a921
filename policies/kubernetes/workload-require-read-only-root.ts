import { at, WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";
import { containerLabel, eachContainer } from "../lib/workloads";

/** K-SEC-07: the image cannot be modified at run time; scratch space is an emptyDir. */
export const workloadRequireReadOnlyRoot = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-read-only-root",
  description: "Every container mounts its root filesystem read-only.",
  severity: "medium",
  rules: ["K-SEC-07"],
  sources: ["kube-linter no-read-only-root-fs", "kube-score container-security-context-readonlyrootfilesystem", "Polaris notReadOnlyRootFilesystem", "CKV_K8S_22", "pulumi-cp enable-read-only-root-filesystem"],
  enforcement: levels("A/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes for /tmp and the model cache.",
  validate(resource, report) {
    eachContainer(resource, (container) => {
      const value = at(container.body, "securityContext.readOnlyRootFilesystem");
      if (value !== true) report(`${containerLabel(container)} can write to its image; got readOnlyRootFilesystem ${shown(value, "unset")}. Set it to true and mount emptyDir volumes where it writes.`);
    });
  },
});
