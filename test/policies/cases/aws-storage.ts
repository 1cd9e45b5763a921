/** Mutations of the compliant fixture's model store, registry, identities and keys, one per way each of those policies can fail. */
import { recorded } from "../fixtures/build";
import { MODEL_BUCKET } from "../fixtures/aws";
import { type PolicyCase } from "./case";

const json = (value: unknown) => JSON.stringify(value);
const document = (...statements: unknown[]) => json({ Version: "2012-10-17", Statement: statements });
const READ_MODELS = { Sid: "ReadModels", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${MODEL_BUCKET}/vision/resnet50/*`] };
const TRUST = (condition: Record<string, unknown>) =>
  document({
    Effect: "Allow",
    Principal: { Federated: "arn:aws:iam::777788889999:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE" },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: condition,
  });
const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const attachment = (name: string, role: string, policy: string) =>
  recorded("aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, { role, policyArn: `arn:aws:iam::aws:policy/${policy}` });

export const AWS_STORAGE_CASES: readonly PolicyCase[] = [
  // S3 model store
  {
    policy: "inferstack-aws-s3-bucket-require-public-access-block",
    breaks: "a block with one setting off",
    mutate: (s) => s.set("models-public-access", "blockPublicPolicy", false),
    expected: [
      "models-public-access: leaves blockPublicPolicy unset or false; got blockPublicPolicy: false. Set all four settings to true.",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-public-access-block",
    breaks: "a bucket without a block",
    mutate: (s) => s.remove("models-public-access"),
    expected: [
      "models: has no public access block of its own; got none. Add an aws.s3.BucketPublicAccessBlock with all four settings true: account defaults can change without this stack noticing.",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-tls-only-policy",
    breaks: "a bucket without a policy",
    mutate: (s) => s.remove("models-policy"),
    expected: [
      "models: has no policy statement denying requests without TLS; got no bucket policy. Deny \"s3:*\" to Principal \"*\" on the bucket and its objects when aws:SecureTransport is \"false\".",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-tls-only-policy",
    breaks: "a policy that denies plain HTTP on objects only",
    mutate: (s) =>
      s.set("models-policy", "policy", document({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${MODEL_BUCKET}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } })),
    expected: [
      "models: has no policy statement denying requests without TLS; got a bucket policy without one. Deny \"s3:*\" to Principal \"*\" on the bucket and its objects when aws:SecureTransport is \"false\".",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-kms-encryption",
    breaks: "no default encryption",
    mutate: (s) => s.remove("models-encryption"),
    expected: [
      "models: has no default encryption configuration; got none (S3 falls back to SSE-S3). Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm \"aws:kms\".",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-kms-encryption",
    breaks: "SSE-S3 instead of KMS",
    mutate: (s) => s.set("models-encryption", "rules", [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]),
    expected: [
      "models: encrypts by default without KMS; got sseAlgorithm \"AES256\". Use \"aws:kms\" with a customer-managed key.",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-kms-encryption",
    breaks: "KMS without bucket keys",
    mutate: (s) => s.set("models-encryption", "rules.0.bucketKeyEnabled", false),
    expected: [
      "models: uses SSE-KMS without S3 Bucket Keys; got bucketKeyEnabled false. Set bucketKeyEnabled: true so reads of large models do not call KMS per object.",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-versioning",
    breaks: "no versioning resource",
    mutate: (s) => s.remove("models-versioning"),
    expected: [
      "models: does not enable versioning; got no aws.s3.BucketVersioning. Add an aws.s3.BucketVersioning with status \"Enabled\".",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-versioning",
    breaks: "suspended versioning",
    mutate: (s) => s.set("models-versioning", "versioningConfiguration.status", "Suspended"),
    expected: [
      "models: does not enable versioning; got status \"Suspended\". Add an aws.s3.BucketVersioning with status \"Enabled\".",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-access-logging",
    breaks: "a bucket that logs nowhere",
    mutate: (s) => s.add(recorded("aws:s3/bucket:Bucket", "scratch", { bucket: "inferstack-scratch" })),
    expected: [
      "scratch: does not log access; got no aws.s3.BucketLogging. Add one that writes to the environment's log bucket.",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-owner-enforced",
    breaks: "no ownership controls",
    mutate: (s) => s.remove("models-ownership"),
    expected: [
      "models: keeps ACLs enabled; got no aws.s3.BucketOwnershipControls. Set objectOwnership to \"BucketOwnerEnforced\".",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-owner-enforced",
    breaks: "ACLs kept (ObjectWriter)",
    mutate: (s) => s.set("models-ownership", "rule.objectOwnership", "ObjectWriter"),
    expected: [
      "models: keeps ACLs enabled; got objectOwnership \"ObjectWriter\". Set objectOwnership to \"BucketOwnerEnforced\".",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-lifecycle-cleanup",
    breaks: "no lifecycle configuration",
    mutate: (s) => s.remove("models-lifecycle"),
    expected: [
      "models: has no enabled lifecycle rule for noncurrent-version expiry or incomplete-upload abort; got no enabled rule. Add a rule to an aws.s3.BucketLifecycleConfiguration.",
    ],
  },
  {
    policy: "inferstack-aws-s3-bucket-require-lifecycle-cleanup",
    breaks: "the upload-abort rule disabled",
    mutate: (s) => s.set("models-lifecycle", "rules.1.status", "Disabled"),
    expected: [
      "models: has no enabled lifecycle rule for incomplete-upload abort; got 1 enabled rule, none of them for it. Add a rule to an aws.s3.BucketLifecycleConfiguration.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-model-store-access",
    breaks: "a write action on the model prefix",
    mutate: (s) => s.set("resnet50-model-store-read", "policy", document(READ_MODELS, { Effect: "Allow", Action: ["s3:PutObject"], Resource: [`arn:aws:s3:::${MODEL_BUCKET}/vision/resnet50/*`] })),
    expected: [
      "resnet50-model-store: gives pool resnet50 more than read access to the model store; got s3:PutObject in RolePolicy resnet50-model-store-read. Serving identities may only use s3:GetObject, s3:ListBucket and kms:Decrypt.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-model-store-access",
    breaks: "reads of the whole bucket",
    mutate: (s) => s.set("resnet50-model-store-read", "policy", document({ ...READ_MODELS, Resource: [`arn:aws:s3:::${MODEL_BUCKET}/*`] })),
    expected: [
      "resnet50-model-store: lets pool resnet50 read beyond its models (inferstack-models-777788889999-prod/vision/resnet50); got s3:GetObject on arn:aws:s3:::inferstack-models-777788889999-prod/* in RolePolicy resnet50-model-store-read. Grant \"arn:aws:s3:::<bucket>/<model prefix>/*\" per model.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-model-store-access",
    breaks: "listing another bucket",
    mutate: (s) => s.set("resnet50-model-store-read", "policy", document(READ_MODELS, { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::other-bucket"] })),
    expected: [
      "resnet50-model-store: lets pool resnet50 list buckets other than its model store; got s3:ListBucket on arn:aws:s3:::other-bucket in RolePolicy resnet50-model-store-read. Grant it on \"arn:aws:s3:::<bucket>\" only.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-model-store-access",
    breaks: "decrypting with any key",
    mutate: (s) => s.set("resnet50-model-store-read", "policy", document(READ_MODELS, { Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*" })),
    expected: [
      "resnet50-model-store: lets pool resnet50 decrypt with any key; got kms:Decrypt on \"*\" in RolePolicy resnet50-model-store-read. Grant it on the bucket key's ARN.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-model-store-access",
    breaks: "a NotAction grant",
    mutate: (s) => s.set("resnet50-model-store-read", "policy", document({ Effect: "Allow", NotAction: ["iam:*"], Resource: [`arn:aws:s3:::${MODEL_BUCKET}/vision/resnet50/*`] })),
    expected: [
      "resnet50-model-store: grants everything but iam:* in RolePolicy resnet50-model-store-read; got NotAction. List the read actions instead.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-model-store-access",
    breaks: "a managed policy on the serving role",
    mutate: (s) => s.add(attachment("resnet50-s3-read-only", "resnet50-model-store", "AmazonS3ReadOnlyAccess")),
    expected: [
      "resnet50-model-store: serves pool resnet50 with a managed policy; got \"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\". Grant only reads of the pool's model prefixes in a policy of its own.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-model-store-access",
    breaks: "a server pool without an identity",
    mutate: () => undefined,
    context: (c) => ({ ...c, serverPools: [...c.serverPools, { ...c.serverPools[0]!, name: "bert", serviceAccount: "bert-server", models: ["bert"] }] }),
    expected: [
      "stack: gives some server pools a model-store identity but not bert; got no role trusted by service account bert-server. Give every server pool a read-only identity of its own.",
    ],
  },
  // ECR
  {
    policy: "inferstack-aws-ecr-repository-require-immutable-tags",
    breaks: "mutable tags",
    mutate: (s) => s.set("tritonserver", "imageTagMutability", "MUTABLE"),
    expected: [
      "tritonserver: lets a pushed tag be overwritten; got imageTagMutability \"MUTABLE\". Set it to \"IMMUTABLE\".",
    ],
  },
  {
    policy: "inferstack-aws-ecr-repository-require-scan-on-push",
    breaks: "neither repository nor registry scanning",
    mutate: (s) => s.set("tritonserver", "imageScanningConfiguration.scanOnPush", false).set("registry-scanning", "rules.0.repositoryFilters.0.filter", "tools/*"),
    expected: [
      "tritonserver: pushes images without scanning them; got no scanOnPush and no registry scanning rule covering it. Add a registry scanning rule (SCAN_ON_PUSH) whose filter matches the repository.",
    ],
  },
  {
    policy: "inferstack-aws-ecr-repository-require-lifecycle-policy",
    breaks: "no lifecycle policy",
    mutate: (s) => s.remove("tritonserver-lifecycle"),
    expected: [
      "tritonserver: keeps every image forever; got no aws.ecr.LifecyclePolicy. Add one that expires untagged images and keeps the newest tagged ones.",
    ],
  },
  {
    policy: "inferstack-aws-ecr-repository-require-lifecycle-policy",
    breaks: "tagged images expired by age",
    mutate: (s) =>
      s.set("tritonserver-lifecycle", "policy", json({ rules: [{ rulePriority: 1, selection: { tagStatus: "any", countType: "sinceImagePushed", countUnit: "days", countNumber: 30 }, action: { type: "expire" } }] })),
    expected: [
      "tritonserver-lifecycle: rule 1 expires any images by age; got countType \"sinceImagePushed\". Expire tagged images by count (\"imageCountMoreThan\") so an image a Deployment still runs is kept.",
    ],
  },
  {
    policy: "inferstack-aws-ecr-repository-require-lifecycle-policy",
    breaks: "a policy that is not JSON",
    mutate: (s) => s.set("tritonserver-lifecycle", "policy", "{rules: ["),
    expected: [
      "tritonserver-lifecycle: has a lifecycle policy that is not JSON; got unparsable text. Write the policy with JSON.stringify.",
    ],
  },
  {
    policy: "inferstack-aws-ecr-policy-forbid-public-principal",
    breaks: "pulls open to anyone",
    mutate: (s) => s.set("tritonserver-pull", "policy", document({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage"] })),
    expected: [
      "tritonserver-pull: statement \"Everyone\" allows ecr:BatchGetImage to anyone; got Principal \"*\". Name the account or role ARNs that need access.",
    ],
  },
  {
    policy: "inferstack-aws-ecr-policy-forbid-public-principal",
    breaks: "a registry policy open to anyone",
    mutate: (s) => s.add(recorded("aws:ecr/registryPolicy:RegistryPolicy", "registry-policy", { policy: document({ Effect: "Allow", Principal: { AWS: "*" }, Action: ["ecr:ReplicateImage"], Resource: "*" }) })),
    expected: [
      "registry-policy: statement #1 allows ecr:ReplicateImage to anyone; got Principal \"*\". Name the account or role ARNs that need access.",
    ],
  },
  {
    policy: "inferstack-aws-ecr-repository-require-kms-encryption",
    breaks: "the AES256 default",
    mutate: (s) => s.unset("tritonserver", "encryptionConfigurations"),
    expected: [
      "tritonserver: encrypts images with the AES256 default; got no KMS key. Set encryptionType \"KMS\" with a customer-managed kmsKey ARN.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-forbid-ecr-push-for-workloads",
    breaks: "a push-capable managed policy on the node role",
    mutate: (s) => s.add(attachment("node-ecr-power-user", "inferstack-fixture-node", "AmazonEC2ContainerRegistryPowerUser")),
    expected: [
      "inferstack-fixture-node: can push images through AmazonEC2ContainerRegistryPowerUser; got managed policy \"arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser\". Use AmazonEC2ContainerRegistryReadOnly.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-forbid-ecr-push-for-workloads",
    breaks: "ecr:PutImage on the serving role",
    mutate: (s) => s.set("resnet50-model-store-read", "policy", document(READ_MODELS, { Effect: "Allow", Action: ["ecr:PutImage"], Resource: "arn:aws:ecr:us-east-1:777788889999:repository/nvidia/tritonserver" })),
    expected: [
      "resnet50-model-store: can change registry contents; got ecr:PutImage through RolePolicy resnet50-model-store-read. Keep pushing to the CI publisher role.",
    ],
  },
  // IAM and KMS
  {
    policy: "inferstack-aws-iam-policy-forbid-admin-access",
    breaks: "Allow * on *",
    mutate: (s) => s.set("image-publish", "policy", document({ Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" })),
    expected: [
      "image-publish: policy statement \"Everything\" allows every action on every resource; got Action \"*\", Resource \"*\". Grant the specific actions on the specific ARNs the identity needs.",
    ],
  },
  {
    policy: "inferstack-aws-iam-policy-forbid-wildcards",
    breaks: "a service-wide action",
    mutate: (s) => s.set("resnet50-model-store-read", "policy", document({ ...READ_MODELS, Action: ["s3:*"] })),
    expected: [
      "resnet50-model-store-read: policy statement \"ReadModels\" grants whole services; got \"s3:*\". Name the actions the identity calls.",
    ],
  },
  {
    policy: "inferstack-aws-iam-policy-forbid-wildcards",
    breaks: "a resource wildcard in an inline policy",
    mutate: (s) => s.set("log-shipper", "inlinePolicies", [{ name: "logs", policy: document({ Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: "*" }) }]),
    expected: [
      "log-shipper: inline policy logs statement #1 applies to every resource; got Resource \"*\" for logs:PutLogEvents. Name the ARNs (only ecr:GetAuthorizationToken and sts:GetCallerIdentity need \"*\").",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-managed-policies",
    breaks: "an attachment outside the allow-list",
    mutate: (s) => s.add(attachment("publisher-admin", "image-publisher", "AdministratorAccess")),
    expected: [
      "publisher-admin: attaches an AWS-managed policy outside the allow-list; got \"AdministratorAccess\". Use a customer-managed policy with the actions the role needs, or one of AmazonEKSClusterPolicy, AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy, AmazonEC2ContainerRegistryReadOnly, AmazonSSMManagedInstanceCore, AmazonEBSCSIDriverPolicy.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-managed-policies",
    breaks: "managedPolicyArns outside the allow-list",
    mutate: (s) => s.set("log-shipper", "managedPolicyArns", ["arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"]),
    expected: [
      "log-shipper: attaches an AWS-managed policy outside the allow-list; got \"CloudWatchLogsFullAccess\". Use a customer-managed policy with the actions the role needs, or one of AmazonEKSClusterPolicy, AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy, AmazonEC2ContainerRegistryReadOnly, AmazonSSMManagedInstanceCore, AmazonEBSCSIDriverPolicy.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-forbid-mixed-policy-management",
    breaks: "inline policies next to attachments",
    mutate: (s) => s.set("inferstack-fixture-node", "inlinePolicies", [{ name: "extra", policy: document({ Effect: "Allow", Action: ["ec2:DescribeInstances"], Resource: "*" }) }]),
    expected: [
      "inferstack-fixture-node: manages its policies in two places; got inlinePolicies on the Role and node-worker-policy, node-cni-policy, node-ecr-policy. Keep one of the two: the other is overwritten on every update.",
    ],
  },
  {
    policy: "inferstack-aws-iam-user-forbid-long-lived-credentials",
    breaks: "a user with a key and a password",
    mutate: (s) =>
      s.add(
        recorded("aws:iam/user:User", "deployer", { name: "deployer" }),
        recorded("aws:iam/accessKey:AccessKey", "deployer-key", { user: "deployer" }),
        recorded("aws:iam/userLoginProfile:UserLoginProfile", "deployer-login", { user: "deployer" }),
      ),
    expected: [
      "deployer-key: creates a long-lived access key; got aws:iam/accessKey:AccessKey. Use a role assumed through OIDC or IAM Identity Center: nothing long-lived to leak or rotate.",
      "deployer: creates an IAM user; got aws:iam/user:User. Use a role assumed through OIDC or IAM Identity Center: nothing long-lived to leak or rotate.",
      "deployer-login: creates a console password; got aws:iam/userLoginProfile:UserLoginProfile. Use a role assumed through OIDC or IAM Identity Center: nothing long-lived to leak or rotate.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-pin-workload-trust",
    breaks: "a service-account pattern",
    mutate: (s) => s.set("resnet50-model-store", "assumeRolePolicy", TRUST({ StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:inferstack:*" }, StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } })),
    expected: [
      "resnet50-model-store: trusts service accounts by pattern; got StringLike :sub \"system:serviceaccount:inferstack:*\". Use StringEquals with \"system:serviceaccount:<namespace>:<service account>\".",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-pin-workload-trust",
    breaks: "no subject and no audience",
    mutate: (s) => s.set("resnet50-model-store", "assumeRolePolicy", TRUST({})),
    expected: [
      "resnet50-model-store: does not pin the token audience; got no StringEquals :aud condition. Add StringEquals \"<issuer>:aud\": \"sts.amazonaws.com\".",
      "resnet50-model-store: trusts the cluster's OIDC issuer without naming a service account; got no StringEquals :sub condition. Add StringEquals \"<issuer>:sub\": \"system:serviceaccount:<namespace>:<service account>\".",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-pin-workload-trust",
    breaks: "a subject that is not a service account",
    mutate: (s) => s.set("resnet50-model-store", "assumeRolePolicy", TRUST({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:inferstack", [`${ISSUER}:aud`]: "sts.amazonaws.com" } })),
    expected: [
      "resnet50-model-store: names a subject that is not one service account; got \"system:serviceaccount:inferstack\". Use \"system:serviceaccount:<namespace>:<service account>\".",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-pin-workload-trust",
    breaks: "a Pod Identity association for any service account",
    mutate: (s) => s.set("log-shipper-identity", "serviceAccount", "*"),
    expected: [
      "log-shipper-identity: does not name one service account; got \"*\". Set serviceAccount to the exact name.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-node-permissions",
    breaks: "an application managed policy on the node role",
    mutate: (s) => s.add(attachment("node-s3-read", "inferstack-fixture-node", "AmazonS3ReadOnlyAccess")),
    expected: [
      "inferstack-fixture-node: gives every pod on its nodes AmazonS3ReadOnlyAccess; got managed policy \"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\". Attach it to the workload's IRSA role instead.",
    ],
  },
  {
    policy: "inferstack-aws-iam-role-restrict-node-permissions",
    breaks: "model reads granted to the node role",
    mutate: (s) => s.add(recorded("aws:iam/rolePolicy:RolePolicy", "node-models", { role: "inferstack-fixture-node", policy: document(READ_MODELS) })),
    expected: [
      "inferstack-fixture-node: gives every pod on its nodes application permissions; got s3:GetObject in RolePolicy node-models. Grant them to the workload's IRSA role instead.",
    ],
  },
  {
    policy: "inferstack-aws-kms-key-require-rotation",
    breaks: "rotation off",
    mutate: (s) => s.set("models-key", "enableKeyRotation", false),
    expected: [
      "models-key: does not rotate its key material; got enableKeyRotation false. Set enableKeyRotation: true.",
    ],
  },
  {
    policy: "inferstack-aws-kms-key-forbid-lockout-bypass",
    breaks: "the lockout check bypassed",
    mutate: (s) => s.set("models-key", "bypassPolicyLockoutSafetyCheck", true),
    expected: [
      "models-key: skips the policy lockout safety check; got bypassPolicyLockoutSafetyCheck true. Remove it: a wrong key policy would make the key unmanageable.",
    ],
  },
  {
    policy: "inferstack-aws-kms-key-require-deletion-window",
    breaks: "a 7-day window in prod",
    mutate: (s) => s.set("models-key", "deletionWindowInDays", 7),
    expected: [
      "models-key: could be deleted 7 days after scheduling; got deletionWindowInDays 7. Use at least 30 in prod so a mistaken deletion can be cancelled.",
    ],
  },
  {
    policy: "inferstack-aws-kms-key-require-deletion-window",
    breaks: "a 5-day window in staging",
    tier: "staging",
    mutate: (s) => s.set("models-key", "deletionWindowInDays", 5),
    expected: [
      "models-key: could be deleted 5 days after scheduling; got deletionWindowInDays 5. Use at least 7 in staging so a mistaken deletion can be cancelled.",
    ],
  },
  {
    policy: "inferstack-aws-kms-key-restrict-grants",
    breaks: "grants for any principal's use",
    mutate: (s) =>
      s.set("models-key", "policy", document({ Sid: "GrantsForEbs", Effect: "Allow", Principal: { AWS: "arn:aws:iam::777788889999:role/inferstack-fixture-node" }, Action: ["kms:CreateGrant"], Resource: "*" })),
    expected: [
      "models-key: key policy statement \"GrantsForEbs\" lets principals create grants for anyone; got kms:CreateGrant without kms:GrantIsForAWSResource. Add Condition Bool \"kms:GrantIsForAWSResource\": \"true\".",
    ],
  },
];
