import * as aws from "../aws-sdk";
import * as pulumi from "@pulumi/pulumi";
import { foundationKey } from "../identity/kms-key";
import { type KeyContext } from "../identity/kms";
import { type ResolvedModelStoreBucket } from "../resolve/foundation-types";
import { TOKENS } from "../tokens";
import {
  ACCESS_LOG_PREFIX,
  BUCKET_SETTINGS,
  logBucketTags,
  PUBLIC_ACCESS_BLOCK,
  renderLogBucketLifecycle,
  renderLogBucketPolicy,
  renderModelStoreLifecycle,
  renderModelStorePolicy,
  type BucketLifecycleRule,
} from "./render";

/** Arguments of {@link ModelStore}. */
export interface ModelStoreArgs {
  /** The resolved bucket: name, log bucket, lifecycle days. */
  readonly store: ResolvedModelStoreBucket;
  readonly context: KeyContext;
  readonly kmsDeletionWindowDays: number;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The S3 bucket laid out as a Triton/TF Serving model repository (`<prefix>/<version>/...`), hardened
 * per RULES §3.2: versioning, default SSE-KMS with a bucket key, all four public access blocks,
 * BucketOwnerEnforced, a TLS-only policy, lifecycle for noncurrent versions and incomplete uploads,
 * and (where the environment asks) server access logs into a separate bucket with the same protections.
 */
export class ModelStore extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  /** The bucket key: readers need kms:Decrypt on it. */
  readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: ModelStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.modelStore, name, {}, opts);
    const { store, tags } = args;
    const key = foundationKey(`${name}-key`, { purpose: "model-store", context: args.context, deletionWindowInDays: args.kmsDeletionWindowDays, tags }, { parent: this });

    const { bucket } = this.hardenedBucket(`${name}-bucket`, store.bucket, key, renderModelStorePolicy(store.bucket), renderModelStoreLifecycle(store), tags);
    if (store.logBucket !== undefined) {
      const logBucket = this.hardenedBucket(
        `${name}-log-bucket`,
        store.logBucket,
        key,
        renderLogBucketPolicy(store.logBucket, store.bucket, args.context.accountId),
        renderLogBucketLifecycle(store),
        { ...tags, ...logBucketTags(store) },
      );
      // Delivery starts once the log bucket's policy admits the logging service.
      new aws.s3.BucketLogging(
        `${name}-access-logging`,
        { bucket: bucket.id, targetBucket: logBucket.bucket.id, targetPrefix: ACCESS_LOG_PREFIX },
        { parent: this, dependsOn: [logBucket.policy] },
      );
    }

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.keyArn = key.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, keyArn: this.keyArn });
  }

  /** A bucket with its protections, each a resource of its own (`@pulumi/aws` v7 style). */
  private hardenedBucket(
    name: string,
    bucketName: string,
    key: aws.kms.Key,
    policy: object,
    lifecycle: readonly BucketLifecycleRule[],
    tags: Readonly<Record<string, string>>,
  ): { bucket: aws.s3.Bucket; policy: aws.s3.BucketPolicy } {
    const parent = { parent: this };
    const bucket = new aws.s3.Bucket(name, { bucket: bucketName, forceDestroy: false, tags }, parent);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access-block`, { bucket: bucket.id, ...PUBLIC_ACCESS_BLOCK }, parent);
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: BUCKET_SETTINGS.objectOwnership } }, parent);
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: BUCKET_SETTINGS.versioningStatus } }, parent);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: BUCKET_SETTINGS.sseAlgorithm, kmsMasterKeyId: key.arn }, bucketKeyEnabled: BUCKET_SETTINGS.bucketKeyEnabled }],
      },
      parent,
    );
    // The public access block goes first: a policy naming a service principal is checked against it.
    const bucketPolicy = new aws.s3.BucketPolicy(`${name}-policy`, { bucket: bucket.id, policy: JSON.stringify(policy) }, { parent: this, dependsOn: [publicAccess] });
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      { bucket: bucket.id, rules: lifecycle.map((rule) => ({ ...rule })) },
      { parent: this, dependsOn: [versioning] },
    );
    return { bucket, policy: bucketPolicy };
  }
}
