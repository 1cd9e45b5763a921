import { z } from "../zod";
import { dnsLabel, nonNegativeInt, positiveInt } from "./common";
import { CostSpec, CreateClusterSpec, ModelStoreFoundationFields, NodePoolFoundationFields, RegistrySpec } from "./foundation";
import { DiscoverySpec } from "./discovery";
import { ObservabilitySpec } from "./observability";
import { LoggingSpec } from "./logging";
import { BudgetSpec, PolicySpec } from "./policy";

/** The three environment tiers; each has its own defaults (see `components/resolve/defaults.ts`). */
export const TIERS = ["dev", "staging", "prod"] as const;
export type Tier = (typeof TIERS)[number];

/** EC2 capacity types a node pool can use. */
export const CAPACITY_TYPES = ["ON_DEMAND", "SPOT"] as const;
export type CapacityType = (typeof CAPACITY_TYPES)[number];

/** A group of identical nodes that serving pools run on: GPU instances, or CPU instances for dev and tests. */
export const NodePoolSpec = z.strictObject({
  /** EC2 instance types, all from the pinned instance table (`components/compute/instance-types.ts`). */
  instanceTypes: z.array(z.string().min(1)).min(1),
  /** @default "SPOT" in dev, "ON_DEMAND" in staging and prod */
  capacityType: z.enum(CAPACITY_TYPES).optional(),
  /** @default 0 in dev, 1 in staging, 2 in prod */
  minNodes: nonNegativeInt.optional(),
  /** @default the larger of minNodes and 2 in dev, 4 in staging, 6 in prod */
  maxNodes: positiveInt.optional(),
  /** Node group settings when inferstack creates the cluster (see `components/spec/foundation.ts`). */
  ...NodePoolFoundationFields,
});
export type NodePoolSpec = z.infer<typeof NodePoolSpec>;

/** An IAM role ARN. */
const roleArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
  error: (issue) => `must be an IAM role ARN such as "arn:aws:iam::123456789012:role/model-reader"; got ${JSON.stringify(issue.input)}. Copy it from \`aws iam get-role\`.`,
});

/** Where the models run. */
export const ClusterSpec = z.discriminatedUnion("mode", [
  z.strictObject({
    /**
     * Deploy into a cluster that already exists. Its kubeconfig comes from the secret config value
     * `inferstack:kubeconfig` (`pulumi config set --secret inferstack:kubeconfig < kubeconfig.yaml`).
     */
    mode: z.literal("existing"),
  }),
  /** Create the cluster, its network and node groups, the registry and the model store (see `components/spec/foundation.ts`). */
  CreateClusterSpec,
]);
export type ClusterSpec = z.infer<typeof ClusterSpec>;

/** One deployment environment: the value of the stack config key `inferstack:environment`. */
export const EnvironmentSpec = z.strictObject({
  /** Which defaults apply; several stacks may share a tier (e.g. `prod-eu` and `prod-us`). */
  tier: z.enum(TIERS),
  aws: z.strictObject({
    /** AWS region of the cluster and the model store, e.g. `us-east-1`. */
    region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, {
      error: (issue) => `must be an AWS region such as "us-east-1"; got ${JSON.stringify(issue.input)}. Use the region code, not its display name.`,
    }),
    /** 12-digit AWS account id, quoted so YAML keeps leading zeros. */
    accountId: z.string().regex(/^\d{12}$/, {
      error: (issue) => `must be a 12-digit AWS account id; got ${JSON.stringify(issue.input)}. Copy it from \`aws sts get-caller-identity\`.`,
    }),
  }),
  cluster: ClusterSpec,
  /**
   * The S3 bucket that holds the model repository. Artifact locations given as relative prefixes are
   * resolved against it. With an existing cluster it names an existing bucket; with `cluster.mode:
   * create` inferstack creates it. @default none with an existing cluster; created in create mode
   */
  modelStore: z
    .strictObject({
      /** Existing bucket, or the name of the bucket to create. @default "inferstack-models-<account>-<stack>" in create mode */
      bucket: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
          error: (issue) => `must be an S3 bucket name (3-63 lowercase letters, digits, "." and "-"); got ${JSON.stringify(issue.input)}. Give the bucket's name, not its ARN or URL.`,
        })
        .optional(),
      /**
       * Existing cluster only: the IAM role the serving pods assume through IRSA to read the bucket
       * (annotated on every pool's ServiceAccount). Its trust policy must admit the subjects
       * `system:serviceaccount:<namespace>:<pool>-server` the plan summary lists; in create mode
       * inferstack creates one read-only role per pool instead. @default none (pods get no AWS identity)
       */
      readerRoleArn: roleArn.optional(),
      /**
       * Existing cluster only: a reader role per server pool (pool name → role ARN), e.g. the
       * `ModelStoreRoleArn<Pool>` outputs of the CDK foundation stack; overrides `readerRoleArn` for
       * the pools it names. @default none
       */
      readerRoleArns: z.record(z.string(), roleArn).optional(),
      ...ModelStoreFoundationFields,
    })
    .optional(),
  /** Container registry: created with the cluster, or an existing mirror. @default none with an existing cluster; created in create mode */
  registry: RegistrySpec.optional(),
  /** Assumptions of the monthly cost estimate. */
  cost: CostSpec.optional(),
  /** Namespace of the serving workloads. @default "inferstack" */
  namespace: dnsLabel("namespace").optional(),
  /** Node pools by name; models choose one per environment with `environments.<stack>.nodePool`. */
  nodePools: z.record(dnsLabel("node pool name", 40), NodePoolSpec),
  /** Consul, model registration and DNS discovery (see `components/spec/discovery.ts`). */
  discovery: DiscoverySpec.optional(),
  /** Monitoring and alerting (Prometheus, Alertmanager, Grafana, GPU metrics, per-model SLO rules). */
  observability: ObservabilitySpec.optional(),
  /** Elasticsearch, Kibana, log shipping and retention (see `components/spec/logging.ts`). */
  logging: LoggingSpec.optional(),
  /** GPU and cost budget of the environment, enforced by the policy pack. */
  budget: BudgetSpec.optional(),
  /** Policy enforcement overrides, acknowledgements and allow-lists (see policies/README.md). */
  policy: PolicySpec.optional(),
});
export type EnvironmentSpec = z.infer<typeof EnvironmentSpec>;
