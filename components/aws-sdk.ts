/**
 * The parts of `@pulumi/aws` inferstack uses, each from its own module. The package's index requires
 * the index of each of its 300-odd namespaces when it loads (0.1 s of every command's start on the
 * bench machine); the namespaces below cost a tenth of that. Components import AWS from here, as
 * `aws.ec2.Vpc`; a namespace not listed here is added here.
 */
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as ec2 from "@pulumi/aws/ec2";
export * as ecr from "@pulumi/aws/ecr";
export * as eks from "@pulumi/aws/eks";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as s3 from "@pulumi/aws/s3";
export * as vpc from "@pulumi/aws/vpc";
export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { Provider } from "@pulumi/aws/provider";
export type { Region } from "@pulumi/aws";
