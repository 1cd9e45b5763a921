/**
 * cdk-nag's two EKS rules for `aws-eks-v2` clusters. cdk-nag 3.0.2 ships AwsSolutions-EKS1 (no public
 * API endpoint) and AwsSolutions-EKS2 (all five control-plane log types), but they test for the
 * `aws-eks` module's `CfnCluster` class, and `aws-eks-v2` has a class of its own for the same
 * `AWS::EKS::Cluster` type, so neither rule ever fires on this app's cluster. This pack applies the
 * same two checks to that class, with the same rule numbers.
 */
import { type CfnResource, Stack } from "aws-cdk-lib";
import * as eks from "aws-cdk-lib/aws-eks-v2";
import { NagMessageLevel, NagPack, NagRuleCompliance, NagRules, type NagPackProps, type NagRuleResult } from "cdk-nag";
import { type IConstruct } from "constructs";
import { CLUSTER_LOG_TYPES } from "../components/spec/foundation";

/** AwsSolutions-EKS1 for `aws-eks-v2`: the Kubernetes API has no public endpoint. */
export function eksEndpointNotPublic(node: CfnResource): NagRuleResult {
  if (!(node instanceof eks.CfnCluster)) return NagRuleCompliance.NOT_APPLICABLE;
  // L1 properties resolve in their CDK (camelCase) spelling.
  const config = Stack.of(node).resolve(node.resourcesVpcConfig) as { endpointPublicAccess?: unknown } | undefined;
  const publicAccess = NagRules.resolveIfPrimitive(node, config?.endpointPublicAccess);
  return publicAccess === false ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

/** AwsSolutions-EKS2 for `aws-eks-v2`: every control-plane log type goes to CloudWatch Logs; one finding per missing type. */
export function eksControlPlaneLogs(node: CfnResource): NagRuleResult {
  if (!(node instanceof eks.CfnCluster)) return NagRuleCompliance.NOT_APPLICABLE;
  const logging = Stack.of(node).resolve(node.logging) as { clusterLogging?: { enabledTypes?: { type?: unknown }[] } } | undefined;
  const enabled = (logging?.clusterLogging?.enabledTypes ?? []).map((t) => NagRules.resolveIfPrimitive(node, t.type) as unknown);
  const missing = CLUSTER_LOG_TYPES.filter((type) => !enabled.includes(type));
  return missing.length === 0 ? NagRuleCompliance.COMPLIANT : missing.map((type) => `LogExport::${type}`);
}

/** The pack: rule ids `InferstackEks-EKS1` and `InferstackEks-EKS2[LogExport::<type>]`. */
export class EksV2Checks extends NagPack {
  override readonly name = "InferstackEks";

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = "InferstackEks";
  }

  protected checkResource(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: "EKS1",
      info: "The EKS cluster's Kubernetes API server endpoint has public access enabled (AwsSolutions-EKS1).",
      explanation: "A public endpoint exposes the API server to the internet; keep it private and reach it from inside the VPC.",
      level: NagMessageLevel.ERROR,
      rule: eksEndpointNotPublic,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: "EKS2",
      info: "The EKS cluster does not publish all five control plane log types (AwsSolutions-EKS2).",
      explanation: "Control plane logs (api, audit, authenticator, controllerManager, scheduler) are the audit and diagnostic record of the cluster.",
      level: NagMessageLevel.ERROR,
      rule: eksControlPlaneLogs,
      node,
    });
  }
}
