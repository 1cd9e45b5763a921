import { AWS, wildcardMatches } from "../lib/aws";
import { arr, at, obj } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** ECR-02: every image pushed is scanned, per repository or by a registry-wide rule. */
export const ecrRepositoryRequireScanOnPush = stackPolicy({
  name: "inferstack-aws-ecr-repository-require-scan-on-push",
  description: "Every ECR repository scans images on push, itself or through a registry scanning rule that covers it.",
  severity: "high",
  rules: ["ECR-02"],
  sources: ["CT.ECR.PR.2", "CIS EKS 5.1.1", "pulumi-cp enable-image-scan"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.ecrRepository, AWS.ecrRegistryScanning],
  remediation:
    'Add an aws.ecr.RegistryScanningConfiguration with a rule { scanFrequency: "SCAN_ON_PUSH" or "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] } (repository-level scanOnPush is being deprecated).',
  validate(resources, report, runtime) {
    const repositories = ofType(resources, AWS.ecrRepository);
    if (repositories.length === 0) runtime.notApplicable("no ECR repository in the stack");
    const filters = ofType(resources, AWS.ecrRegistryScanning)
      .flatMap((c) => arr(c.props.rules))
      .map(obj)
      .filter((rule) => rule.scanFrequency === "SCAN_ON_PUSH" || rule.scanFrequency === "CONTINUOUS_SCAN")
      .flatMap((rule) => arr(rule.repositoryFilters).map((f) => String(obj(f).filter)));
    for (const repository of repositories) {
      const name = typeof repository.props.name === "string" ? repository.props.name : undefined;
      const coveredByRegistry = filters.some((f) => f === "*" || (name !== undefined && wildcardMatches(f, name)));
      if (at(repository.props, "imageScanningConfiguration.scanOnPush") !== true && !coveredByRegistry) {
        report(repository, "pushes images without scanning them; got no scanOnPush and no registry scanning rule covering it. Add a registry scanning rule (SCAN_ON_PUSH) whose filter matches the repository.");
      }
    }
  },
});
