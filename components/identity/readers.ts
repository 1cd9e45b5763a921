import * as aws from "../aws-sdk";
import * as pulumi from "@pulumi/pulumi";
import { AWS_TAGS } from "../labels";
import { type ResolvedWorkloadIdentity } from "../resolve/foundation-types";
import { TOKENS } from "../tokens";
import { roleNamePrefix } from "./names";
import { renderIrsaTrustPolicy, renderModelReaderPolicy } from "./scopes";

/** Arguments of {@link ModelStoreReaders}. */
export interface ModelStoreReadersArgs {
  /** One identity per server pool (subject and readable prefixes). */
  readonly identities: readonly ResolvedWorkloadIdentity[];
  /** Name of the cluster (prefix of the role names). */
  readonly clusterName: string;
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly issuerUrl: pulumi.Input<string>;
  /** The model store bucket and its key (readers decrypt through S3 only). */
  readonly store: { readonly bucket: string; readonly keyArn: pulumi.Input<string>; readonly region: string };
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One IAM role per server pool, assumable only by the pool's ServiceAccount through IRSA
 * (`system:serviceaccount:<namespace>:<pool>-server`, audience sts.amazonaws.com; RULES EKS-06), and
 * allowed only to read its own models' prefixes and decrypt with the bucket key (S3-09).
 */
export class ModelStoreReaders extends pulumi.ComponentResource {
  /** Role ARN by server pool name: the value of the pool ServiceAccount's `eks.amazonaws.com/role-arn`. */
  readonly roleArns: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: ModelStoreReadersArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.modelStoreReaders, name, {}, opts);
    const parent = { parent: this };
    const roleArns: Record<string, pulumi.Output<string>> = {};
    for (const identity of args.identities) {
      const role = new aws.iam.Role(
        `${name}-${identity.serverPool}`,
        {
          namePrefix: roleNamePrefix(args.clusterName, identity.serverPool),
          description: `Reads the models of server pool ${identity.serverPool} (${identity.subject})`,
          assumeRolePolicy: pulumi
            .all([args.oidcProviderArn, args.issuerUrl])
            .apply(([providerArn, issuer]) => JSON.stringify(renderIrsaTrustPolicy(identity.subject, providerArn, issuer))),
          tags: { ...args.tags, [AWS_TAGS.serverPool]: identity.serverPool },
        },
        parent,
      );
      const policy = new aws.iam.RolePolicy(
        `${name}-${identity.serverPool}-read`,
        {
          role: role.name,
          policy: pulumi
            .output(args.store.keyArn)
            .apply((keyArn) => JSON.stringify(renderModelReaderPolicy(identity, { bucket: args.store.bucket, keyArn, region: args.store.region }))),
        },
        parent,
      );
      // The role is usable once it may read: hand out its ARN only after the policy exists.
      roleArns[identity.serverPool] = pulumi.all([role.arn, policy.id]).apply(([arn]) => arn);
    }
    this.roleArns = roleArns;
    this.registerOutputs({ roleArns: this.roleArns });
  }
}
