import { isDigestPinned, parseImage } from "../lib/images";
import { WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, eachContainer } from "../lib/workloads";

/** K-SEC-13: the exact bytes that were tested run in prod (a tag can move in registries without immutable tags). */
export const workloadRequireImageDigest = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-image-digest",
  description: "Every container image is pinned by its sha256 digest.",
  severity: "medium",
  rules: ["K-SEC-13", "MLREL-13"],
  sources: ["CKV_K8S_43"],
  enforcement: levels("A/A/M"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: "Append the image's digest: <repository>:<tag>@sha256:<digest> (from `crane digest` or the ECR console).",
  validate(resource, report) {
    eachContainer(resource, (container) => {
      const text = String(container.body.image ?? "");
      if (!isDigestPinned(parseImage(text))) report(`${containerLabel(container)} runs an image by tag only; got ${JSON.stringify(text)}. Append @sha256:<digest>.`);
    });
  },
});
