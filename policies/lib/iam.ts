/** IAM policy documents of the stack's identity resources, for the IAM policies. */
import { AWS, statementsOf, type Statement } from "./aws";
import { arr, obj } from "./kubernetes";
import { type Resource } from "./policy";

/** The permission documents a resource carries: a Policy's or RolePolicy's document, or a Role's inline policies. */
export function permissionStatements(resource: Pick<Resource, "type" | "props">): { readonly from: string; readonly statement: Statement }[] {
  if (resource.type === AWS.iamPolicy || resource.type === AWS.iamRolePolicy) {
    return statementsOf(resource.props.policy).map((statement) => ({ from: "policy", statement }));
  }
  if (resource.type === AWS.iamRole) {
    return arr(resource.props.inlinePolicies).flatMap((inline) =>
      statementsOf(obj(inline).policy).map((statement) => ({ from: `inline policy ${String(obj(inline).name ?? "")}`.trim(), statement })),
    );
  }
  return [];
}

/** Resource types whose documents `permissionStatements` reads. */
export const PERMISSION_TYPES: readonly string[] = [AWS.iamPolicy, AWS.iamRolePolicy, AWS.iamRole];

/** Actions AWS authorizes only with `Resource: "*"` (no resource-level permissions). */
export const RESOURCE_STAR_ONLY_ACTIONS: readonly string[] = ["ecr:GetAuthorizationToken", "sts:GetCallerIdentity"];

/** Statement label for messages: its Sid, or its position. */
export function statementLabel(from: string, statement: Statement, index: number): string {
  return `${from} statement ${statement.sid === undefined ? `#${index + 1}` : `"${statement.sid}"`}`;
}
