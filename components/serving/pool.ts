import * as aws from "../aws-sdk";
import * as k8s from "../kubernetes-sdk";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedEnvironment, type ResolvedModel, type ResolvedServerPool } from "../resolve/types";
import { TOKENS } from "../tokens";
import { renderInferencePool, type RenderedInferencePool } from "./render";
import { SERVING_SETTINGS } from "./settings";

/** Arguments of {@link InferencePool}. */
export interface InferencePoolArgs {
  /** The resolved environment (namespace, tier, region, model store). */
  readonly environment: ResolvedEnvironment;
  /** The server pool to run: its runtime (Triton or TF Serving) selects the renderers. */
  readonly pool: ResolvedServerPool;
  /** The models the pool serves (those whose `serverPool` is the pool's name). */
  readonly models: readonly ResolvedModel[];
  /**
   * ARN of the pool's read-only model-store role, annotated on its ServiceAccount for IRSA
   * (`eks.amazonaws.com/role-arn`). Without it the pods have no AWS credentials of their own.
   * @default none
   */
  readonly roleArn?: pulumi.Input<string>;
  /** Extra annotations of each model's Service, keyed by model name (e.g. Consul registration). @default none */
  readonly serviceAnnotations?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Image of the runtime container when it is only known once another resource exists, e.g. a custom
   * image's `<repository>:<tag>@sha256:<digest>` after its push (`CustomImage.reference`); the pods
   * then also wait for that push. @default `pool.image`
   */
  readonly image?: pulumi.Input<string>;
}

/**
 * One server pool on Kubernetes: a Deployment of one runtime serving one or more models, with its
 * ServiceAccount, a Service per model, a metrics Service, a disruption budget, an autoscaler and a
 * NetworkPolicy; Triton `config.pbtxt` files as model-store objects (or in a ConfigMap for models
 * synced into the pod), TF Serving config files in a ConfigMap.
 *
 * The pods run in `environment.namespace` at the PriorityClass `<namespace>-serving`
 * (`renderServingPriorityClass`): `ModelServingPlatform` creates both; a program composing a pool by
 * hand creates them itself (see `examples/single-pool`). Resources given in `opts.dependsOn` are
 * passed on to every child.
 *
 * One component for both runtimes: they need the same Kubernetes objects and differ only in what
 * the renderers put inside them, so two components would be copies of each other.
 */
export class InferencePool extends pulumi.ComponentResource {
  readonly serviceAccount: k8s.core.v1.ServiceAccount;
  /** Present for TF Serving pools and Triton pools with models synced into the pod. */
  readonly configMap?: k8s.core.v1.ConfigMap;
  /** Triton `config.pbtxt` objects in the model store, keyed by model name. */
  readonly modelConfigObjects: Readonly<Record<string, aws.s3.BucketObjectv2>>;
  readonly deployment: k8s.apps.v1.Deployment;
  /** The Service of each model, keyed by model name. */
  readonly services: Readonly<Record<string, k8s.core.v1.Service>>;
  readonly metricsService: k8s.core.v1.Service;
  readonly disruptionBudget: k8s.policy.v1.PodDisruptionBudget;
  readonly autoscaler: k8s.autoscaling.v2.HorizontalPodAutoscaler;
  readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
  /** Name of the Deployment. */
  readonly deploymentName: pulumi.Output<string>;
  /** Service name of each model, keyed by model name. */
  readonly serviceNames: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: InferencePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.inferencePool, name, {}, opts);
    const rendered = renderInferencePool(args);
    // The engine does not order a component's children after the component's own dependencies: pass them on.
    const after = dependencyList(opts?.dependsOn);
    const child = { parent: this, dependsOn: after };

    const serviceAccount = rendered.serviceAccount;
    this.serviceAccount = new k8s.core.v1.ServiceAccount(
      `${name}-service-account`,
      args.roleArn === undefined
        ? serviceAccount
        : { ...serviceAccount, metadata: { ...serviceAccount.metadata, annotations: { [SERVING_SETTINGS.roleArnAnnotation]: args.roleArn } } },
      child,
    );
    this.configMap = rendered.configMap && new k8s.core.v1.ConfigMap(`${name}-config`, rendered.configMap, child);
    const objects: Record<string, aws.s3.BucketObjectv2> = {};
    for (const object of rendered.modelConfigObjects) {
      objects[object.model] = new aws.s3.BucketObjectv2(
        `${name}-${object.model}-config`,
        { bucket: object.bucket, key: object.key, content: object.content, contentType: "text/plain" },
        child,
      );
    }
    this.modelConfigObjects = objects;

    // The pods start only once their ServiceAccount and every config they load exist.
    const configs: pulumi.Resource[] = [...Object.values(objects), ...(this.configMap ? [this.configMap] : [])];
    const deployment = args.image === undefined ? rendered.deployment : withServerImage(rendered.deployment, args.pool.runtime, args.image);
    this.deployment = new k8s.apps.v1.Deployment(`${name}-deployment`, deployment, { ...child, dependsOn: [...after, this.serviceAccount, ...configs] });

    const services: Record<string, k8s.core.v1.Service> = {};
    for (const { model, service } of rendered.services) services[model] = new k8s.core.v1.Service(`${name}-${model}-service`, service, child);
    this.services = services;
    this.metricsService = new k8s.core.v1.Service(`${name}-metrics`, rendered.metricsService, child);
    this.disruptionBudget = new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, rendered.disruptionBudget, child);
    this.autoscaler = new k8s.autoscaling.v2.HorizontalPodAutoscaler(`${name}-hpa`, rendered.autoscaler, { ...child, dependsOn: [...after, this.deployment] });
    this.networkPolicy = new k8s.networking.v1.NetworkPolicy(`${name}-network-policy`, rendered.networkPolicy, child);

    this.deploymentName = this.deployment.metadata.name;
    this.serviceNames = pulumi.all(Object.fromEntries(Object.entries(services).map(([model, s]) => [model, s.metadata.name])));
    this.registerOutputs({ deploymentName: this.deploymentName, serviceNames: this.serviceNames });
  }
}

/** The rendered Deployment with the image of its runtime container (named after the runtime) replaced. */
function withServerImage(deployment: RenderedInferencePool["deployment"], runtime: string, image: pulumi.Input<string>) {
  const { template } = deployment.spec;
  const containers = template.spec.containers.map((container) => (container.name === runtime ? { ...container, image } : container));
  return { ...deployment, spec: { ...deployment.spec, template: { ...template, spec: { ...template.spec, containers } } } };
}

/** The component's `dependsOn` as a list (a single resource or a list of them). */
function dependencyList(dependsOn: pulumi.ComponentResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
  if (dependsOn === undefined) return [];
  return Array.isArray(dependsOn) ? [...(dependsOn as pulumi.Input<pulumi.Resource>[])] : [dependsOn as pulumi.Input<pulumi.Resource>];
}
