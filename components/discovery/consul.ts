import * as k8s from "../kubernetes-sdk";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedDiscovery, type ResolvedEnvironment } from "../resolve/types";
import { TOKENS } from "../tokens";
import { renderConsul } from "./render";

/** Arguments of {@link Consul}. */
export interface ConsulArgs {
  /** The resolved environment (namespace of the models to sync, tier, stack name). */
  readonly environment: ResolvedEnvironment;
  /** The resolved discovery settings: servers, security, DNS and CoreDNS delivery. */
  readonly discovery: ResolvedDiscovery;
  /**
   * The encrypted StorageClass the servers' volumes use; the release waits for it.
   * @default none (the class must already exist)
   */
  readonly storageClass?: pulumi.Resource;
}

/**
 * Consul on the cluster, from HashiCorp's official chart (pinned in `CONSUL_CHART`): its namespace,
 * the Helm release with typed and validated values, and, on a bring-your-own cluster, the patch of
 * the `coredns` ConfigMap that forwards the `consul` domain to the Consul DNS Service.
 *
 * Kubernetes children inherit the provider from the parent (`providers` of the platform).
 */
export class Consul extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  readonly release: k8s.helm.v3.Release;
  /** Present when `discovery.coreDns` is `configmap-patch`. */
  readonly coreDnsPatch?: k8s.core.v1.ConfigMapPatch;
  /** The pinned ClusterIP of the Consul DNS Service. */
  readonly dnsClusterIP: pulumi.Output<string>;

  constructor(name: string, args: ConsulArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.consul, name, {}, opts);
    const rendered = renderConsul(args.environment, args.discovery);

    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, rendered.namespace, { parent: this });
    const { release } = rendered;
    this.release = new k8s.helm.v3.Release(
      `${name}-release`,
      {
        name: release.name,
        namespace: release.namespace,
        chart: release.chart,
        version: release.version,
        repositoryOpts: { repo: release.repository },
        values: release.values,
      },
      { parent: this, dependsOn: [this.namespace, ...(args.storageClass ? [args.storageClass] : [])] },
    );
    if (rendered.coreDnsPatch) {
      this.coreDnsPatch = new k8s.core.v1.ConfigMapPatch(`${name}-coredns`, rendered.coreDnsPatch, { parent: this, dependsOn: [this.release] });
    }
    this.dnsClusterIP = pulumi.output(args.discovery.dns.clusterIP);

    this.registerOutputs({ dnsClusterIP: this.dnsClusterIP });
  }
}
