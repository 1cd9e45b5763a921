import { AWS } from "../lib/aws";
import { levels, resourcePolicy } from "../lib/policy";

/** Days KMS waits before deleting a key when the stack's setting is absent (the AWS default and maximum). */
const DEFAULT_WINDOW_DAYS = 30;

/** KMS-03: a scheduled key deletion leaves time to notice and cancel it (the longest window in prod). */
export const kmsKeyRequireDeletionWindow = resourcePolicy({
  name: "inferstack-aws-kms-key-require-deletion-window",
  description: "KMS keys wait at least 7 days before deletion, and the full 30 days in prod.",
  severity: "medium",
  rules: ["KMS-03"],
  sources: ["CT.KMS.PR.3"],
  enforcement: levels("A/A/M"),
  resourceTypes: [AWS.kmsKey],
  remediation: "Set deletionWindowInDays to 30 (or leave it unset: 30 is the default).",
  validate(resource, report, runtime) {
    const days = typeof resource.props.deletionWindowInDays === "number" ? resource.props.deletionWindowInDays : DEFAULT_WINDOW_DAYS;
    const minimum = runtime.tier === "prod" ? 30 : 7;
    if (days < minimum) {
      report(`could be deleted ${days} days after scheduling; got deletionWindowInDays ${days}. Use at least ${minimum} in ${runtime.tier} so a mistaken deletion can be cancelled.`);
    }
  },
});
