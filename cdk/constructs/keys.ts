import { RemovalPolicy, Tags } from "aws-cdk-lib";
import * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import { KEY_SETTINGS, keyDescription, renderKeyPolicy, type KeyContext, type KeyPurpose } from "../../components/identity/kms";
import { AWS_TAGS } from "../../components/labels";

/** Properties of {@link FoundationKey}. */
export interface FoundationKeyProps {
  /** What the key protects; selects its key policy. */
  readonly purpose: KeyPurpose;
  readonly context: KeyContext;
  /** Days a scheduled deletion can still be cancelled (tier default, RULES KMS-03). */
  readonly deletionWindowDays: number;
}

/**
 * A customer-managed symmetric KMS key with the key policy and settings the Pulumi engine renders
 * (`components/identity/kms.ts`). An L1 key: the L2 `kms.Key` adds its own account-admin statement
 * on top of a given policy, and the policy must be exactly the rendered one.
 */
export class FoundationKey extends Construct {
  /** The key, for constructs that take an `IKey`. */
  readonly key: kms.IKey;
  readonly keyArn: string;

  constructor(scope: Construct, id: string, props: FoundationKeyProps) {
    super(scope, id);
    const resource = new kms.CfnKey(this, "Resource", {
      description: keyDescription(props.purpose),
      enableKeyRotation: KEY_SETTINGS.enableKeyRotation,
      rotationPeriodInDays: KEY_SETTINGS.rotationPeriodInDays,
      pendingWindowInDays: props.deletionWindowDays,
      bypassPolicyLockoutSafetyCheck: KEY_SETTINGS.bypassPolicyLockoutSafetyCheck,
      keyPolicy: renderKeyPolicy(props.purpose, props.context),
    });
    // A deleted stack must not schedule the deletion of keys that encrypt retained data (buckets,
    // images, logs): CloudFormation keeps them, where Pulumi would schedule deletion with the window.
    resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Tags.of(resource).add(AWS_TAGS.keyPurpose, props.purpose);
    this.keyArn = resource.attrArn;
    this.key = kms.Key.fromKeyArn(this, "Imported", resource.attrArn);
  }
}
