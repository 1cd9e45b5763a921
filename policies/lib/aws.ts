/**
 * Reading AWS resources: IAM policy documents (as JSON text or objects, the two shapes `@pulumi/aws`
 * accepts) and the links between resources (a `BucketVersioning` to its `Bucket`, a `RolePolicy` to
 * its `Role`).
 */
import type { PolicyResource } from "@pulumi/policy";
import { arr, obj, type Json } from "./kubernetes";
import { ofType } from "./policy";
import { derived } from "./resource-index";

/** Pulumi type tokens of the AWS resources policies inspect (`@pulumi/aws` v7). */
export const AWS = Object.freeze({
  bucket: "aws:s3/bucket:Bucket",
  bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
  bucketLogging: "aws:s3/bucketLogging:BucketLogging",
  bucketOwnership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  bucketLifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  ecrRepository: "aws:ecr/repository:Repository",
  ecrLifecyclePolicy: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
  ecrRepositoryPolicy: "aws:ecr/repositoryPolicy:RepositoryPolicy",
  ecrRegistryPolicy: "aws:ecr/registryPolicy:RegistryPolicy",
  ecrRegistryScanning: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
  eksCluster: "aws:eks/cluster:Cluster",
  eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
  eksAddon: "aws:eks/addon:Addon",
  eksAccessEntry: "aws:eks/accessEntry:AccessEntry",
  eksPodIdentityAssociation: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  securityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  securityGroupEgressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  flowLog: "aws:ec2/flowLog:FlowLog",
  iamRole: "aws:iam/role:Role",
  iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
  iamPolicy: "aws:iam/policy:Policy",
  iamRolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  iamUser: "aws:iam/user:User",
  iamAccessKey: "aws:iam/accessKey:AccessKey",
  iamUserLoginProfile: "aws:iam/userLoginProfile:UserLoginProfile",
  kmsKey: "aws:kms/key:Key",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
});

/** One IAM policy statement with every list normalized to an array. */
export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** `"*"` for anyone, else principal values by type (`AWS`, `Service`, `Federated`). */
  readonly principal: "*" | Readonly<Record<string, readonly string[]>> | undefined;
  readonly condition: Json;
}

const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** The statements of a policy document given as JSON text or as an object; [] when it is neither. */
export function statementsOf(document: unknown): Statement[] {
  let doc = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  const raw = obj(doc).Statement;
  return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((s) => {
    const statement = obj(s);
    const principal = statement.Principal;
    return {
      ...(typeof statement.Sid === "string" ? { sid: statement.Sid } : {}),
      effect: statement.Effect === "Deny" ? "Deny" : "Allow",
      actions: list(statement.Action),
      notActions: list(statement.NotAction),
      resources: list(statement.Resource),
      notResources: list(statement.NotResource),
      principal:
        principal === undefined ? undefined : principal === "*" ? "*" : Object.fromEntries(Object.entries(obj(principal)).map(([k, v]) => [k, list(v)])),
      condition: obj(statement.Condition),
    };
  });
}

/** True when `pattern` (an IAM action or resource with `*` and `?` wildcards) matches `value`, case-insensitively. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return regex.test(value);
}

/** True when a statement's principal is anyone: `"*"` or `{ AWS: "*" }`. */
export function isPublicPrincipal(statement: Statement): boolean {
  if (statement.principal === "*") return true;
  return statement.principal !== undefined && (statement.principal.AWS ?? []).includes("*");
}

/** The values a resource can be referred to by: its id, ARN, name, bucket name or URN. */
export function identifiersOf(resource: Pick<PolicyResource, "props" | "urn">): string[] {
  const props = resource.props;
  return [props.id, props.arn, props.name, props.bucket, resource.urn].filter((v): v is string => typeof v === "string");
}

/**
 * True when `from`'s input `field` refers to `to`: its value is one of `to`'s identifiers (or a
 * resource reference to it). When the value is not known (an output the mock engine left undefined),
 * a dependency of `from` on `to` counts as the link.
 */
export function refersTo(from: PolicyResource, field: string, to: PolicyResource): boolean {
  const value = from.props[field];
  if (value !== null && typeof value === "object" && typeof obj(value).urn === "string") return obj(value).urn === to.urn;
  if (typeof value === "string" && value !== "[unknown]") return identifiersOf(to).includes(value);
  return from.dependencies.some((d) => d.urn === to.urn);
}

/** The resources of `candidates` whose `field` refers to `target`, in their order. */
export function referring(candidates: readonly PolicyResource[], field: string, target: PolicyResource): PolicyResource[] {
  // Narrowed through an index of what each candidate's field can match (shared within a policy run,
  // where every role or bucket looks up its own few among thousands), then checked with `refersTo`.
  const index = derived(candidates, `referring:${field}`, () => referenceIndex(candidates, field));
  const positions = new Set<number>();
  for (const key of [`urn:${target.urn}`, `dep:${target.urn}`, ...identifiersOf(target).map((id) => `id:${id}`)]) {
    for (const position of index.get(key) ?? []) positions.add(position);
  }
  return [...positions]
    .sort((a, b) => a - b)
    .map((position) => candidates[position]!)
    .filter((c) => refersTo(c, field, target));
}

/** Positions of `candidates` by what their `field` can match in `refersTo`: a URN, an identifier, or a dependency's URN. */
function referenceIndex(candidates: readonly PolicyResource[], field: string): Map<string, number[]> {
  const index = new Map<string, number[]>();
  const add = (key: string, position: number) => {
    const list = index.get(key);
    if (list) list.push(position);
    else index.set(key, [position]);
  };
  candidates.forEach((c, position) => {
    const value = c.props[field];
    if (value !== null && typeof value === "object" && typeof obj(value).urn === "string") add(`urn:${String(obj(value).urn)}`, position);
    else if (typeof value === "string" && value !== "[unknown]") add(`id:${value}`, position);
    else for (const dependency of c.dependencies) add(`dep:${dependency.urn}`, position);
  });
  return index;
}

/** What a role may do, gathered from everywhere a permission can come from. */
export interface RolePermissions {
  /** Statements of inline policies, `RolePolicy` resources and attached customer-managed `Policy` resources. */
  readonly statements: readonly { readonly from: string; readonly statement: Statement }[];
  /** ARNs of attached managed policies (AWS-managed, or customer-managed ones not in the stack). */
  readonly managedPolicyArns: readonly string[];
}

/** Everything `role` is granted in the stack. */
export function rolePermissions(role: PolicyResource, resources: readonly PolicyResource[]): RolePermissions {
  const statements: { from: string; statement: Statement }[] = [];
  const managed: string[] = list(role.props.managedPolicyArns).filter((arn) => arn !== "[unknown]");
  for (const inline of arr(role.props.inlinePolicies)) {
    for (const statement of statementsOf(obj(inline).policy)) statements.push({ from: `inline policy ${String(obj(inline).name ?? "")}`.trim(), statement });
  }
  for (const rolePolicy of referring(ofType(resources, AWS.iamRolePolicy), "role", role)) {
    for (const statement of statementsOf(rolePolicy.props.policy)) statements.push({ from: `RolePolicy ${rolePolicy.name}`, statement });
  }
  const policies = ofType(resources, AWS.iamPolicy);
  for (const attachment of referring(ofType(resources, AWS.iamRolePolicyAttachment), "role", role)) {
    const policy = policies.find((p) => refersTo(attachment, "policyArn", p));
    if (policy) for (const statement of statementsOf(policy.props.policy)) statements.push({ from: `Policy ${policy.name}`, statement });
    else if (typeof attachment.props.policyArn === "string") managed.push(attachment.props.policyArn);
  }
  return { statements, managedPolicyArns: [...new Set(managed)].sort() };
}

/** Who may assume a role, read from its trust policy. */
export type RoleKind = "node" | "workload" | "pod-identity" | "service" | "other";

/** Trust statements of a role that let a Kubernetes service account assume it through IRSA. */
export function workloadTrustStatements(role: Pick<PolicyResource, "props">): Statement[] {
  return statementsOf(role.props.assumeRolePolicy).filter((s) => {
    if (s.effect !== "Allow" || !s.actions.includes("sts:AssumeRoleWithWebIdentity")) return false;
    const federated = s.principal === "*" || s.principal === undefined ? [] : [...(s.principal.Federated ?? [])];
    const conditionText = JSON.stringify(s.condition);
    return federated.some((p) => p.includes("oidc.eks.")) || conditionText.includes("oidc.eks.") || conditionText.includes("system:serviceaccount:");
  });
}

/**
 * Classifies a role by its trust policy: EC2 nodes, IRSA workloads (an EKS OIDC issuer or a
 * service-account subject), EKS Pod Identity, another AWS service, or anything else (CI publishers
 * federated from GitHub, people).
 */
export function roleKind(role: PolicyResource): RoleKind {
  const trust = statementsOf(role.props.assumeRolePolicy).filter((s) => s.effect === "Allow");
  const services = trust.flatMap((s) => (s.principal === "*" || s.principal === undefined ? [] : [...(s.principal.Service ?? [])]));
  if (workloadTrustStatements(role).length > 0) return "workload";
  if (services.includes("pods.eks.amazonaws.com")) return "pod-identity";
  if (services.includes("ec2.amazonaws.com")) return "node";
  if (services.length > 0) return "service";
  return "other";
}

/** Allow statements that grant an action matching `action` (through wildcards or NotAction). */
export function grants(statement: Statement, action: string): boolean {
  if (statement.effect !== "Allow") return false;
  if (statement.notActions.length > 0) return !statement.notActions.some((p) => wildcardMatches(p, action));
  return statement.actions.some((p) => wildcardMatches(p, action));
}

/** The name of an AWS-managed policy ARN (`arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy` → `AmazonEKSWorkerNodePolicy`). */
export function managedPolicyName(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}

/**
 * The resources of `candidates` that `from`'s list input `field` refers to (e.g. a node group's
 * `subnetIds`): by value, or through dependencies when the values are unknown offline.
 */
export function referredList(from: PolicyResource, field: string, candidates: readonly PolicyResource[]): PolicyResource[] {
  const values = arr(from.props[field]).filter((v): v is string => typeof v === "string" && v !== "[unknown]");
  if (values.length > 0) return candidates.filter((c) => identifiersOf(c).some((id) => values.includes(id)));
  const dependencies = new Set(from.dependencies.map((d) => d.urn));
  return candidates.filter((c) => dependencies.has(c.urn));
}
