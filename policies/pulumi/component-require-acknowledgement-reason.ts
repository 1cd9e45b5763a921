import { hasReason, missingReasonMessage } from "../../components/spec/policy";
import { arr, obj } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** Component input that carries acknowledgements (see policies/README.md). */
export const ACKNOWLEDGEMENTS_INPUT = "policyAcknowledgements";

/** Acknowledgements are reviewed decisions: one without a written reason is refused. */
export const componentRequireAcknowledgementReason = resourcePolicy({
  name: "inferstack-pulumi-component-require-acknowledgement-reason",
  description: "Every policy acknowledgement a component carries states its reason.",
  severity: "high",
  rules: ["OWN acknowledgements"],
  sources: ["cdk-nag acknowledgements with reasons"],
  enforcement: levels("M/M/M"),
  resourceTypes: ["inferstack:*"],
  remediation: `Give each entry of the component's ${ACKNOWLEDGEMENTS_INPUT} a reason: why the finding is accepted and who accepted it.`,
  validate(resource, report) {
    for (const ack of arr(resource.props[ACKNOWLEDGEMENTS_INPUT]).map(obj)) {
      if (!hasReason(ack.reason)) report(missingReasonMessage(String(ack.policy), resource.name, ack.reason));
    }
  },
});
