import { isDigestPinned, parseImage } from "../lib/images";
import { WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";
import { containerLabel, eachContainer } from "../lib/workloads";

/**
 * K-SEC-14: a cached image is never stale. `Always` conflicts with multi-GB serving images and fast
 * scale-out, so a digest-pinned image with `IfNotPresent` is accepted: the digest is the check.
 */
export const workloadRequirePullPolicy = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-pull-policy",
  description: "Containers pull their image on every start unless the image is pinned by digest.",
  severity: "low",
  rules: ["K-SEC-14"],
  sources: ["kube-score container-image-pull-policy", "Polaris pullPolicyNotAlways", "CKV_K8S_15"],
  enforcement: levels("A/A/A"),
  resourceTypes: WORKLOAD_TYPES,
  remediation: 'Pin the image by digest (then "IfNotPresent" is safe), or set imagePullPolicy: "Always".',
  validate(resource, report) {
    eachContainer(resource, (container) => {
      const policy = container.body.imagePullPolicy;
      if (policy !== "Always" && !isDigestPinned(parseImage(String(container.body.image ?? "")))) {
        report(`${containerLabel(container)} may start from a stale cached image; got imagePullPolicy ${shown(policy, "unset")} with a tag-only image. Pin the digest or pull "Always".`);
      }
    });
  },
});
