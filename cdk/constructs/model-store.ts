import { RemovalPolicy, Tags } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { type KeyContext } from "../../components/identity/kms";
import { type PolicyDocument } from "../../components/identity/scopes";
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
} from "../../components/modelstore/render";
import { type ResolvedModelStoreBucket } from "../../components/resolve/foundation-types";
import { cfnLifecycleRule } from "../render";
import { FoundationKey } from "./keys";

/** Properties of {@link ModelStore}. */
export interface ModelStoreProps {
  /** The resolved bucket: name, log bucket, lifecycle days. */
  readonly store: ResolvedModelStoreBucket;
  readonly context: KeyContext;
  readonly kmsDeletionWindowDays: number;
}

/** A bucket with its protections and its policy. */
export interface HardenedBucket {
  readonly bucket: s3.CfnBucket;
  readonly policy: s3.CfnBucketPolicy;
}

/**
 * The model store bucket and (where resolved) its access log bucket, with the protections the Pulumi
 * `ModelStore` gives them (RULES §3.2): versioning, default SSE-KMS with a bucket key, all four public
 * access blocks, BucketOwnerEnforced, the rendered TLS-only policy and lifecycle, and server access
 * logs into the log bucket. L1 buckets: the L2 `s3.Bucket` writes its own policy statements (TLS,
 * log delivery), and the policies must be the rendered ones.
 */
export class ModelStore extends Construct {
  readonly bucket: HardenedBucket;
  readonly logBucket?: HardenedBucket;
  readonly key: FoundationKey;

  constructor(scope: Construct, id: string, props: ModelStoreProps) {
    super(scope, id);
    const { store } = props;
    this.key = new FoundationKey(this, "Key", { purpose: "model-store", context: props.context, deletionWindowDays: props.kmsDeletionWindowDays });
    if (store.logBucket !== undefined) {
      this.logBucket = this.hardenedBucket(
        "LogBucket",
        store.logBucket,
        renderLogBucketPolicy(store.logBucket, store.bucket, props.context.accountId),
        renderLogBucketLifecycle(store),
        logBucketTags(store),
      );
    }
    this.bucket = this.hardenedBucket("Bucket", store.bucket, renderModelStorePolicy(store.bucket), renderModelStoreLifecycle(store), {}, this.logBucket);
  }

  private hardenedBucket(
    id: string,
    bucketName: string,
    policy: PolicyDocument,
    lifecycle: readonly BucketLifecycleRule[],
    tags: Readonly<Record<string, string>>,
    logsTo?: HardenedBucket,
  ): HardenedBucket {
    const bucket = new s3.CfnBucket(this, id, {
      bucketName,
      versioningConfiguration: { status: BUCKET_SETTINGS.versioningStatus },
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          { serverSideEncryptionByDefault: { sseAlgorithm: BUCKET_SETTINGS.sseAlgorithm, kmsMasterKeyId: this.key.keyArn }, bucketKeyEnabled: BUCKET_SETTINGS.bucketKeyEnabled },
        ],
      },
      publicAccessBlockConfiguration: { ...PUBLIC_ACCESS_BLOCK },
      ownershipControls: { rules: [{ objectOwnership: BUCKET_SETTINGS.objectOwnership }] },
      lifecycleConfiguration: { rules: lifecycle.map(cfnLifecycleRule) },
      ...(logsTo === undefined ? {} : { loggingConfiguration: { destinationBucketName: logsTo.bucket.ref, logFilePrefix: ACCESS_LOG_PREFIX } }),
    });
    // Models and logs outlive the stack, as Pulumi's `forceDestroy: false` refuses to empty a bucket.
    bucket.applyRemovalPolicy(RemovalPolicy.RETAIN);
    for (const [key, value] of Object.entries(tags)) Tags.of(bucket).add(key, value);
    // Delivery starts once the log bucket's policy admits the logging service.
    if (logsTo !== undefined) bucket.addResourceDependency(logsTo.policy);
    // The policy names the bucket as the rendered document does, by name (cdk-nag's TLS rules match
    // the bucket in the statements' resources by that name); the dependency orders it after the bucket.
    const bucketPolicy = new s3.CfnBucketPolicy(this, `${id}Policy`, { bucket: bucketName, policyDocument: policy });
    bucketPolicy.addResourceDependency(bucket);
    bucketPolicy.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return { bucket, policy: bucketPolicy };
  }
}
