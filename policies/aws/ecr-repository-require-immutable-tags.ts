import { AWS } from "../lib/aws";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** ECR-01: a tag that a Deployment runs can never be pointed at a different image. */
export const ecrRepositoryRequireImmutableTags = resourcePolicy({
  name: "inferstack-aws-ecr-repository-require-immutable-tags",
  description: "Every ECR repository makes image tags immutable.",
  severity: "high",
  rules: ["ECR-01"],
  sources: ["CT.ECR.PR.3", "pulumi-cp disallow-mutable-image"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.ecrRepository],
  remediation: 'Set imageTagMutability: "IMMUTABLE" on the aws.ecr.Repository.',
  validate(resource, report) {
    if (resource.props.imageTagMutability !== "IMMUTABLE") {
      report(`lets a pushed tag be overwritten; got imageTagMutability ${shown(resource.props.imageTagMutability, "MUTABLE (the default)")}. Set it to "IMMUTABLE".`);
    }
  },
});
