/** S3 buckets and the separate resources that configure them (`@pulumi/aws` v7 style). */
import type { PolicyResource } from "@pulumi/policy";
import { AWS, referring } from "./aws";
import { ofType, type PolicyRuntime } from "./policy";

/** Every bucket of the stack (`aws.s3.Bucket`; v7 deprecates the `BucketV2` alias); not applicable when none. */
export function bucketsOf(resources: readonly PolicyResource[], runtime: PolicyRuntime): readonly PolicyResource[] {
  const buckets = ofType(resources, AWS.bucket);
  if (buckets.length === 0) runtime.notApplicable("no S3 bucket in the stack");
  return buckets;
}

/** The resources of `type` that configure `bucket` (through their `bucket` input). */
export function configuring(resources: readonly PolicyResource[], type: string, bucket: PolicyResource): PolicyResource[] {
  return referring(ofType(resources, type), "bucket", bucket);
}
