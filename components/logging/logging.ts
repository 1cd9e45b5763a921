import * as k8s from "../kubernetes-sdk";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedEnvironment, type ResolvedLogging, type ResolvedServerPool } from "../resolve/types";
import { TOKENS } from "../tokens";
import { renderLogging } from "./render";
import { loggingAccess, type LoggingAccess } from "./report";

/** Arguments of {@link LoggingStack}. */
export interface LoggingStackArgs {
  /** The resolved environment (stack name, tier, serving namespace, zone spread). */
  readonly environment: ResolvedEnvironment;
  /** The resolved logging settings: stack version, nodes, storage, retention. */
  readonly logging: ResolvedLogging;
  /** The server pools, for the `inferstack.models` field of lines from pools serving several models. */
  readonly serverPools: readonly ResolvedServerPool[];
  /**
   * The encrypted StorageClass of the Elasticsearch volumes; the cluster waits for it.
   * @default none (the class must already exist)
   */
  readonly storageClass?: pulumi.Resource;
}

/**
 * Logging for one environment: the ECK operator from Elastic's official chart (pinned in
 * `ECK_CHART`), and as first-class custom resources an Elasticsearch cluster, Kibana and Filebeat on
 * every node, with the ILM policy that enforces retention, the shippers' RBAC and the namespace's
 * network policies.
 *
 * Kubernetes children inherit the provider from the parent (`providers` of the platform). The custom
 * resources wait for the operator release, which installs their CRDs.
 */
export class LoggingStack extends pulumi.ComponentResource {
  readonly operatorNamespace: k8s.core.v1.Namespace;
  readonly namespace: k8s.core.v1.Namespace;
  readonly operator: k8s.helm.v3.Release;
  readonly elasticsearch: k8s.apiextensions.CustomResource;
  readonly kibana: k8s.apiextensions.CustomResource;
  readonly shipper: k8s.apiextensions.CustomResource;
  /** Namespace, Kibana and Elasticsearch endpoints, the port-forward command and the retention. */
  readonly access: pulumi.Output<LoggingAccess>;

  constructor(name: string, args: LoggingStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.logging, name, {}, opts);
    const rendered = renderLogging(args.environment, args.logging, args.serverPools);
    const child = { parent: this };

    this.operatorNamespace = new k8s.core.v1.Namespace(`${name}-operator-namespace`, rendered.operatorNamespace, child);
    this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, rendered.namespace, child);
    const { operator } = rendered;
    this.operator = new k8s.helm.v3.Release(
      `${name}-operator`,
      {
        name: operator.name,
        namespace: operator.namespace,
        chart: operator.chart,
        version: operator.version,
        repositoryOpts: { repo: operator.repository },
        values: operator.values,
      },
      { ...child, dependsOn: [this.operatorNamespace, this.namespace] },
    );

    const inNamespace = { ...child, dependsOn: [this.namespace] };
    new k8s.networking.v1.NetworkPolicy(`${name}-default-deny`, rendered.networkPolicies.defaultDeny, inNamespace);
    new k8s.networking.v1.NetworkPolicy(`${name}-elasticsearch-ingress`, rendered.networkPolicies.elasticsearch, inNamespace);

    const account = new k8s.core.v1.ServiceAccount(`${name}-shipper-account`, rendered.rbac.serviceAccount, inNamespace);
    const role = new k8s.rbac.v1.ClusterRole(`${name}-shipper-role`, rendered.rbac.clusterRole, child);
    const binding = new k8s.rbac.v1.ClusterRoleBinding(`${name}-shipper-binding`, rendered.rbac.clusterRoleBinding, { ...child, dependsOn: [role, account] });
    const ilmPolicy = new k8s.core.v1.ConfigMap(`${name}-ilm-policy`, rendered.ilmConfigMap, inNamespace);

    const afterOperator = [this.operator, this.namespace];
    this.elasticsearch = new k8s.apiextensions.CustomResource(`${name}-elasticsearch`, rendered.elasticsearch, {
      ...child,
      dependsOn: [...afterOperator, ...(args.storageClass ? [args.storageClass] : [])],
    });
    this.kibana = new k8s.apiextensions.CustomResource(`${name}-kibana`, rendered.kibana, { ...child, dependsOn: [...afterOperator, this.elasticsearch] });
    this.shipper = new k8s.apiextensions.CustomResource(`${name}-shipper`, rendered.beat, {
      ...child,
      dependsOn: [...afterOperator, this.elasticsearch, binding, ilmPolicy],
    });
    this.access = pulumi.output(loggingAccess(args.logging));

    this.registerOutputs({ access: this.access });
  }
}
