import { LABELS, standardLabels } from "../../labels";
import { SERVING_TIER_DEFAULTS } from "../../resolve/serving-defaults";
import { type ResolvedEnvironment, type ResolvedModel, type ResolvedServerPool } from "../../resolve/types";
import { AUTOSCALING_METRIC, RUNTIME_FACTS } from "../../runtimes";
import { SERVING_SETTINGS } from "../settings";
import { POOL_NAMES, podSelector, poolLabels } from "./names";

/**
 * The pool's ServiceAccount, named by the server-pool contract (`<pool>-server`) so the model-store
 * role's trust policy can name it. With `roleArn`, annotated for IRSA (FACTS §6.5).
 */
export function renderServiceAccount(pool: ResolvedServerPool, environment: ResolvedEnvironment, roleArn?: string) {
  return {
    apiVersion: "v1" as const,
    kind: "ServiceAccount" as const,
    metadata: {
      name: pool.serviceAccount,
      namespace: environment.namespace,
      labels: poolLabels(pool, environment, "server"),
      ...(roleArn === undefined ? {} : { annotations: { [SERVING_SETTINGS.roleArnAnnotation]: roleArn } }),
    },
    automountServiceAccountToken: false,
  };
}

/** The pool's ConfigMap: TF Serving config files, or `config.pbtxt` of Triton models synced into the pod. */
export function renderConfigMap(pool: ResolvedServerPool, environment: ResolvedEnvironment, data: Readonly<Record<string, string>>) {
  return {
    apiVersion: "v1" as const,
    kind: "ConfigMap" as const,
    metadata: { name: POOL_NAMES.configMap(pool.name), namespace: environment.namespace, labels: poolLabels(pool, environment, "runtime-config") },
    data: { ...data },
  };
}

/**
 * One ClusterIP Service per model, named exactly as the model, so each model keeps a stable name even
 * in a shared pool. Ports `http` and `grpc`; metrics are scraped once per pod through the pool's
 * metrics Service instead. `annotations` carries what discovery adds (Consul registration).
 */
export function renderModelService(
  pool: ResolvedServerPool,
  model: ResolvedModel,
  environment: ResolvedEnvironment,
  annotations: Readonly<Record<string, string>> = {},
) {
  const facts = RUNTIME_FACTS[pool.runtime];
  return {
    apiVersion: "v1" as const,
    kind: "Service" as const,
    metadata: {
      name: model.name,
      namespace: environment.namespace,
      labels: {
        ...standardLabels({ name: pool.runtime, instance: model.name, component: "model-endpoint", model: model.name, environment: environment.stack }),
        [LABELS.serverPool]: pool.name,
      },
      ...(Object.keys(annotations).length === 0 ? {} : { annotations: { ...annotations } }),
    },
    spec: {
      type: "ClusterIP",
      selector: podSelector(pool),
      ports: [
        { name: "http", port: facts.httpPort, targetPort: "http", protocol: "TCP" },
        { name: "grpc", port: facts.grpcPort, targetPort: "grpc", protocol: "TCP" },
      ],
    },
  };
}

/** The per-pool metrics Service `<pool>-metrics` that observability's ServiceMonitor selects. */
export function renderMetricsService(pool: ResolvedServerPool, environment: ResolvedEnvironment) {
  const port = RUNTIME_FACTS[pool.runtime].metricsPort;
  return {
    apiVersion: "v1" as const,
    kind: "Service" as const,
    metadata: { name: POOL_NAMES.metricsService(pool.name), namespace: environment.namespace, labels: poolLabels(pool, environment, "metrics") },
    spec: { type: "ClusterIP", selector: podSelector(pool), ports: [{ name: "metrics", port, targetPort: port, protocol: "TCP" }] },
  };
}

/**
 * A disruption budget that always allows one eviction, so node drains never hang (RULES K-REL-08),
 * and lets unhealthy pods go regardless (K-REL-09).
 */
export function renderDisruptionBudget(pool: ResolvedServerPool, environment: ResolvedEnvironment) {
  return {
    apiVersion: "policy/v1" as const,
    kind: "PodDisruptionBudget" as const,
    metadata: { namespace: environment.namespace, labels: poolLabels(pool, environment, "server") },
    spec: { maxUnavailable: 1, selector: { matchLabels: podSelector(pool) }, unhealthyPodEvictionPolicy: "AlwaysAllow" },
  };
}

/**
 * The pool's autoscaler: the Pods metric `AUTOSCALING_METRIC` (average queue time per request, served
 * by prometheus-adapter) against the pool's queue target, with CPU utilization as a fallback signal
 * (the HPA follows whichever asks for more replicas, and still scales out on CPU when the custom
 * metric is missing). Scale-down is slow: one pod per minute after the tier's stabilization window.
 */
export function renderAutoscaler(pool: ResolvedServerPool, environment: ResolvedEnvironment) {
  const tier = SERVING_TIER_DEFAULTS[environment.tier];
  return {
    apiVersion: "autoscaling/v2" as const,
    kind: "HorizontalPodAutoscaler" as const,
    metadata: { namespace: environment.namespace, labels: poolLabels(pool, environment, "server") },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: POOL_NAMES.deployment(pool.name) },
      minReplicas: pool.scaling.minReplicas,
      maxReplicas: pool.scaling.maxReplicas,
      metrics: [
        {
          type: "Pods",
          pods: { metric: { name: AUTOSCALING_METRIC }, target: { type: "AverageValue", averageValue: String(pool.queueTargetMicroseconds) } },
        },
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: SERVING_SETTINGS.cpuUtilizationPercent } } },
      ],
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: tier.scaleDownStabilizationSeconds,
          policies: [{ type: "Pods", value: SERVING_SETTINGS.scaleDownPodsPerMinute, periodSeconds: 60 }],
        },
      },
    },
  };
}

/**
 * What the pool's pods may talk to (RULES K-SEC-16): in, the serving and metrics ports from inside the
 * cluster (clients, Prometheus); out, cluster DNS and HTTPS (S3 and STS for the model store). Together
 * with the namespace's default deny, nothing else reaches or leaves the pods.
 */
export function renderPoolNetworkPolicy(pool: ResolvedServerPool, environment: ResolvedEnvironment) {
  const facts = RUNTIME_FACTS[pool.runtime];
  const ports = [...new Set([facts.httpPort, facts.grpcPort, facts.metricsPort])].sort((a, b) => a - b);
  return {
    apiVersion: "networking.k8s.io/v1" as const,
    kind: "NetworkPolicy" as const,
    metadata: { namespace: environment.namespace, labels: poolLabels(pool, environment, "server") },
    spec: {
      podSelector: { matchLabels: podSelector(pool) },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ namespaceSelector: {} }], ports: ports.map((port) => ({ protocol: "TCP", port })) }],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
        { ports: [{ protocol: "TCP", port: 443 }] },
      ],
    },
  };
}

/** The PriorityClass of serving pods: above batch workloads (RULES K-REL-15). Cluster-scoped. */
export function renderServingPriorityClass(environment: ResolvedEnvironment) {
  const name = POOL_NAMES.priorityClass(environment.namespace);
  return {
    apiVersion: "scheduling.k8s.io/v1" as const,
    kind: "PriorityClass" as const,
    metadata: { name, labels: standardLabels({ name: "inferstack", instance: name, component: "serving-priority", environment: environment.stack }) },
    value: SERVING_SETTINGS.priorityValue,
    globalDefault: false,
    preemptionPolicy: "PreemptLowerPriority",
    description: `Model servers of namespace ${environment.namespace}: scheduled ahead of batch workloads.`,
  };
}

/**
 * Default deny for the serving namespace, in and out (RULES K-SEC-16): each pool's own NetworkPolicy
 * opens exactly what its pods need. Any other workload placed in this namespace needs its own policy.
 */
export function renderDefaultDenyPolicy(environment: ResolvedEnvironment) {
  return {
    apiVersion: "networking.k8s.io/v1" as const,
    kind: "NetworkPolicy" as const,
    metadata: {
      namespace: environment.namespace,
      labels: standardLabels({ name: "inferstack", instance: environment.namespace, component: "network-policy", environment: environment.stack }),
    },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  };
}
