import { TIERS } from "../../components/spec/environment";
import { AWS_COMPUTE_CASES } from "./cases/aws-compute";
import { AWS_STORAGE_CASES } from "./cases/aws-storage";
import { HELM_CASES } from "./cases/helm";
import { KUBERNETES_RELIABILITY_CASES } from "./cases/kubernetes-reliability";
import { KUBERNETES_SECURITY_CASES } from "./cases/kubernetes-security";
import { compliantStack, registerFixtureKinds } from "./fixtures";
import { caseFindings, runOver } from "./harness";

registerFixtureKinds();

describe("the compliant fixture stack", () => {
  it.each(TIERS)("passes every policy of the pack in %s", (tier) => {
    expect(runOver(compliantStack(), tier).findings).toEqual([]);
  });

  it("gives every policy something to check, except the two that forbid a kind outright", () => {
    const idle = runOver(compliantStack(), "prod").policies.filter((p) => p.outcome === "not-applicable").map((p) => p.policy);
    expect(idle).toEqual(["inferstack-aws-iam-user-forbid-long-lived-credentials", "inferstack-kubernetes-workload-forbid-bare-pods"]);
  });
});

describe.each([
  ["AWS model store, registry, identities and keys", AWS_STORAGE_CASES],
  ["AWS cluster, nodes and network", AWS_COMPUTE_CASES],
  ["Kubernetes security", KUBERNETES_SECURITY_CASES],
  ["Kubernetes reliability and serving contracts", KUBERNETES_RELIABILITY_CASES],
  ["chart values, ECK and components", HELM_CASES],
])("%s policies", (_group, cases) => {
  it.each(cases.map((c) => [c.policy, c.breaks, c] as const))("%s reports %s", (_policy, _breaks, policyCase) => {
    expect(caseFindings(policyCase)).toEqual(policyCase.expected);
  });
});
