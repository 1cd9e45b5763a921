import { standardLabels } from "../labels";
import { ECK_CHART } from "../resolve/logging-defaults";
import { type ResolvedEnvironment, type ResolvedLogging } from "../resolve/types";
import { eckServices } from "./elasticsearch";

/** Elasticsearch's transport port (node to node, TLS always on under ECK). */
const TRANSPORT_PORT = 9300;

function podSecurity(level: "privileged" | "restricted", warn: "restricted" = "restricted") {
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/warn": warn,
    "pod-security.kubernetes.io/audit": warn,
  };
}

/**
 * The logging namespace. Filebeat reads other pods' log files from the node (hostPath volumes) as
 * root, which the `baseline` and `restricted` Pod Security Standards forbid, so this namespace
 * enforces `privileged`; it still warns and audits against `restricted`, so every pod here that is
 * less than restricted is reported (the shippers by design; Elasticsearch and Kibana are rendered to
 * meet it). The serving namespace keeps enforcing `restricted`.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export function renderLoggingNamespace(environment: ResolvedEnvironment, logging: ResolvedLogging) {
  return {
    apiVersion: "v1" as const,
    kind: "Namespace" as const,
    metadata: {
      name: logging.namespace,
      labels: { ...standardLabels({ name: "inferstack", instance: logging.namespace, component: "namespace", environment: environment.stack }), ...podSecurity("privileged") },
    },
  } as const;
}

/** The ECK operator's namespace: the operator runs non-root with a restricted security context. */
export function renderOperatorNamespace(environment: ResolvedEnvironment) {
  return {
    apiVersion: "v1" as const,
    kind: "Namespace" as const,
    metadata: {
      name: ECK_CHART.namespace,
      labels: { ...standardLabels({ name: "eck-operator", instance: ECK_CHART.namespace, component: "namespace", environment: environment.stack }), ...podSecurity("restricted") },
    },
  } as const;
}

/**
 * Ingress rules of the logging namespace: deny by default; Elasticsearch's HTTP port is open to the
 * namespace's own pods (Kibana, Filebeat) and to the operator, its transport port to its own nodes.
 * Kibana gets no allow: it is reached with `kubectl port-forward`, which enters the pod through the
 * kubelet rather than the pod network. Kubelet probes are always allowed.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export function renderLoggingNetworkPolicies(environment: ResolvedEnvironment, logging: ResolvedLogging) {
  const labels = standardLabels({ name: "inferstack", instance: logging.namespace, component: "network-policy", environment: environment.stack });
  const esPods = { "common.k8s.elastic.co/type": "elasticsearch", "elasticsearch.k8s.elastic.co/cluster-name": logging.name };
  const namespaced = (name: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } } });
  return {
    defaultDeny: {
      apiVersion: "networking.k8s.io/v1" as const,
      kind: "NetworkPolicy" as const,
      metadata: { name: "default-deny-ingress", namespace: logging.namespace, labels },
      spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [] },
    },
    elasticsearch: {
      apiVersion: "networking.k8s.io/v1" as const,
      kind: "NetworkPolicy" as const,
      metadata: { name: `${logging.name}-elasticsearch`, namespace: logging.namespace, labels },
      spec: {
        podSelector: { matchLabels: esPods },
        policyTypes: ["Ingress"],
        ingress: [
          { from: [namespaced(logging.namespace), namespaced(ECK_CHART.namespace)], ports: [{ protocol: "TCP", port: eckServices(logging).elasticsearch.port }] },
          { from: [{ podSelector: { matchLabels: esPods } }], ports: [{ protocol: "TCP", port: TRANSPORT_PORT }] },
        ],
      },
    },
  };
}
