/**
 * Names of the buckets inferstack creates. Pure and computed in resolve, so that a model's
 * `artifact.location` is known before any resource exists.
 */
import { FOUNDATION_DEFAULTS } from "../resolve/foundation-defaults";

/**
 * The model store bucket of a created foundation: `inferstack-models-<account>-<stack>`. The account
 * id makes it globally unique across teams; the stack keeps environments of one account apart.
 */
export function modelStoreBucketName(accountId: string, stack: string): string {
  return `${FOUNDATION_DEFAULTS.modelStore.bucketPrefix}-${accountId}-${stack.toLowerCase()}`;
}

/** The bucket that receives a model store's server access logs: the bucket's name plus `-logs`. */
export function accessLogBucketName(bucket: string): string {
  return `${bucket}${FOUNDATION_DEFAULTS.modelStore.logBucketSuffix}`;
}
