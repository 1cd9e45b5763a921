/**
 * Checks IAM policy documents against IAM's grammar and quotas before they reach a resource (IAM
 * user guide, "IAM JSON policy elements reference" and "IAM and AWS STS quotas"): version, Sid
 * characters, Effect, Action/Resource presence, Principal only where IAM allows one, known condition
 * operators, and the size limits of role trust policies (2,048 characters by default) and inline
 * role policies (10,240).
 */
import { type PolicyDocument } from "./scopes";

/** Where a document goes: a role's inline permissions, a role's trust policy, or a resource (bucket, key) policy. */
export type PolicyKind = "identity" | "trust" | "resource";

/** Default maximum characters (whitespace excluded) per kind. */
export const POLICY_SIZE_LIMITS: Readonly<Record<PolicyKind, number>> = Object.freeze({ identity: 10240, trust: 2048, resource: 20480 });

const OPERATORS = /^(StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike|Null)(IfExists)?$/;

/** Problems of a policy document, one sentence each; [] when IAM would accept it. */
export function validatePolicyDocument(document: PolicyDocument, kind: PolicyKind): string[] {
  const errors: string[] = [];
  if (document.Version !== "2012-10-17") errors.push(`Version must be "2012-10-17"`);
  if (document.Statement.length === 0) errors.push("a policy needs at least one statement");
  const sids = document.Statement.map((s) => s.Sid).filter((sid) => sid !== undefined);
  if (new Set(sids).size !== sids.length) errors.push("statement ids must be unique");
  document.Statement.forEach((statement, index) => {
    const at = `statement ${String(statement.Sid ?? `#${index + 1}`)}`;
    if (statement.Sid !== undefined && !/^[A-Za-z0-9]+$/.test(String(statement.Sid))) errors.push(`${at}: Sid may hold only letters and digits`);
    if (statement.Effect !== "Allow" && statement.Effect !== "Deny") errors.push(`${at}: Effect must be Allow or Deny`);
    if ((statement.Action === undefined) === (statement.NotAction === undefined)) errors.push(`${at}: needs exactly one of Action and NotAction`);
    const hasPrincipal = statement.Principal !== undefined || statement.NotPrincipal !== undefined;
    if (kind === "identity" && hasPrincipal) errors.push(`${at}: an identity policy names no Principal`);
    if (kind !== "identity" && !hasPrincipal) errors.push(`${at}: a ${kind} policy needs a Principal`);
    const hasResource = statement.Resource !== undefined || statement.NotResource !== undefined;
    if (kind === "trust" && hasResource) errors.push(`${at}: a trust policy names no Resource`);
    if (kind !== "trust" && !hasResource) errors.push(`${at}: needs a Resource`);
    for (const operator of Object.keys((statement.Condition as Record<string, unknown> | undefined) ?? {})) {
      if (!OPERATORS.test(operator.replace(/^(ForAllValues|ForAnyValue):/, ""))) errors.push(`${at}: unknown condition operator ${operator}`);
    }
  });
  const size = JSON.stringify(document).replace(/\s/g, "").length;
  if (size > POLICY_SIZE_LIMITS[kind]) errors.push(`the document has ${size} characters; IAM allows ${POLICY_SIZE_LIMITS[kind]} for a ${kind} policy`);
  return errors;
}
