import { fromAllowedRegistry, parseImage } from "../lib/images";
import { WORKLOAD_TYPES } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";
import { containerLabel, eachContainer } from "../lib/workloads";

/** ECR-07: workloads pull only from the project's ECR or an allow-listed repository. */
export const workloadRequireApprovedRegistry = resourcePolicy({
  name: "inferstack-kubernetes-workload-require-approved-registry",
  description: "Containers pull images only from the environment's ECR registry or an allow-listed repository.",
  severity: "high",
  rules: ["ECR-07"],
  sources: ["CIS EKS 5.1.4"],
  enforcement: levels("A/M/M"),
  resourceTypes: WORKLOAD_TYPES,
  usesContext: true,
  remediation: "Mirror the image into the environment's ECR registry, or add its repository to inferstack:environment.policy.allowedImageRegistries.",
  validate(resource, report, runtime) {
    const allowed = runtime.context().allowedImageRegistries;
    eachContainer(resource, (container) => {
      const image = parseImage(String(container.body.image ?? ""));
      if (!fromAllowedRegistry(image, allowed)) {
        report(`${containerLabel(container)} pulls from an unapproved registry; got ${image.repository}. Mirror it into ECR or allow it: ${allowed.join(", ")}.`);
      }
    });
  },
});
