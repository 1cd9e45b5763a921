import { AWS } from "../lib/aws";
import { levels, resourcePolicy } from "../lib/policy";

/** KMS-02: a key policy change can never lock the account out of its own key. */
export const kmsKeyForbidLockoutBypass = resourcePolicy({
  name: "inferstack-aws-kms-key-forbid-lockout-bypass",
  description: "No KMS key skips the policy lockout safety check.",
  severity: "critical",
  rules: ["KMS-02"],
  sources: ["pulumi-cp disallow-bypass-policy-lockout-safety-check"],
  enforcement: levels("M/M/M"),
  resourceTypes: [AWS.kmsKey],
  remediation: "Remove bypassPolicyLockoutSafetyCheck (it defaults to false).",
  validate(resource, report) {
    if (resource.props.bypassPolicyLockoutSafetyCheck === true) {
      report("skips the policy lockout safety check; got bypassPolicyLockoutSafetyCheck true. Remove it: a wrong key policy would make the key unmanageable.");
    }
  },
});
