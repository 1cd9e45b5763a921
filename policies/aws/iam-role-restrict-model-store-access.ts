import type { PolicyResource } from "@pulumi/policy";
import { AWS, refersTo, rolePermissions, workloadTrustStatements } from "../lib/aws";
import { type ContextServerPool, type PolicyContext } from "../lib/context";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** The server pool whose service account a role trusts (IRSA subject or Pod Identity association). */
function servedPool(role: PolicyResource, resources: readonly PolicyResource[], context: PolicyContext): ContextServerPool | undefined {
  const subject = (pool: ContextServerPool) => `system:serviceaccount:${context.namespace}:${pool.serviceAccount}`;
  const trustText = JSON.stringify(workloadTrustStatements(role).map((s) => s.condition));
  const byTrust = context.serverPools.find((pool) => trustText.includes(`"${subject(pool)}"`));
  if (byTrust) return byTrust;
  const association = ofType(resources, AWS.eksPodIdentityAssociation).find((a) => refersTo(a, "roleArn", role));
  return association && association.props.namespace === context.namespace
    ? context.serverPools.find((pool) => pool.serviceAccount === association.props.serviceAccount)
    : undefined;
}

const S3_ARN = /^arn:aws[a-z-]*:s3:::/;

/** S3-09 and inferstack's model-store rule: a serving identity reads its own models and nothing else. */
export const iamRoleRestrictModelStoreAccess = stackPolicy({
  name: "inferstack-aws-iam-role-restrict-model-store-access",
  description: "Each server pool's identity may only read its own models' prefixes in the model store and decrypt with the bucket key.",
  severity: "high",
  rules: ["S3-09", "OWN model-store read-only identities"],
  sources: ["MLSEC-03", "CIS EKS 5.2.1"],
  enforcement: levels("A/M/M"),
  resourceTypes: [AWS.iamRole, AWS.iamRolePolicy, AWS.iamRolePolicyAttachment, AWS.iamPolicy, AWS.eksPodIdentityAssociation],
  usesContext: true,
  remediation:
    'Grant the server pool\'s role only s3:GetObject on "arn:aws:s3:::<bucket>/<model prefix>/*", s3:ListBucket on "arn:aws:s3:::<bucket>" and kms:Decrypt on the bucket key ARN.',
  validate(resources, report, runtime) {
    const context = runtime.context();
    const served = ofType(resources, AWS.iamRole)
      .map((role) => ({ role, pool: servedPool(role, resources, context) }))
      .filter((entry): entry is { role: PolicyResource; pool: ContextServerPool } => entry.pool !== undefined);
    if (served.length === 0) runtime.notApplicable("no server pool identity in the stack");
    for (const { role, pool } of served) {
      const locations = context.models.filter((m) => pool.models.includes(m.name)).map((m) => m.location);
      const readable = (arn: string) => locations.some((l) => S3_ARN.test(arn) && arn.replace(S3_ARN, "").startsWith(`${l.bucket}/${l.prefix}/`));
      const listable = (arn: string) => locations.some((l) => S3_ARN.test(arn) && arn.replace(S3_ARN, "") === l.bucket);
      const permissions = rolePermissions(role, resources);
      for (const arn of permissions.managedPolicyArns) {
        report(role, `serves pool ${pool.name} with a managed policy; got "${arn}". Grant only reads of the pool's model prefixes in a policy of its own.`);
      }
      for (const { from, statement } of permissions.statements) {
        if (statement.effect !== "Allow") continue;
        if (statement.notActions.length > 0) report(role, `grants everything but ${statement.notActions.join(", ")} in ${from}; got NotAction. List the read actions instead.`);
        for (const action of statement.actions) {
          const act = action.toLowerCase();
          const outside = (check: (arn: string) => boolean) => statement.resources.filter((r) => !check(r));
          if (act === "s3:getobject") {
            const bad = outside(readable);
            if (bad.length > 0) report(role, `lets pool ${pool.name} read beyond its models (${locations.map((l) => `${l.bucket}/${l.prefix}`).join(", ")}); got s3:GetObject on ${bad.join(", ")} in ${from}. Grant "arn:aws:s3:::<bucket>/<model prefix>/*" per model.`);
          } else if (act === "s3:listbucket") {
            const bad = outside(listable);
            if (bad.length > 0) report(role, `lets pool ${pool.name} list buckets other than its model store; got s3:ListBucket on ${bad.join(", ")} in ${from}. Grant it on "arn:aws:s3:::<bucket>" only.`);
          } else if (act === "kms:decrypt") {
            if (statement.resources.includes("*")) report(role, `lets pool ${pool.name} decrypt with any key; got kms:Decrypt on "*" in ${from}. Grant it on the bucket key's ARN.`);
          } else {
            report(role, `gives pool ${pool.name} more than read access to the model store; got ${action} in ${from}. Serving identities may only use s3:GetObject, s3:ListBucket and kms:Decrypt.`);
          }
        }
      }
    }
    const withIdentity = new Set(served.map((s) => s.pool.name));
    for (const pool of context.serverPools.filter((p) => !withIdentity.has(p.name))) {
      report(undefined, `gives some server pools a model-store identity but not ${pool.name}; got no role trusted by service account ${pool.serviceAccount}. Give every server pool a read-only identity of its own.`);
    }
  },
});
