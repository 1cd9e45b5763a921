/**
 * Pure translations of the shared renderers' output into CloudFormation's shapes, for the CDK
 * constructs. The values come from the renderers of `components/` (one source for both engines);
 * only the spelling changes here: tag records become key/value lists, Pulumi's string booleans become
 * booleans, S3 lifecycle rules take CloudFormation's flat form. No `aws-cdk-lib` import: the
 * functions are unit-tested on exact output.
 */
import { type renderLaunchTemplate } from "../components/compute/render";
import { renderIrsaTrustPolicy } from "../components/identity/scopes";
import { type BucketLifecycleRule } from "../components/modelstore/render";

/** One CloudFormation tag. */
export interface CfnTag {
  readonly key: string;
  readonly value: string;
}

/** A tag record as CloudFormation's tag list, sorted by key so templates are stable. */
export function cfnTags(tags: Readonly<Record<string, string>>): CfnTag[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key]! }));
}

/** The launch template data (`AWS::EC2::LaunchTemplate.LaunchTemplateData`) of a rendered launch template. */
export function cfnLaunchTemplateData(rendered: ReturnType<typeof renderLaunchTemplate>) {
  return {
    metadataOptions: { ...rendered.metadataOptions },
    blockDeviceMappings: rendered.blockDeviceMappings.map((mapping) => ({
      deviceName: mapping.deviceName,
      ebs: {
        volumeSize: mapping.ebs.volumeSize,
        volumeType: mapping.ebs.volumeType,
        encrypted: mapping.ebs.encrypted === "true",
        deleteOnTermination: mapping.ebs.deleteOnTermination === "true",
      },
    })),
    monitoring: { enabled: rendered.monitoring.enabled },
    tagSpecifications: rendered.tagSpecifications.map((spec) => ({ resourceType: spec.resourceType, tags: cfnTags(spec.tags) })),
  };
}

/** One rule of `AWS::S3::Bucket.LifecycleConfiguration`. */
export interface CfnLifecycleRule {
  readonly id: string;
  readonly status: "Enabled";
  readonly expirationInDays?: number;
  readonly expiredObjectDeleteMarker?: boolean;
  readonly noncurrentVersionExpiration?: { readonly noncurrentDays: number };
  readonly abortIncompleteMultipartUpload?: { readonly daysAfterInitiation: number };
}

/**
 * A rendered bucket lifecycle rule in CloudFormation's form. The rendered rules filter on nothing
 * (`filter: {}`: the whole bucket), which CloudFormation spells by leaving the filter out.
 */
export function cfnLifecycleRule(rule: BucketLifecycleRule): CfnLifecycleRule {
  return {
    id: rule.id,
    status: rule.status,
    ...(rule.expiration?.days === undefined ? {} : { expirationInDays: rule.expiration.days }),
    ...(rule.expiration?.expiredObjectDeleteMarker === undefined ? {} : { expiredObjectDeleteMarker: rule.expiration.expiredObjectDeleteMarker }),
    ...(rule.noncurrentVersionExpiration === undefined ? {} : { noncurrentVersionExpiration: { noncurrentDays: rule.noncurrentVersionExpiration.noncurrentDays } }),
    ...(rule.abortIncompleteMultipartUpload === undefined
      ? {}
      : { abortIncompleteMultipartUpload: { daysAfterInitiation: rule.abortIncompleteMultipartUpload.daysAfterInitiation } }),
  };
}

/** Variables of {@link irsaTrustPolicyTemplate}, filled in by `Fn::Sub` when the stack deploys. */
export const IRSA_TRUST_VARIABLES = Object.freeze({ providerArn: "OidcProviderArn", issuerHostPath: "OidcIssuerHostPath" });

/**
 * The IRSA trust policy of `components/identity/scopes.ts` as `Fn::Sub` text. Its condition keys
 * contain the cluster's issuer (`<issuer>:sub`), which exists only once the cluster does, and
 * CloudFormation resolves no intrinsic function inside an object key. IAM policy properties also take
 * the document as JSON text, so the whole document is rendered once with `${...}` variables that
 * `Fn::Sub` fills in at deploy time. This avoids the custom-resource Lambda (`CfnJson`) the CDK
 * otherwise uses for such keys. The pattern is in use in published templates (Karpenter's
 * CloudFormation reference; localstack/localstack#13735 replays it against AWS; linters accept it:
 * aws-cloudformation/cfn-lint#398, bridgecrewio/checkov#2778). Not deployed from this repository.
 */
export function irsaTrustPolicyTemplate(subject: string): string {
  const policy = renderIrsaTrustPolicy(subject, `\${${IRSA_TRUST_VARIABLES.providerArn}}`, `https://\${${IRSA_TRUST_VARIABLES.issuerHostPath}}`);
  return JSON.stringify(policy);
}

/**
 * A construct id from free text (`arn:aws:iam::777788889999:role/platform-admin` → `RolePlatformAdmin`):
 * the IAM resource path after the account, in PascalCase letters and digits. Ids are part of logical
 * ids, so they derive from what they name, never from a position in a list.
 */
export function constructIdOf(text: string): string {
  const [, resource = text] = /:(?:role|user)\/(.*)$/.exec(text) ?? [];
  const kind = /:user\//.test(text) ? "user" : /:role\//.test(text) ? "role" : "";
  return [kind, ...resource.split(/[^A-Za-z0-9]+/)]
    .filter((part) => part !== "")
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}
