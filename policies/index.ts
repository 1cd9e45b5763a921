/**
 * Entry of the inferstack policy pack for the Pulumi CLI:
 *
 *   pulumi preview --stack prod --policy-pack policies --policy-pack-config out/prod/policy-pack-config.json
 *
 * Only the Pulumi CLI loads this file. Constructing a PolicyPack reads package.json, starts a gRPC
 * server and never returns, so nothing else imports it (tests run the same policies through
 * policies/runner). Without a pack config every policy runs at its prod enforcement and the
 * context-reading policies report themselves not applicable.
 */
import { PolicyPack } from "@pulumi/policy";
import { toCrossGuardPolicy } from "./lib/crossguard";
import { POLICIES } from "./pack";

new PolicyPack("inferstack", {
  description: "inferstack's guardrails for AI model serving on AWS and Kubernetes: security, reliability, budget and serving contracts.",
  policies: POLICIES.map(toCrossGuardPolicy),
});
