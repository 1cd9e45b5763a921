import * as pulumi from "@pulumi/pulumi";
import { EksAddons } from "../compute/addons";
import { EksCluster } from "../compute/cluster";
import { ManagedNodeGroup } from "../compute/node-group";
import { renderAddons } from "../compute/render";
import { foundationKey } from "../identity/kms-key";
import { ModelStoreReaders } from "../identity/readers";
import { ModelStore } from "../modelstore/model-store";
import { Network } from "../network/network";
import { ContainerRegistry } from "../registry/registry";
import { type ResolvedFoundation } from "../resolve/foundation-types";
import { type ResolvedEnvironment } from "../resolve/types";
import { TOKENS } from "../tokens";

/** Arguments of {@link AwsFoundation}. */
export interface AwsFoundationArgs {
  /** The resolved environment (region, account). */
  readonly environment: ResolvedEnvironment;
  /** The resolved foundation (`platform.foundation`): the only source of what to create. */
  readonly foundation: ResolvedFoundation;
  /**
   * Extra `configurationValues` of the CoreDNS add-on (e.g. `{ corefile }` with the Consul forwarding
   * block from the discovery area), merged over the add-on's own values. @default none
   */
  readonly coreDnsConfigurationValues?: pulumi.Input<Record<string, unknown>>;
}

/**
 * Everything a `cluster.mode: create` environment runs on: network (new or existing VPC), EKS cluster
 * with its add-ons, the system and node pool node groups, the container registry, the model store and
 * one read-only identity per server pool. Kubernetes resources come later, through a provider built
 * from {@link kubeconfig}.
 */
export class AwsFoundation extends pulumi.ComponentResource {
  readonly cluster: EksCluster;
  readonly network?: Network;
  readonly nodeGroups: Readonly<Record<string, ManagedNodeGroup>>;
  readonly registry: ContainerRegistry;
  readonly modelStore: ModelStore;
  /** Role ARN per server pool for its ServiceAccount (`eks.amazonaws.com/role-arn`). */
  readonly modelStoreRoleArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** Kubeconfig of the cluster (secret), available once the node groups and add-ons exist. */
  readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: AwsFoundationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.foundation, name, {}, opts);
    const { foundation, environment } = args;
    const { tags } = foundation;
    const context = { accountId: environment.aws.accountId, region: environment.aws.region };
    const clusterName = foundation.cluster.name;

    const logsKey = foundationKey(`${name}-logs-key`, { purpose: "logs", context, deletionWindowInDays: foundation.kmsDeletionWindowDays, tags }, { parent: this });
    let privateSubnetIds: Readonly<Record<string, pulumi.Input<string>>>;
    if (foundation.network.mode === "create") {
      this.network = new Network(
        `${name}-network`,
        { network: foundation.network, clusterName, region: context.region, accountId: context.accountId, tags, logsKeyArn: logsKey.arn },
        { parent: this },
      );
      privateSubnetIds = this.network.privateSubnetIds;
    } else {
      privateSubnetIds = Object.fromEntries(foundation.network.zones.map((z) => [z.name, z.privateSubnetId]));
    }
    const subnetsOf = (zones: readonly string[]) => zones.map((zone) => privateSubnetIds[zone]!);

    this.cluster = new EksCluster(
      `${name}-eks`,
      {
        cluster: foundation.cluster,
        subnetIds: subnetsOf(foundation.network.zones.map((z) => z.name)),
        logsKeyArn: logsKey.arn,
        context,
        kmsDeletionWindowDays: foundation.kmsDeletionWindowDays,
        tags,
      },
      { parent: this },
    );
    const addons = renderAddons();
    const identity = { clusterName: this.cluster.clusterName, clusterNameText: clusterName, oidcProviderArn: this.cluster.oidcProviderArn, issuerUrl: this.cluster.issuerUrl, tags };
    // Nodes stay NotReady without the CNI: networking add-ons come first, the rest once nodes can run pods.
    const networkingAddons = new EksAddons(`${name}-networking-addons`, { ...identity, addons: addons.filter((a) => a.beforeNodes) }, { parent: this });

    // Ordering travels with inputs: a component's dependsOn does not reach its children, an Output's
    // dependencies do. Node groups wait for the networking add-ons, the other add-ons for system nodes.
    const nodeRoleArn = pulumi.all([this.cluster.nodeRoleArn, networkingAddons.ready]).apply(([arn]) => arn);
    const nodeGroups: Record<string, ManagedNodeGroup> = {};
    for (const group of foundation.nodeGroups) {
      nodeGroups[group.pool] = new ManagedNodeGroup(
        `${name}-${group.pool}-nodes`,
        { group, clusterName, cluster: this.cluster.clusterName, nodeRoleArn, subnetIds: subnetsOf(group.zones), tags },
        { parent: this },
      );
    }
    this.nodeGroups = nodeGroups;
    const systemNodes = pulumi.all(foundation.nodeGroups.filter((g) => g.system).map((g) => nodeGroups[g.pool]!.nodeGroupName));
    const workloadAddons = new EksAddons(
      `${name}-addons`,
      {
        ...identity,
        clusterName: pulumi.all([this.cluster.clusterName, systemNodes]).apply(([clusterName]) => clusterName),
        addons: addons.filter((a) => !a.beforeNodes),
        ...(args.coreDnsConfigurationValues === undefined ? {} : { extraConfiguration: { coredns: args.coreDnsConfigurationValues } }),
      },
      { parent: this },
    );

    this.registry = new ContainerRegistry(`${name}-registry`, { registry: foundation.registry, context, kmsDeletionWindowDays: foundation.kmsDeletionWindowDays, tags }, { parent: this });
    this.modelStore = new ModelStore(`${name}-model-store`, { store: foundation.modelStore, context, kmsDeletionWindowDays: foundation.kmsDeletionWindowDays, tags }, { parent: this });
    const readers = new ModelStoreReaders(
      `${name}-model-readers`,
      {
        identities: foundation.identities,
        clusterName,
        oidcProviderArn: this.cluster.oidcProviderArn,
        issuerUrl: this.cluster.issuerUrl,
        store: { bucket: foundation.modelStore.bucket, keyArn: this.modelStore.keyArn, region: context.region },
        tags,
      },
      { parent: this },
    );
    this.modelStoreRoleArns = readers.roleArns;

    // Kubernetes resources of the other areas wait for nodes and add-ons (Helm releases wait for pods).
    const nodesReady = pulumi.all(Object.values(nodeGroups).map((g) => g.nodeGroupName));
    this.kubeconfig = pulumi.secret(pulumi.all([this.cluster.kubeconfig, nodesReady, workloadAddons.ready]).apply(([kubeconfig]) => kubeconfig));
    this.registerOutputs({
      clusterName: this.cluster.clusterName,
      registryUrl: this.registry.url,
      modelStoreBucket: this.modelStore.bucketName,
      modelStoreRoleArns: this.modelStoreRoleArns,
    });
  }
}
