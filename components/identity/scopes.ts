/**
 * IAM policy documents of the workload identities (IRSA): who may assume a server pool's role and
 * what it may read. Pure renderers of resolved data; ARNs that only exist after deployment (OIDC
 * provider, KMS key) are arguments, so both engines pass their own references.
 *
 * Why IRSA and not EKS Pod Identity: Pod Identity needs aws-sdk-cpp 1.11.263 or newer and Triton's
 * S3 client is built with 1.11.60 (FACTS §1.4, §6.5), so Triton could not read the model store with
 * it. IRSA costs one IAM OIDC provider per cluster and binds each role's trust policy to that
 * cluster's issuer: a new cluster means new trust policies, whereas Pod Identity roles are portable.
 */
import { type ResolvedWorkloadIdentity } from "../resolve/foundation-types";

/** Prefix of a Kubernetes service account's subject in its projected token. */
export const SERVICE_ACCOUNT_SUBJECT_PREFIX = "system:serviceaccount:";

/** Audience of IRSA tokens and client id of the cluster's OIDC provider. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Record<string, unknown>[];
}

/** The issuer URL without its scheme, as IAM condition keys spell it (`oidc.eks.<region>.amazonaws.com/id/<id>`). */
export function issuerHostPath(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, "");
}

/**
 * Trust policy of a role for one Kubernetes service account through IRSA: the cluster's OIDC provider
 * may assume it only for tokens whose audience is STS and whose subject is exactly `subject`.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 */
export function renderIrsaTrustPolicy(subject: string, oidcProviderArn: string, issuerUrl: string): PolicyDocument {
  const issuer = issuerHostPath(issuerUrl);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AssumeFromServiceAccount",
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${issuer}:aud`]: STS_AUDIENCE, [`${issuer}:sub`]: subject } },
      },
    ],
  };
}

/** What a model reader needs to know about the model store it reads. */
export interface ModelStoreKey {
  /** The bucket the foundation created (encrypted with `keyArn`). */
  readonly bucket: string;
  /** ARN of the bucket's KMS key. */
  readonly keyArn: string;
  /** Region of the bucket: S3 decrypts through KMS there. */
  readonly region: string;
}

/**
 * Read-only access of one server pool: `s3:GetObject` under each of its models' prefixes,
 * `s3:ListBucket` limited to those prefixes, and `kms:Decrypt` with the model store's key only when
 * called by S3. `StringLikeIfExists` lets HeadBucket through (Triton calls it at startup and it carries
 * no prefix); a listing without a prefix would show key names, never contents.
 * @see FACTS §6.5 (minimal S3 read policy for model servers)
 */
export function renderModelReaderPolicy(identity: ResolvedWorkloadIdentity, store: ModelStoreKey): PolicyDocument {
  const statements: Record<string, unknown>[] = [];
  for (const { bucket, prefixes } of identity.reads) {
    const id = statementId(bucket);
    statements.push({
      Sid: `ReadModels${id}`,
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: prefixes.map((prefix) => `arn:aws:s3:::${bucket}/${prefix}/*`),
    });
    statements.push({
      Sid: `ListModels${id}`,
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: `arn:aws:s3:::${bucket}`,
      Condition: { StringLikeIfExists: { "s3:prefix": prefixes.flatMap((prefix) => [prefix, `${prefix}/*`]) } },
    });
  }
  if (identity.reads.some((r) => r.bucket === store.bucket)) {
    statements.push({
      Sid: "DecryptModelStore",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: store.keyArn,
      Condition: { StringEquals: { "kms:ViaService": `s3.${store.region}.amazonaws.com` } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** A statement id fragment from a bucket name (Sids allow letters and digits only). */
function statementId(bucket: string): string {
  return bucket
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}
