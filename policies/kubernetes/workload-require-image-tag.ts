import { parseImage } from "../lib/images";
import { WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, eachContainer } from "../lib/workloads";

/** K-SEC-12: every image is a reviewed version, never `latest` or whatever the registry serves today. */
export const workloadRequireImageTag = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-image-tag",
  description: "Every container image names an explicit tag or digest other than latest.",
  severity: "high",
  rules: ["K-SEC-12"],
  sources: ["kube-linter latest-tag", "kube-score container-image-tag", "Polaris tagNotSpecified", "CKV_K8S_14"],
  enforcement: levels("M/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: "Reference the image by a version tag (and digest), e.g. the pinned runtime images of components/registry/images.ts.",
  validate(resource, report) {
    eachContainer(resource, (container) => {
      const text = typeof container.body.image === "string" ? container.body.image : "";
      const image = parseImage(text);
      if (text === "" || (image.tag === undefined && image.digest === undefined) || image.tag === "latest") {
        report(`${containerLabel(container)} runs an unpinned image; got ${JSON.stringify(text)}. Use a version tag or a digest.`);
      }
    });
  },
});
