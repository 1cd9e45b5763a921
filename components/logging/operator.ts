import { z } from "../zod";
import { NODE_POOL_LABEL, SYSTEM_NODE_POOL } from "../compute/scheduling";
import { ECK_CHART, LOGGING_DEFAULTS } from "../resolve/logging-defaults";
import { type ResolvedLogging } from "../resolve/types";
import { ZONE_LABEL } from "./elasticsearch";
import { zodErrors } from "./ilm";

/**
 * The values inferstack gives the `eck-operator` chart 3.5.0, typed and checked before they reach the
 * Helm release. Every key exists in the chart's `values.yaml` (elastic/cloud-on-k8s
 * `deploy/eck-operator/values.yaml`); strict objects catch typos the chart would ignore silently.
 * @see https://github.com/elastic/cloud-on-k8s/blob/v3.5.0/deploy/eck-operator/values.yaml
 */
const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi)?$/);
const resources = z.strictObject({
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  limits: z.strictObject({ cpu: quantity, memory: quantity }),
});

export const EckOperatorValues = z.strictObject({
  /** The chart installs the Elasticsearch, Kibana and Beat CRDs the custom resources need. */
  installCRDs: z.literal(true),
  replicaCount: z.int().min(1),
  /** Namespaces the operator reconciles; anything elsewhere is ignored. */
  managedNamespaces: z.array(z.string().min(1)).min(1),
  createClusterScopedResources: z.literal(true),
  webhook: z.strictObject({ enabled: z.boolean() }),
  nodeSelector: z.record(z.string(), z.string()),
  resources,
  podSecurityContext: z.strictObject({ runAsNonRoot: z.literal(true), seccompProfile: z.strictObject({ type: z.literal("RuntimeDefault") }) }),
  securityContext: z.strictObject({
    allowPrivilegeEscalation: z.literal(false),
    capabilities: z.strictObject({ drop: z.tuple([z.literal("ALL")]) }),
    readOnlyRootFilesystem: z.literal(true),
    runAsNonRoot: z.literal(true),
  }),
  config: z.strictObject({
    /** Node labels the operator may copy onto Elastic pods (zone awareness reads the zone). */
    exposedNodeLabels: z.array(z.string().min(1)).min(1),
  }),
  telemetry: z.strictObject({ disabled: z.boolean() }),
});
export type EckOperatorValues = z.infer<typeof EckOperatorValues>;

/**
 * The ECK operator release: one replica on the system nodes (the operator elects a leader; a second
 * replica only waits), reconciling the logging namespace only, with its validating webhook on, a
 * restricted security context, memory limit equal to its request, and the zone label exposed for
 * zone awareness. Telemetry (usage reports the operator writes into Kibana) is off.
 */
export function renderOperatorRelease(logging: ResolvedLogging) {
  const values: EckOperatorValues = {
    installCRDs: true,
    replicaCount: 1,
    managedNamespaces: [logging.namespace],
    createClusterScopedResources: true,
    webhook: { enabled: true },
    nodeSelector: { [NODE_POOL_LABEL]: SYSTEM_NODE_POOL },
    resources: { requests: { ...LOGGING_DEFAULTS.operatorResources.requests }, limits: { ...LOGGING_DEFAULTS.operatorResources.limits } },
    podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true, runAsNonRoot: true },
    config: { exposedNodeLabels: [ZONE_LABEL] },
    telemetry: { disabled: true },
  };
  return {
    name: ECK_CHART.name,
    namespace: ECK_CHART.namespace,
    chart: ECK_CHART.chart,
    version: ECK_CHART.version,
    repository: ECK_CHART.repository,
    values,
  };
}

/** Problems of operator values as `<path> <message>` lines; empty when valid. */
export function validateOperatorValues(values: unknown): string[] {
  return zodErrors(EckOperatorValues.safeParse(values));
}
