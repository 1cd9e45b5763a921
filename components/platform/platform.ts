import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { renderNamespace } from "../kubernetes/namespace";
import { renderStorageClass } from "../kubernetes/storage";
import { type ResolvedPlatform } from "../resolve/types";
import { type ComponentAcknowledgement } from "../spec/policy";
import { TOKENS } from "../tokens";
import { modelEndpoints, type ModelEndpoint } from "./endpoints";

/** Arguments of {@link ModelServingPlatform}. */
export interface ModelServingPlatformArgs {
  /** The resolved stack (from `loadPlatform`): the only source of what to create. */
  readonly platform: ResolvedPlatform;
  /** Kubeconfig of the target cluster; pass it as a secret (`config.requireSecret("kubeconfig")`). */
  readonly kubeconfig: pulumi.Input<string>;
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
  /** In-cluster endpoints of every model, keyed by model name. */
  readonly endpoints: pulumi.Output<Record<string, ModelEndpoint>>;

  constructor(name: string, args: ModelServingPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.platform, name, args.policyAcknowledgements ? { policyAcknowledgements: args.policyAcknowledgements } : {}, opts);
    const { environment, models } = args.platform;

    this.awsProvider = new aws.Provider(
      `${name}-aws`,
      { region: environment.aws.region as aws.Region, allowedAccountIds: [environment.aws.accountId] },
      { parent: this },
    );
    this.kubernetesProvider = new k8s.Provider(
      `${name}-kubernetes`,
      { kubeconfig: pulumi.secret(args.kubeconfig), namespace: environment.namespace },
      { parent: this },
    );
    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, renderNamespace(environment), {
      parent: this,
      provider: this.kubernetesProvider,
    });
    this.storageClass = new k8s.storage.v1.StorageClass(`${name}-storage-class`, renderStorageClass(environment), {
      parent: this,
      provider: this.kubernetesProvider,
    });
    this.endpoints = pulumi.output(modelEndpoints(environment, models));

    this.registerOutputs({ endpoints: this.endpoints });
  }
}
