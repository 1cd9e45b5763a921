import { Fn } from "aws-cdk-lib";
import * as eks from "aws-cdk-lib/aws-eks-v2";
import { Construct } from "constructs";
import { ADDON_CONFLICT_RESOLUTION, addonConfiguration, type AddonSpec } from "../../components/compute/render";
import { SERVICE_ACCOUNT_SUBJECT_PREFIX } from "../../components/identity/scopes";
import { irsaTrustPolicyTemplate, IRSA_TRUST_VARIABLES } from "../render";
import { RenderedRole } from "./role";

/** The cluster's IAM OIDC provider, for IRSA trust policies. */
export interface OidcProviderRef {
  readonly arn: string;
  /** The issuer without its scheme, as IAM condition keys spell it. */
  readonly issuerHostPath: string;
}

/** The trust policy of a role that only one Kubernetes service account may assume (IRSA). */
export function irsaTrust(subject: string, provider: OidcProviderRef): string {
  return Fn.sub(irsaTrustPolicyTemplate(subject), { [IRSA_TRUST_VARIABLES.providerArn]: provider.arn, [IRSA_TRUST_VARIABLES.issuerHostPath]: provider.issuerHostPath });
}

/** Properties of {@link EksAddons}. */
export interface EksAddonsProps {
  readonly cluster: eks.ICluster;
  /** Name of the cluster as resolved (role descriptions). */
  readonly clusterName: string;
  /** The add-ons to install (from `renderAddons()`), in order. */
  readonly addons: readonly AddonSpec[];
  readonly oidcProvider: OidcProviderRef;
  /**
   * Extra `configurationValues` per add-on name, merged over the add-on's own, as the Pulumi
   * `EksAddons` takes them (e.g. the Corefile the discovery area renders for `coredns`).
   * @default none
   */
  readonly extraConfiguration?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * EKS managed add-ons (L1: the L2 `Addon` takes neither a service account role nor a conflict
 * policy), each with an IRSA role when it calls AWS (VPC CNI, EBS CSI driver). Versions are EKS's
 * default for the pinned Kubernetes version, as in the Pulumi engine.
 */
export class EksAddons extends Construct {
  /** Add-on resources by add-on name. */
  readonly addons: Readonly<Record<string, eks.CfnAddon>>;
  /** IRSA roles by add-on name, for add-ons that call AWS. */
  readonly roles: Readonly<Record<string, RenderedRole>>;

  constructor(scope: Construct, id: string, props: EksAddonsProps) {
    super(scope, id);
    const addons: Record<string, eks.CfnAddon> = {};
    const roles: Record<string, RenderedRole> = {};
    for (const addon of props.addons) {
      let serviceAccountRoleArn: string | undefined;
      if (addon.serviceAccount) {
        const subject = `${SERVICE_ACCOUNT_SUBJECT_PREFIX}${addon.serviceAccount.namespace}:${addon.serviceAccount.name}`;
        const role = new RenderedRole(this, `${addonId(addon.addonName)}Role`, {
          trust: irsaTrust(subject, props.oidcProvider),
          description: `IRSA role of the ${addon.addonName} add-on (${subject}) of EKS cluster ${props.clusterName}`,
          managedPolicyArns: addon.serviceAccount.managedPolicies,
        });
        roles[addon.addonName] = role;
        serviceAccountRoleArn = role.roleArn;
      }
      const configurationValues = addonConfiguration(addon.configurationValues, props.extraConfiguration?.[addon.addonName]);
      addons[addon.addonName] = new eks.CfnAddon(this, addonId(addon.addonName), {
        clusterName: props.cluster.clusterName,
        addonName: addon.addonName,
        resolveConflicts: ADDON_CONFLICT_RESOLUTION,
        ...(configurationValues === undefined ? {} : { configurationValues }),
        ...(serviceAccountRoleArn === undefined ? {} : { serviceAccountRoleArn }),
      });
    }
    this.addons = addons;
    this.roles = roles;
  }
}

/** `aws-ebs-csi-driver` → `AwsEbsCsiDriver`. */
function addonId(name: string): string {
  return name
    .split("-")
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}
