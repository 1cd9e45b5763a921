import { type InstanceType } from "../compute/instance-types";
import { type ResolvedFoundation } from "./foundation-types";
import { type CapacityType, type Tier } from "../spec/environment";
import { type DataType, type ModelFormat, type Precision, type Runtime, type SloSpec } from "../spec/model";
import { type ReceiverKind, type Severity } from "../spec/observability";
import { type InstanceKind } from "../spec/serving";
import { type EnforcementLevel } from "../spec/policy";

/** A node pool with every default applied and its instance facts looked up. */
export interface ResolvedNodePool {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  /** The pool's smallest instance type (by GPU memory, then memory): what a model must fit on. */
  readonly instance: InstanceType;
  /** True when the pool's instances have GPUs. */
  readonly gpu: boolean;
  /** Memory of one GPU in GiB (0 for CPU pools). */
  readonly gpuMemoryGiB: number;
  /** GPUs on one node (0 for CPU pools). */
  readonly gpusPerNode: number;
  readonly capacityType: CapacityType;
  readonly minNodes: number;
  readonly maxNodes: number;
}

/** The environment a stack deploys, with every default applied. */
export interface ResolvedEnvironment {
  /** Stack name, e.g. `prod` or `prod-eu`. */
  readonly stack: string;
  readonly tier: Tier;
  readonly aws: { readonly region: string; readonly accountId: string };
  /** A cluster that exists (kubeconfig secret), or one the foundation creates (`platform.foundation`). */
  readonly cluster: { readonly mode: "existing" } | { readonly mode: "create"; readonly name: string };
  /** The S3 bucket holding the model repository, when the environment has one. */
  /** The model store bucket, and on an existing cluster the roles its readers assume (`readerRoleArn`, per pool `readerRoleArns`). */
  readonly modelStore?: { readonly bucket: string; readonly readerRoleArn?: string; readonly readerRoleArns?: Readonly<Record<string, string>> };
  /** `<registry host>/<path>` holding copies of the runtime images; pools pull from it when set. */
  readonly registryMirror?: string;
  readonly namespace: string;
  /** Sorted by name. */
  readonly nodePools: readonly ResolvedNodePool[];
  /** Spread replicas over zones (topology spread on `topology.kubernetes.io/zone`). */
  readonly spreadAcrossZones: boolean;
  readonly discovery: { readonly enabled: boolean };
  readonly observability: { readonly enabled: boolean };
  readonly logging: { readonly enabled: boolean };
  /** Assumptions of the cost estimate (`components/cost/estimate.ts`). */
  readonly cost: { readonly spotDiscountRatio: number };
}

/** A model tensor, as resolved. */
export interface ResolvedTensor {
  readonly name: string;
  readonly dataType: DataType;
  readonly dims: readonly number[];
  readonly format?: "NHWC" | "NCHW";
}

/** Triton dynamic batching with its defaults applied. */
export interface ResolvedDynamicBatching {
  /** Ascending; empty when none were given. */
  readonly preferredBatchSizes: readonly number[];
  readonly maxQueueDelayMicroseconds: number;
  readonly queuePolicy?: {
    readonly maxQueueSize: number;
    readonly timeoutMicroseconds: number;
    readonly timeoutAction: "reject" | "delay";
    readonly allowTimeoutOverride: boolean;
  };
}

/** The versions a runtime serves: the N highest, or exactly the listed ones. */
export type ResolvedVersionPolicy =
  | { readonly kind: "latest"; readonly count: number }
  | { readonly kind: "specific"; readonly versions: readonly number[] };

/** CPU cores, memory and local disk. */
export interface ResolvedResources {
  readonly cpu: number;
  readonly memoryGiB: number;
  readonly ephemeralStorageGiB: number;
}

/** One model as deployed in one environment. */
export interface ResolvedModel {
  readonly name: string;
  readonly description?: string;
  /** Catalog file the model came from, relative to the project root. */
  readonly sourceFile: string;
  readonly runtime: Runtime;
  readonly format: ModelFormat;
  readonly artifact: {
    /** The location as typed in the catalog. */
    readonly uri: string;
    /** Versions served in this environment, ascending. */
    readonly versions: readonly number[];
    /** Bucket and key prefix (no trailing slash) of the model's directory. */
    readonly location: { readonly bucket: string; readonly prefix: string };
  };
  readonly maxBatchSize: number;
  readonly inputs: readonly ResolvedTensor[];
  readonly outputs: readonly ResolvedTensor[];
  readonly dynamicBatching?: ResolvedDynamicBatching;
  readonly instancesPerServer: number;
  /** Where Triton runs the instances (TF Serving: `gpu` on GPU node pools, `cpu` elsewhere). */
  readonly instanceKind: InstanceKind;
  /** GPU memory one instance needs, when the model runs GPU instances on a GPU pool. */
  readonly gpu?: { readonly memoryGiB: number };
  readonly optimization: {
    readonly precision: Precision;
    readonly tensorrt: boolean;
    /** TensorRT workspace in MiB (used only with `tensorrt`). */
    readonly workspaceMiB: number;
    readonly cudaGraphs: boolean;
  };
  /** How the runtime picks the versions to serve; `artifact.versions` lists the result. */
  readonly versionPolicy: ResolvedVersionPolicy;
  /** TF Serving version labels, label → version (empty for Triton). */
  readonly versionLabels: Readonly<Record<string, number>>;
  readonly warmup?: { readonly batchSize: number; readonly count: number; readonly data: "zero" | "random" };
  /** Host resources the model adds to its server pool. */
  readonly resources: ResolvedResources;
  readonly timeouts: { readonly loadSeconds: number; readonly requestSeconds: number };
  readonly slo: Readonly<SloSpec>;
  readonly scaling: { readonly minReplicas: number; readonly maxReplicas: number };
  /** Name of the node pool the model runs on. */
  readonly nodePool: string;
  /** Name of the server pool (Deployment) that serves the model. */
  readonly serverPool: string;
}

/**
 * One Deployment of one runtime on one node pool, serving one or more models. By default every model
 * has a pool of its own, named after it; models that name the same `serverPool` share one.
 */
export interface ResolvedServerPool {
  readonly name: string;
  readonly runtime: Runtime;
  readonly nodePool: string;
  /** True when the node pool has GPUs: each replica then takes one GPU. */
  readonly gpu: boolean;
  /** Names of the models served, sorted. */
  readonly models: readonly string[];
  /** ServiceAccount of the pool's pods (also the subject of its model-store identity). */
  readonly serviceAccount: string;
  /** Pinned runtime image, or the custom image `customImage` by its tag (`<registry>/<prefix>/<name>:<tag>`). */
  readonly image: string;
  /** The custom image the pool runs (a key of `registry.customImages`); absent for the pinned runtime image. */
  readonly customImage?: string;
  /** GPU memory the pool's models need together on one GPU, in GiB (0 on CPU pools). */
  readonly gpuMemoryGiB: number;
  /** Replica bounds: the largest minimum and the largest maximum of its models. */
  readonly scaling: { readonly minReplicas: number; readonly maxReplicas: number };
  /** Pod requests: the runtime's own share plus every model's. */
  readonly resources: ResolvedResources;
  /** Startup budget: the sum of the models' load times (an upper bound; runtimes load in parallel). */
  readonly loadSeconds: number;
  /** Longest request of any of its models. */
  readonly requestSeconds: number;
  /**
   * Autoscaling target: average queue time per request, in microseconds, on the metric
   * `AUTOSCALING_METRIC` (a share of the tightest latency SLO, never below twice a batching delay).
   */
  readonly queueTargetMicroseconds: number;
  /**
   * Seconds a stopping pod keeps serving before the runtime is told to stop: the tier's delay, raised
   * to the discovery staleness bound so no client is still sent to it from a cached answer.
   */
  readonly preStopSeconds: number;
  /** Existing cluster: the role its ServiceAccount assumes to read the model store (`modelStore.readerRoleArn(s)`). @default none */
  readonly readerRoleArn?: string;
}

/** Consul and DNS discovery of one environment, with every default applied (present when discovery is on). */
export interface ResolvedDiscovery {
  /** Consul servers: 1 in dev, otherwise odd and at least 3. */
  readonly servers: number;
  readonly tls: boolean;
  readonly acls: boolean;
  readonly gossipEncryption: boolean;
  readonly storageGiB: number;
  /** Spread the servers over zones (the environment's `spreadAcrossZones`, with more than one server). */
  readonly spreadAcrossZones: boolean;
  /** Seconds between catalog sync's writes to Consul. */
  readonly catalogSyncIntervalSeconds: number;
  readonly serverResources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly cpu: string; readonly memory: string };
  };
  readonly dns: {
    /** ClusterIP pinned on the Consul DNS Service; CoreDNS forwards the `consul` domain to it. */
    readonly clusterIP: string;
    readonly serviceCidr: string;
    readonly allowStale: boolean;
    /** Oldest copy a follower answers from; 0 when stale reads are off (the leader answers). */
    readonly maxStaleSeconds: number;
    readonly serviceTtlSeconds: number;
    readonly nodeTtlSeconds: number;
    readonly coreDnsCacheSeconds: number;
  };
  /**
   * How CoreDNS learns the forwarding: the EKS CoreDNS add-on's configuration (a cluster inferstack
   * creates), a patch of the `coredns` ConfigMap, or nothing (the operator sets it by hand).
   */
  readonly coreDns: "eks-addon" | "configmap-patch" | "none";
}

/** One alert receiver; its endpoint is the secret config value `inferstack:<secretKey>`. */
export interface ResolvedReceiver {
  readonly kind: ReceiverKind;
  /** Secret config key (without the `inferstack:` namespace) that holds the endpoint. */
  readonly secretKey: string;
  /** Severities routed to it, sorted. */
  readonly severities: readonly Severity[];
  /** Slack channel overriding the webhook's own. */
  readonly channel?: string;
}

/** Monitoring and alerting with every default applied; present only when observability is enabled. */
export interface ResolvedMonitoring {
  readonly namespace: string;
  readonly prometheus: {
    readonly replicas: number;
    readonly retentionDays: number;
    readonly retentionSizeGiB: number;
    readonly volumeSizeGiB: number;
    readonly resources: { readonly cpu: string; readonly memory: string; readonly memoryLimit: string };
  };
  readonly alertmanager: { readonly replicas: number; readonly volumeSizeGiB: number };
  /** prometheus-adapter replicas (it serves the autoscaling metric). */
  readonly adapterReplicas: number;
  /** Secret config key of Grafana's admin password. */
  readonly grafanaAdminPasswordKey: string;
  readonly alerting: {
    /** Sorted by kind. */
    readonly receivers: readonly ResolvedReceiver[];
    readonly groupWaitSeconds: number;
    readonly groupIntervalMinutes: number;
    readonly repeatIntervalMinutes: Readonly<Record<Severity, number>>;
  };
  /** Names of the GPU node pools, sorted: the DCGM exporter runs there (none: no exporter). */
  readonly gpuNodePools: readonly string[];
  readonly scrapeIntervalSeconds: number;
}

/** Requests and limits of one container, in Kubernetes quantity strings. */
export interface ResolvedContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** Logging of one environment with every default applied (present when logging is on). */
export interface ResolvedLogging {
  /** Elastic Stack version of Elasticsearch, Kibana and Filebeat. */
  readonly stackVersion: string;
  /** Namespace of Elasticsearch, Kibana and Filebeat. */
  readonly namespace: string;
  /** Name of the Elasticsearch, Kibana and Beat resources (`<name>-es-http`, `<name>-kb-http`). */
  readonly name: string;
  /** Days a line is kept after its index rolls over. */
  readonly retentionDays: number;
  readonly dailyIngestGiB: number;
  readonly elasticsearch: {
    /** Nodes, every one master-eligible and holding data. */
    readonly nodes: number;
    readonly storageGiB: number;
    /** Data on a persistent encrypted volume (else `emptyDir`). */
    readonly persistentStorage: boolean;
    /** Replica shards per primary: 1 with two nodes or more, else 0 (a lone node cannot hold a replica). */
    readonly indexReplicas: number;
    /** Spread the nodes over zones and make shard allocation zone-aware. */
    readonly spreadAcrossZones: boolean;
    readonly resources: ResolvedContainerResources;
  };
  readonly kibana: { readonly replicas: number; readonly resources: ResolvedContainerResources };
  /** The sizing rule's figures (see `components/resolve/logging.ts`). */
  readonly sizing: {
    /** Disk the retention needs: daily ingest × copies × (retention + rollover days). */
    readonly neededGiB: number;
    /** Disk the volumes offer below the low watermark: nodes × storage × 0.85. */
    readonly usableGiB: number;
  };
}

/** Everything one stack deploys: the only input of renderers and components. */
export interface ResolvedPlatform {
  readonly environment: ResolvedEnvironment;
  /** Models deployed in this environment, sorted by name. */
  readonly models: readonly ResolvedModel[];
  /** Server pools, sorted by name. */
  readonly serverPools: readonly ResolvedServerPool[];
  /** The AWS foundation inferstack creates; absent with an existing cluster (bring your own). */
  readonly foundation?: ResolvedFoundation;
  /** Consul and DNS discovery; absent when `discovery.enabled` is false. */
  readonly discovery?: ResolvedDiscovery;
  /** Monitoring and alerting; absent when `observability.enabled` is false. */
  readonly monitoring?: ResolvedMonitoring;
  /** Elasticsearch, Kibana, Filebeat and retention; absent when `logging.enabled` is false. */
  readonly logging?: ResolvedLogging;
  /** Policy enforcement, acknowledgements, allow-lists and budget (`inferstack:environment.policy`, `.budget`). */
  readonly policy: ResolvedPolicySettings;
}

/** A finding accepted with a written reason. */
export interface ResolvedAcknowledgement {
  /** The policy whose finding is accepted. */
  readonly policy: string;
  /** Pulumi resource name it applies to (with everything under it). */
  readonly resource: string;
  readonly reason: string;
}

/** The policy settings of a stack, with the tier's defaults applied. */
export interface ResolvedPolicySettings {
  /** Enforcement overrides by policy name (the tier's level applies to every other policy). */
  readonly enforcement: Readonly<Record<string, EnforcementLevel>>;
  readonly acknowledgements: readonly ResolvedAcknowledgement[];
  /** Instance types node pools and node groups may use, sorted. */
  readonly allowedInstanceTypes: readonly string[];
  /** Image reference prefixes workloads may pull from, sorted. */
  readonly allowedImageRegistries: readonly string[];
  readonly budget: { readonly maxGpus: number; readonly maxMonthlyUsd: number };
}
