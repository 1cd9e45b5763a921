import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { KEY_DESCRIPTIONS, renderKeyPolicy, type KeyContext, type KeyPurpose } from "./kms";

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
      description: `inferstack: ${KEY_DESCRIPTIONS[args.purpose]}`,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: args.deletionWindowInDays,
      bypassPolicyLockoutSafetyCheck: false,
      policy: JSON.stringify(renderKeyPolicy(args.purpose, args.context)),
      tags: { ...args.tags, "inferstack.io/key-purpose": args.purpose },
    },
    opts,
  );
}
