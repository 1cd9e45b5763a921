import * as aws from "../aws-sdk";
import type * as pulumi from "@pulumi/pulumi";
import { AWS_TAGS } from "../labels";
import { KEY_SETTINGS, keyDescription, renderKeyPolicy, type KeyContext, type KeyPurpose } from "./kms";

/** Settings every foundation key shares. */
export interface FoundationKeyArgs {
  readonly purpose: KeyPurpose;
  readonly context: KeyContext;
  /** Days a scheduled deletion can still be cancelled (tier default, RULES KMS-03). */
  readonly deletionWindowInDays: number;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A customer-managed symmetric KMS key with yearly rotation and its purpose's key policy. A helper,
 * not a component: the key is a child of whichever component uses it (`opts.parent`).
 */
export function foundationKey(name: string, args: FoundationKeyArgs, opts: pulumi.CustomResourceOptions): aws.kms.Key {
  return new aws.kms.Key(
    name,
    {
      description: keyDescription(args.purpose),
      enableKeyRotation: KEY_SETTINGS.enableKeyRotation,
      rotationPeriodInDays: KEY_SETTINGS.rotationPeriodInDays,
      deletionWindowInDays: args.deletionWindowInDays,
      bypassPolicyLockoutSafetyCheck: KEY_SETTINGS.bypassPolicyLockoutSafetyCheck,
      policy: JSON.stringify(renderKeyPolicy(args.purpose, args.context)),
      tags: { ...args.tags, [AWS_TAGS.keyPurpose]: args.purpose },
    },
    opts,
  );
}
