import { Tags } from "aws-cdk-lib";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { renderModelReaderPolicy } from "../../components/identity/scopes";
import { AWS_TAGS } from "../../components/labels";
import { type ResolvedWorkloadIdentity } from "../../components/resolve/foundation-types";
import { irsaTrust, type OidcProviderRef } from "./addons";
import { RenderedRole } from "./role";

/** Properties of {@link ModelStoreReaders}. */
export interface ModelStoreReadersProps {
  /** One identity per server pool (subject and readable prefixes). */
  readonly identities: readonly ResolvedWorkloadIdentity[];
  readonly oidcProvider: OidcProviderRef;
  /** The model store bucket and its key (readers decrypt through S3 only). */
  readonly store: { readonly bucket: string; readonly keyArn: string; readonly region: string };
}

/** One server pool's reader: the role and its read policy. */
export interface ModelReader {
  readonly role: RenderedRole;
  readonly policy: iam.CfnManagedPolicy;
}

/**
 * One IAM role per server pool, as the Pulumi `ModelStoreReaders` creates them: assumable only by the
 * pool's ServiceAccount through IRSA (audience sts.amazonaws.com; RULES EKS-06) and allowed only to
 * read its own models' prefixes and decrypt with the bucket key through S3 (S3-09). The policy is the
 * rendered one, attached as a customer-managed policy (see `RenderedRole`).
 */
export class ModelStoreReaders extends Construct {
  /** Readers by server pool name. */
  readonly readers: Readonly<Record<string, ModelReader>>;

  constructor(scope: Construct, id: string, props: ModelStoreReadersProps) {
    super(scope, id);
    const readers: Record<string, ModelReader> = {};
    for (const identity of props.identities) {
      const role = new RenderedRole(this, identity.serverPool, {
        trust: irsaTrust(identity.subject, props.oidcProvider),
        description: `Reads the models of server pool ${identity.serverPool} (${identity.subject})`,
      });
      Tags.of(role.resource).add(AWS_TAGS.serverPool, identity.serverPool);
      const policy = role.attachPolicy("Read", `Reads the models of server pool ${identity.serverPool} from the model store`, renderModelReaderPolicy(identity, props.store));
      readers[identity.serverPool] = { role, policy };
    }
    this.readers = readers;
  }
}
