import * as aws from "../aws-sdk";
import * as k8s from "../kubernetes-sdk";
import * as pulumi from "@pulumi/pulumi";
import { NvidiaDevicePlugin } from "../compute/device-plugin";
import { devicePluginPools } from "../compute/device-plugin-values";
import { AwsFoundation } from "../foundation/foundation";
import { Consul } from "../discovery/consul";
import { eksCoreDnsConfigurationValues } from "../discovery/coredns";
import { consulAnnotationsByModel } from "../discovery/registration";
import { renderNamespace } from "../kubernetes/namespace";
import { renderStorageClass } from "../kubernetes/storage";
import { Observability } from "../observability/observability";
import { type MonitoringSecrets } from "../observability/secrets";
import { LoggingStack } from "../logging/logging";
import { type ResolvedPlatform } from "../resolve/types";
import { renderDefaultDenyPolicy, renderServingPriorityClass } from "../serving/kubernetes/objects";
import { InferencePool } from "../serving/pool";
import { modelsByPool } from "../serving/render";
import { type ComponentAcknowledgement } from "../spec/policy";
import { TOKENS } from "../tokens";
import { modelEndpoints, type ModelEndpoint } from "./endpoints";

/** Arguments of {@link ModelServingPlatform}. */
export interface ModelServingPlatformArgs {
  /** The resolved stack (from `loadPlatform`): the only source of what to create. */
  readonly platform: ResolvedPlatform;
  /**
   * Kubeconfig of an existing cluster; pass it as a secret (`config.requireSecret("kubeconfig")`).
   * Required with `cluster.mode: existing`; ignored in create mode, where it comes from the cluster.
   * @default none (create mode)
   */
  readonly kubeconfig?: pulumi.Input<string>;
  /**
   * `configurationValues` of the created cluster's CoreDNS add-on (create mode).
   * @default the Corefile that forwards the `consul` domain to Consul DNS, when discovery is on
   */
  readonly coreDnsConfigurationValues?: pulumi.Input<Record<string, unknown>>;
  /**
   * Grafana's admin password and the alert receivers' endpoints (`readMonitoringSecrets`); required
   * when the platform has monitoring. @default none
   */
  readonly monitoringSecrets?: MonitoringSecrets;
  /**
   * Policy findings accepted for the platform and everything under it, each with a written reason
   * (see policies/README.md). Recorded in the component's inputs, where the policy pack reads them.
   * @default none
   */
  readonly policyAcknowledgements?: readonly ComponentAcknowledgement[];
}

/**
 * Everything one environment runs: the top-level component `stacks/` instantiates. It composes the
 * areas (compute, registry, model store, serving, discovery, observability, logging) from one resolved
 * spec and exposes each model's endpoint.
 */
export class ModelServingPlatform extends pulumi.ComponentResource {
  /** AWS provider for the environment's account and region; every AWS resource of the platform uses it. */
  readonly awsProvider: aws.Provider;
  /** Kubernetes provider every Kubernetes resource of the platform uses. */
  readonly kubernetesProvider: k8s.Provider;
  /** The serving namespace (Pod Security Standards `restricted`). */
  readonly namespace: k8s.core.v1.Namespace;
  /** Encrypted gp3 StorageClass of the platform's persistent volumes. */
  readonly storageClass: k8s.storage.v1.StorageClass;
  /** The AWS foundation (network, EKS, node groups, registry, model store, identities); create mode only. */
  readonly foundation?: AwsFoundation;
  /** The NVIDIA device plugin, where a created GPU node group's AMI does not ship it. */
  readonly devicePlugin?: NvidiaDevicePlugin;
  /** PriorityClass of the serving pods (above batch workloads). */
  readonly servingPriorityClass: k8s.scheduling.v1.PriorityClass;
  /** Default-deny NetworkPolicy of the serving namespace; each pool opens what its pods need. */
  readonly servingDefaultDeny: k8s.networking.v1.NetworkPolicy;
  /** One InferencePool per resolved server pool, keyed by pool name. */
  readonly serverPools: Readonly<Record<string, InferencePool>>;
  /** Consul (servers, catalog sync, DNS and the CoreDNS forwarding); absent when discovery is off. */
  readonly consul?: Consul;
  /** Elasticsearch, Kibana and Filebeat through ECK; absent when logging is off. */
  readonly logging?: LoggingStack;
  /** In-cluster endpoints of every model, keyed by model name. */
  readonly endpoints: pulumi.Output<Record<string, ModelEndpoint>>;
  /** Monitoring and alerting; absent when observability is disabled. */
  readonly observability?: Observability;

  constructor(name: string, args: ModelServingPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.platform, name, args.policyAcknowledgements ? { policyAcknowledgements: args.policyAcknowledgements } : {}, opts);
    const { environment, models, serverPools, discovery, monitoring } = args.platform;

    this.awsProvider = new aws.Provider(
      `${name}-aws`,
      { region: environment.aws.region as aws.Region, allowedAccountIds: [environment.aws.accountId] },
      { parent: this },
    );
    let kubeconfig = args.kubeconfig;
    if (args.platform.foundation) {
      const coreDns = args.coreDnsConfigurationValues ?? (discovery?.coreDns === "eks-addon" ? eksCoreDnsConfigurationValues(discovery) : undefined);
      this.foundation = new AwsFoundation(
        `${name}-foundation`,
        { environment, foundation: args.platform.foundation, ...(coreDns === undefined ? {} : { coreDnsConfigurationValues: coreDns }) },
        { parent: this, providers: [this.awsProvider] },
      );
      kubeconfig = this.foundation.kubeconfig;
    }
    if (kubeconfig === undefined) throw new pulumi.RunError(`${name}: an existing cluster needs its kubeconfig; pass args.kubeconfig.`);
    this.kubernetesProvider = new k8s.Provider(`${name}-kubernetes`, { kubeconfig: pulumi.secret(kubeconfig), namespace: environment.namespace }, { parent: this });
    const gpuPools = devicePluginPools(args.platform.foundation?.nodeGroups ?? []);
    if (gpuPools.length > 0) {
      this.devicePlugin = new NvidiaDevicePlugin(`${name}-nvidia-device-plugin`, { pools: gpuPools }, { parent: this, providers: [this.awsProvider, this.kubernetesProvider] });
    }
    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, renderNamespace(environment), {
      parent: this,
      provider: this.kubernetesProvider,
    });
    this.storageClass = new k8s.storage.v1.StorageClass(`${name}-storage-class`, renderStorageClass(environment), {
      parent: this,
      provider: this.kubernetesProvider,
    });
    const kubernetes = { parent: this, provider: this.kubernetesProvider };
    this.servingPriorityClass = new k8s.scheduling.v1.PriorityClass(`${name}-serving-priority`, renderServingPriorityClass(environment), kubernetes);
    this.servingDefaultDeny = new k8s.networking.v1.NetworkPolicy(`${name}-serving-default-deny`, renderDefaultDenyPolicy(environment), {
      ...kubernetes,
      dependsOn: [this.namespace],
    });
    const areas = { parent: this, providers: [this.awsProvider, this.kubernetesProvider] };
    if (discovery) {
      this.consul = new Consul(`${name}-consul`, { environment, discovery, storageClass: this.storageClass }, areas);
    }
    const byPool = modelsByPool(models);
    const serviceAnnotations = consulAnnotationsByModel(args.platform);
    const pools: Record<string, InferencePool> = {};
    for (const pool of serverPools) {
      // The pool's own read-only role in create mode; the role resolve gave it on an existing cluster.
      const roleArn = this.foundation?.modelStoreRoleArns[pool.name] ?? pool.readerRoleArn;
      // A custom image runs by the digest its push returned (resolve admits custom images in create mode only).
      const image = pool.customImage === undefined ? undefined : this.foundation?.registry.customImages[pool.customImage]?.reference;
      pools[pool.name] = new InferencePool(
        `${name}-${pool.name}`,
        { environment, pool, models: byPool.get(pool.name) ?? [], serviceAnnotations, ...(roleArn === undefined ? {} : { roleArn }), ...(image === undefined ? {} : { image }) },
        { ...areas, dependsOn: [this.namespace, this.servingPriorityClass] },
      );
    }
    this.serverPools = pools;
    this.endpoints = pulumi.output(modelEndpoints(environment, models, discovery));
    if (monitoring !== undefined) {
      if (args.monitoringSecrets === undefined) throw new pulumi.RunError("ModelServingPlatform: monitoring is enabled but no monitoringSecrets were passed; read them with readMonitoringSecrets.");
      this.observability = new Observability(
        `${name}-observability`,
        {
          environment,
          monitoring,
          models,
          serverPools,
          grafanaAdminPassword: args.monitoringSecrets.grafanaAdminPassword,
          receiverEndpoints: args.monitoringSecrets.receiverEndpoints,
          prerequisites: [this.namespace, this.storageClass],
        },
        areas,
      );
    }
    if (args.platform.logging) {
      this.logging = new LoggingStack(`${name}-logging`, { environment, logging: args.platform.logging, serverPools, storageClass: this.storageClass }, areas);
    }

    this.registerOutputs({ endpoints: this.endpoints, ...(this.observability === undefined ? {} : { monitoring: this.observability.urls }) });
  }
}
