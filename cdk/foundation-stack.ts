import { CfnOutput, Stack, Tags } from "aws-cdk-lib";
import { type Construct } from "constructs";
import { renderAddons } from "../components/compute/render";
import { AWS_TAGS } from "../components/labels";
import { EksAddons } from "./constructs/addons";
import { EksCluster } from "./constructs/cluster";
import { FoundationKey } from "./constructs/keys";
import { ModelStore } from "./constructs/model-store";
import { Network } from "./constructs/network";
import { ManagedNodeGroup } from "./constructs/node-group";
import { ModelStoreReaders } from "./constructs/readers";
import { ContainerRegistry } from "./constructs/registry";
import { CDK_DEFAULTS, foundationStackName } from "./defaults";
import { type FoundationPlatform } from "./load";
import { eksCoreDnsConfigurationValues } from "../components/discovery/coredns";
import { acknowledgeFindings } from "./nag";
import { constructIdOf } from "./render";

/** Properties of {@link FoundationStack}. */
export interface FoundationStackProps {
  /** The resolved stack (from `loadPlatform`); it must create its foundation (`cluster.mode: create`). */
  readonly platform: FoundationPlatform;
  /**
   * Extra `configurationValues` of the CoreDNS add-on, merged over the add-on's own values, as
   * `AwsFoundation` takes them. @default the Corefile that forwards `consul` to Consul DNS, when discovery is on
   */
  readonly coreDnsConfigurationValues?: Readonly<Record<string, unknown>>;
}

/**
 * The AWS foundation of one environment as a CloudFormation stack: the same resolved data and
 * renderers as the Pulumi `AwsFoundation`, built from CDK constructs. Bound to the environment's
 * account and region (availability zones come from `cdk.context.json`, so synthesis needs no
 * credentials). Kubernetes resources are not part of it: the serving layer is deployed with Pulumi on
 * the cluster this stack creates (README, "CDK").
 */
export class FoundationStack extends Stack {
  /** The resolved stack the foundation was built from. */
  readonly platform: FoundationStackProps["platform"];
  readonly network: Network;
  readonly eks: EksCluster;
  readonly networkingAddons: EksAddons;
  readonly addons: EksAddons;
  readonly nodeGroups: Readonly<Record<string, ManagedNodeGroup>>;
  readonly registry: ContainerRegistry;
  readonly modelStore: ModelStore;
  readonly readers: ModelStoreReaders;
  readonly logsKey: FoundationKey;

  constructor(scope: Construct, id: string, props: FoundationStackProps) {
    const { environment, foundation } = props.platform;
    const context = { accountId: environment.aws.accountId, region: environment.aws.region };
    super(scope, id, {
      env: { account: context.accountId, region: context.region },
      stackName: foundationStackName(environment.stack),
      description: `inferstack AWS foundation of stack ${environment.stack}: VPC, EKS cluster and node groups, ECR repositories, model store, read-only workload identities`,
    });
    this.platform = props.platform;
    const tags = { ...foundation.tags, [AWS_TAGS.managedBy]: CDK_DEFAULTS.managedBy };
    for (const [key, value] of Object.entries(tags)) Tags.of(this).add(key, value);
    const clusterName = foundation.cluster.name;
    // As ModelServingPlatform does: with discovery on, the CoreDNS add-on forwards `consul` to Consul DNS.
    const discovery = props.platform.discovery;
    const coreDns = props.coreDnsConfigurationValues ?? (discovery?.coreDns === "eks-addon" ? eksCoreDnsConfigurationValues(discovery) : undefined);
    const deletionWindow = foundation.kmsDeletionWindowDays;

    this.logsKey = new FoundationKey(this, "LogsKey", { purpose: "logs", context, deletionWindowDays: deletionWindow });
    this.network = new Network(this, "Network", { network: foundation.network, clusterName, accountId: context.accountId, logsKey: this.logsKey.key });
    this.eks = new EksCluster(this, "Eks", {
      cluster: foundation.cluster,
      vpc: this.network.vpc,
      subnets: this.network.privateSubnetsIn(foundation.network.zones.map((z) => z.name)),
      logsKey: this.logsKey.key,
      context,
      kmsDeletionWindowDays: deletionWindow,
    });
    const cluster = this.eks.cluster;
    const oidcProvider = { arn: this.eks.oidcProviderArn, issuerHostPath: this.eks.oidcIssuerHostPath };
    const addons = renderAddons();
    // Nodes stay NotReady without the CNI: networking add-ons come first, the rest once nodes run pods.
    this.networkingAddons = new EksAddons(this, "NetworkingAddons", { cluster, clusterName, oidcProvider, addons: addons.filter((a) => a.beforeNodes) });
    const nodeGroups: Record<string, ManagedNodeGroup> = {};
    for (const group of foundation.nodeGroups) {
      const nodes = new ManagedNodeGroup(this, `${group.pool}Nodes`, {
        group,
        clusterName,
        cluster,
        nodeRole: this.eks.nodeRole.role,
        subnets: this.network.privateSubnetsIn(group.zones),
        tags,
      });
      nodes.node.addDependency(this.networkingAddons);
      nodeGroups[group.pool] = nodes;
    }
    this.nodeGroups = nodeGroups;
    this.addons = new EksAddons(this, "Addons", {
      cluster,
      clusterName,
      oidcProvider,
      addons: addons.filter((a) => !a.beforeNodes),
      ...(coreDns === undefined ? {} : { extraConfiguration: { coredns: coreDns } }),
    });
    for (const group of foundation.nodeGroups.filter((g) => g.system)) this.addons.node.addDependency(nodeGroups[group.pool]!);

    this.registry = new ContainerRegistry(this, "Registry", { registry: foundation.registry, context, kmsDeletionWindowDays: deletionWindow });
    this.modelStore = new ModelStore(this, "ModelStore", { store: foundation.modelStore, context, kmsDeletionWindowDays: deletionWindow });
    this.readers = new ModelStoreReaders(this, "ModelReaders", {
      identities: foundation.identities,
      oidcProvider,
      store: { bucket: foundation.modelStore.bucket, keyArn: this.modelStore.key.keyArn, region: context.region },
    });

    new CfnOutput(this, "ClusterName", { value: cluster.clusterName, description: "EKS cluster: aws eks update-kubeconfig --name <this> for the serving layer" });
    new CfnOutput(this, "RegistryUrl", { value: this.registry.url, description: "registry.mirror of the serving layer's stack" });
    new CfnOutput(this, "ModelStoreBucket", { value: foundation.modelStore.bucket, description: "modelStore.bucket of the serving layer's stack" });
    for (const [pool, reader] of Object.entries(this.readers.readers)) {
      new CfnOutput(this, `ModelStoreRoleArn${constructIdOf(pool)}`, {
        value: reader.role.roleArn,
        description: `IRSA role of server pool ${pool} (eks.amazonaws.com/role-arn of its ServiceAccount)`,
      });
    }
    acknowledgeFindings(this);
  }
}
