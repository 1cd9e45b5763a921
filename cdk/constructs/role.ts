import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { type PolicyDocument } from "../../components/identity/scopes";

/** Properties of {@link RenderedRole}. */
export interface RenderedRoleProps {
  /**
   * Trust policy: a document from the shared renderers, or (IRSA) the `Fn::Sub` token of
   * `irsaTrustPolicyTemplate`, whose condition keys exist only once the cluster does.
   */
  readonly trust: PolicyDocument | string;
  readonly description: string;
  /** AWS-managed policies attached to the role. @default none */
  readonly managedPolicyArns?: readonly string[];
}

/**
 * An IAM role whose trust policy is exactly the rendered one (an L1 role: the L2 `iam.Role` builds
 * its trust policy from a principal object instead). Permissions are added with {@link attachPolicy}
 * as customer-managed policies, never inline: NIST 800-53 R5 `IAMNoInlinePolicy` (AC-6) refuses
 * inline policies, and the statements stay the rendered ones.
 */
export class RenderedRole extends Construct {
  /** The role, for constructs that take an `IRole` (nothing may add to it: `mutable: false`). */
  readonly role: iam.IRole;
  readonly roleArn: string;
  /** The L1 role, for tags and cdk-nag acknowledgements. */
  readonly resource: iam.CfnRole;
  /** The AWS-managed policies attached to the role. */
  readonly managedPolicyArns: readonly string[];

  constructor(scope: Construct, id: string, props: RenderedRoleProps) {
    super(scope, id);
    this.managedPolicyArns = [...(props.managedPolicyArns ?? [])];
    this.resource = new iam.CfnRole(this, "Resource", {
      assumeRolePolicyDocument: props.trust,
      description: props.description,
      ...(this.managedPolicyArns.length === 0 ? {} : { managedPolicyArns: [...this.managedPolicyArns] }),
    });
    this.roleArn = this.resource.attrArn;
    this.role = iam.Role.fromRoleArn(this, "Imported", this.resource.attrArn, { mutable: false });
  }

  /** Attaches a rendered policy document as a customer-managed policy of this role only. */
  attachPolicy(id: string, description: string, document: PolicyDocument): iam.CfnManagedPolicy {
    return new iam.CfnManagedPolicy(this, id, { description, policyDocument: document, roles: [this.resource.ref] });
  }
}
