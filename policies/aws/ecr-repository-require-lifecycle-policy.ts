import { AWS, referring } from "../lib/aws";
import { arr, at, obj } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/**
 * ECR-03: old images expire, but never one a live Deployment may still run: rules that select tagged
 * images must count images (keep the newest N), not age them out.
 */
export const ecrRepositoryRequireLifecyclePolicy = stackPolicy({
  name: "inferstack-aws-ecr-repository-require-lifecycle-policy",
  description: "Every ECR repository has a lifecycle policy that never expires tagged images by age.",
  severity: "medium",
  rules: ["ECR-03"],
  sources: ["CT.ECR.PR.1"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.ecrRepository, AWS.ecrLifecyclePolicy],
  remediation:
    'Add an aws.ecr.LifecyclePolicy that expires "untagged" images by age and keeps tagged ones by count (countType "imageCountMoreThan").',
  validate(resources, report, runtime) {
    const repositories = ofType(resources, AWS.ecrRepository);
    if (repositories.length === 0) runtime.notApplicable("no ECR repository in the stack");
    for (const repository of repositories) {
      const policies = referring(ofType(resources, AWS.ecrLifecyclePolicy), "repository", repository);
      if (policies.length === 0) {
        report(repository, "keeps every image forever; got no aws.ecr.LifecyclePolicy. Add one that expires untagged images and keeps the newest tagged ones.");
        continue;
      }
      for (const policy of policies) {
        let document: unknown = policy.props.policy;
        if (typeof document === "string") {
          try {
            document = JSON.parse(document);
          } catch {
            report(policy, "has a lifecycle policy that is not JSON; got unparsable text. Write the policy with JSON.stringify.");
            continue;
          }
        }
        for (const rule of arr(obj(document).rules).map(obj)) {
          const status = at(rule, "selection.tagStatus");
          if ((status === "tagged" || status === "any") && at(rule, "selection.countType") === "sinceImagePushed") {
            report(policy, `rule ${String(rule.rulePriority)} expires ${String(status)} images by age; got countType "sinceImagePushed". Expire tagged images by count ("imageCountMoreThan") so an image a Deployment still runs is kept.`);
          }
        }
      }
    }
  },
});
