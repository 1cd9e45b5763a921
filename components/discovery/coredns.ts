import { CONSUL_CHART } from "../resolve/discovery-defaults";
import { type ResolvedDiscovery } from "../resolve/types";

/** Where cluster DNS reads its configuration: the `Corefile` key of the `coredns` ConfigMap. */
export const COREDNS = Object.freeze({
  namespace: "kube-system",
  configMap: "coredns",
  key: "Corefile",
  /** The cluster's DNS domain (EKS and kubeadm default). */
  clusterDomain: "cluster.local",
});

/**
 * The server block that sends every `*.consul` query to the Consul DNS Service on its pinned
 * ClusterIP, caching answers at most `coreDnsCacheSeconds`. HashiCorp's recipe for CoreDNS is this
 * block with `errors`, `cache` and `forward . <consul-dns ClusterIP>`.
 * @see https://developer.hashicorp.com/consul/docs/k8s/dns
 * @see https://coredns.io/plugins/forward/
 */
export function renderConsulServerBlock(discovery: Pick<ResolvedDiscovery, "dns">): string {
  return [
    `${CONSUL_CHART.domain}:53 {`,
    "    errors",
    `    cache ${discovery.dns.coreDnsCacheSeconds}`,
    `    forward . ${discovery.dns.clusterIP}`,
    "}",
    "",
  ].join("\n");
}

/**
 * The cluster's own server block as the EKS CoreDNS add-on ships it (health with a 5 s lame-duck
 * period, readiness, the Kubernetes zone, metrics on 9153, upstream resolvers, a 30 s cache, loop
 * detection, live reload, answer shuffling), as published in AWS-community examples of add-on
 * v1.11 configuration. The add-on version the cluster runs may differ in detail: compare with
 * `kubectl -n kube-system get configmap coredns -o yaml` before the first deploy.
 */
export function renderClusterServerBlock(): string {
  return [
    ".:53 {",
    "    errors",
    "    health {",
    "        lameduck 5s",
    "    }",
    "    ready",
    `    kubernetes ${COREDNS.clusterDomain} in-addr.arpa ip6.arpa {`,
    "        pods insecure",
    "        fallthrough in-addr.arpa ip6.arpa",
    "    }",
    "    prometheus :9153",
    "    forward . /etc/resolv.conf",
    "    cache 30",
    "    loop",
    "    reload",
    "    loadbalance",
    "}",
    "",
  ].join("\n");
}

/**
 * The whole Corefile: the cluster block followed by the Consul block. Both delivery paths need the
 * whole file: the EKS add-on's `corefile` value is "Entire corefile contents to use with
 * installation" (its configuration schema has no way to append a block), and the `coredns`
 * ConfigMap holds the file as one key, mounted as the only file CoreDNS reads.
 */
export function renderCorefile(discovery: Pick<ResolvedDiscovery, "dns">): string {
  return `${renderClusterServerBlock()}${renderConsulServerBlock(discovery)}`;
}

/**
 * What the EKS CoreDNS add-on needs in its `configurationValues` (a JSON document validated against
 * the add-on version's schema, `additionalProperties: false`): the `corefile` property. Merge it
 * with any other add-on values (replicaCount, resources, ...) before JSON-encoding.
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeAddonConfiguration.html
 */
export function eksCoreDnsConfigurationValues(discovery: Pick<ResolvedDiscovery, "dns">): { readonly corefile: string } {
  return { corefile: renderCorefile(discovery) };
}

/**
 * The server-side-apply patch of the `coredns` ConfigMap on a bring-your-own cluster. It takes
 * ownership of the `Corefile` key (`pulumi.com/patchForce`: the key is owned by whoever installed
 * CoreDNS) and carries no inferstack labels: the object is not ours, only this one key is.
 * @see https://www.pulumi.com/registry/packages/kubernetes/how-to-guides/managing-resources-with-server-side-apply/
 */
export function renderCoreDnsPatch(discovery: Pick<ResolvedDiscovery, "dns">) {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: COREDNS.configMap,
      namespace: COREDNS.namespace,
      annotations: { "pulumi.com/patchForce": "true" },
    },
    data: { [COREDNS.key]: renderCorefile(discovery) },
  } as const;
}
