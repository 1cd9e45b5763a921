import * as aws from "../aws-sdk";
import * as pulumi from "@pulumi/pulumi";
import { roleNamePrefix } from "../identity/names";
import { renderIrsaTrustPolicy, SERVICE_ACCOUNT_SUBJECT_PREFIX } from "../identity/scopes";
import { TOKENS } from "../tokens";
import { policyName } from "./cluster";
import { ADDON_CONFLICT_RESOLUTION, addonConfiguration, type AddonSpec } from "./render";

/** Arguments of {@link EksAddons}. */
export interface EksAddonsArgs {
  readonly clusterName: pulumi.Input<string>;
  /** Name of the cluster as resolved (prefix of the IAM role names). */
  readonly clusterNameText: string;
  /** The add-ons to install (from `renderAddons()`), in order. */
  readonly addons: readonly AddonSpec[];
  /** For the IRSA roles of add-ons that call AWS. */
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly issuerUrl: pulumi.Input<string>;
  /**
   * Extra `configurationValues` per add-on name, merged over the add-on's own (e.g. `coredns` gets the
   * Corefile with the Consul forwarding block that the discovery area renders).
   * @default none
   */
  readonly extraConfiguration?: Readonly<Record<string, pulumi.Input<Record<string, unknown>>>>;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * EKS managed add-ons, each with an IRSA role when it calls AWS (VPC CNI, EBS CSI driver). Versions
 * are EKS's default for the cluster's pinned Kubernetes version; conflicts with fields edited by hand
 * are overwritten, so the stack stays the source of truth.
 */
export class EksAddons extends pulumi.ComponentResource {
  /** Add-on resources by add-on name. */
  readonly addons: Readonly<Record<string, aws.eks.Addon>>;
  /** Ids of every add-on: inputs built from it make their resource wait for the add-ons. */
  readonly ready: pulumi.Output<string[]>;

  constructor(name: string, args: EksAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.eksAddons, name, {}, opts);
    const parent = { parent: this };
    const addons: Record<string, aws.eks.Addon> = {};
    for (const addon of args.addons) {
      let serviceAccountRoleArn: pulumi.Output<string> | undefined;
      if (addon.serviceAccount) {
        const subject = `${SERVICE_ACCOUNT_SUBJECT_PREFIX}${addon.serviceAccount.namespace}:${addon.serviceAccount.name}`;
        const role = new aws.iam.Role(
          `${name}-${addon.addonName}-role`,
          {
            namePrefix: roleNamePrefix(args.clusterNameText, addon.addonName),
            description: `IRSA role of the ${addon.addonName} add-on (${subject})`,
            assumeRolePolicy: pulumi
              .all([args.oidcProviderArn, args.issuerUrl])
              .apply(([providerArn, issuer]) => JSON.stringify(renderIrsaTrustPolicy(subject, providerArn, issuer))),
            tags: args.tags,
          },
          parent,
        );
        const attachments = addon.serviceAccount.managedPolicies.map(
          (policyArn) => new aws.iam.RolePolicyAttachment(`${name}-${addon.addonName}-role-${policyName(policyArn)}`, { role: role.name, policyArn }, parent),
        );
        serviceAccountRoleArn = pulumi.all([role.arn, pulumi.all(attachments.map((a) => a.id))]).apply(([arn]) => arn);
      }
      const extra = args.extraConfiguration?.[addon.addonName];
      const configurationValues =
        extra === undefined ? addonConfiguration(addon.configurationValues, undefined) : pulumi.output(extra).apply((values) => addonConfiguration(addon.configurationValues, values));
      addons[addon.addonName] = new aws.eks.Addon(
        `${name}-${addon.addonName}`,
        {
          clusterName: args.clusterName,
          addonName: addon.addonName,
          resolveConflictsOnCreate: ADDON_CONFLICT_RESOLUTION,
          resolveConflictsOnUpdate: ADDON_CONFLICT_RESOLUTION,
          ...(configurationValues === undefined ? {} : { configurationValues }),
          ...(serviceAccountRoleArn === undefined ? {} : { serviceAccountRoleArn }),
          tags: args.tags,
        },
        parent,
      );
    }
    this.addons = addons;
    this.ready = pulumi.all(Object.values(addons).map((a) => a.id));
    this.registerOutputs({ addons: Object.keys(addons) });
  }
}
