import { describeValue } from "../../components/spec/problems";
import { AWS } from "../lib/aws";
import { levels, resourcePolicy } from "../lib/policy";

/**
 * Kubernetes versions in EKS standard support on 2026-11-28, when this list was checked: 1.34 (until
 * 2026-12-02) and 1.35 (until 2027-03-27) per endoflife.date/amazon-eks; 1.36, the current example
 * version of the EKS user guide (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).
 * Standard support lasts 14 months from the EKS release. Update this list as versions age out.
 */
export const SUPPORTED_EKS_VERSIONS: readonly string[] = ["1.34", "1.35", "1.36"];

/** EKS-05: the cluster runs a pinned version in standard support, not extended (paid, ending) support. */
export const eksClusterRequireSupportedVersion = resourcePolicy({
  name: "inferstack-aws-eks-cluster-require-supported-version",
  description: "Every EKS cluster pins a Kubernetes version that is in EKS standard support.",
  severity: "medium",
  rules: ["EKS-05"],
  sources: ["SecHub EKS.2"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.eksCluster],
  remediation: `Set version to one of ${SUPPORTED_EKS_VERSIONS.join(", ")} and upgrade before its standard support ends.`,
  validate(resource, report) {
    const version = resource.props.version;
    if (typeof version !== "string" || !SUPPORTED_EKS_VERSIONS.includes(version)) {
      report(`runs ${version === undefined ? "an unpinned version" : "a version outside EKS standard support"}; got ${version === undefined ? "no version" : `version ${describeValue(version)}`}. Pin one of ${SUPPORTED_EKS_VERSIONS.join(", ")}.`);
    }
  },
});
