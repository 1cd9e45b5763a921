/** Label keys inferstack sets on every Kubernetes object it creates. */
export const LABELS = Object.freeze({
  name: "app.kubernetes.io/name",
  instance: "app.kubernetes.io/instance",
  component: "app.kubernetes.io/component",
  partOf: "app.kubernetes.io/part-of",
  managedBy: "app.kubernetes.io/managed-by",
  model: "inferstack.io/model",
  /** Server pool of a serving pod, its per-pool objects and its metrics Service. */
  serverPool: "inferstack.io/server-pool",
  environment: "inferstack.io/environment",
} as const);

/** What a set of standard labels describes. */
export interface LabelArgs {
  /** The application, e.g. `triton` or `inferstack`. */
  readonly name: string;
  /** This instance of it, e.g. the pool or model name. */
  readonly instance: string;
  /** Its role, e.g. `server`, `model-endpoint`, `namespace`. */
  readonly component: string;
  /** Stack name of the environment. */
  readonly environment: string;
  /** The model the object serves, when it serves exactly one. */
  readonly model?: string;
}

/**
 * The standard labels: Kubernetes' recommended `app.kubernetes.io/*` set plus the model and environment.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export function standardLabels(args: LabelArgs): Record<string, string> {
  return {
    [LABELS.name]: args.name,
    [LABELS.instance]: args.instance,
    [LABELS.component]: args.component,
    [LABELS.partOf]: "inferstack",
    [LABELS.managedBy]: "pulumi",
    ...(args.model === undefined ? {} : { [LABELS.model]: args.model }),
    [LABELS.environment]: args.environment,
  };
}

/**
 * Tag keys on the AWS resources of a created foundation, shared by the Pulumi components and the CDK
 * constructs so both engines tag alike.
 */
export const AWS_TAGS = Object.freeze({
  environment: LABELS.environment,
  /** Which engine owns the resource (`pulumi` or `cdk`): the tool that changes it. */
  managedBy: "inferstack.io/managed-by",
  /** Node pool of a node group, its launch template, instances and volumes. */
  nodePool: "inferstack.io/node-pool",
  /** What a KMS key protects (`KeyPurpose`). */
  keyPurpose: "inferstack.io/key-purpose",
  /** Server pool whose models a reader role may read. */
  serverPool: LABELS.serverPool,
  /** Upstream image a repository holds copies of. */
  mirrorOf: "inferstack.io/mirror-of",
  /** The bucket whose access logs a log bucket receives. */
  accessLogsOf: "inferstack.io/access-logs-of",
} as const);
