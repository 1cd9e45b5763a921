import { WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";
import { containerLabel, eachContainer, resourcesOf } from "../lib/workloads";

/** K-REL-02: model downloads and caches cannot fill a node's disk and evict its neighbours. */
export const workloadRequireEphemeralStorage = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-ephemeral-storage",
  description: "Every container requests and limits its ephemeral storage.",
  severity: "medium",
  rules: ["K-REL-02"],
  sources: ["kube-score container-ephemeral-storage-request-and-limit"],
  enforcement: levels("A/A/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: 'Set resources.requests["ephemeral-storage"] and resources.limits["ephemeral-storage"] to cover the model cache.',
  validate(resource, report) {
    eachContainer(resource, (container) => {
      const { requests, limits } = resourcesOf(container);
      if (requests["ephemeral-storage"] === undefined || limits["ephemeral-storage"] === undefined) {
        report(`${containerLabel(container)} has no bound on local disk; got ephemeral-storage request ${shown(requests["ephemeral-storage"], "unset")} and limit ${shown(limits["ephemeral-storage"], "unset")}. Set both.`);
      }
    });
  },
});
