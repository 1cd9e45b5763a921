import { createHash } from "node:crypto";
import { GPU_TAINT } from "../compute/scheduling";
import { standardLabels } from "../labels";
import { LOGGING_DEFAULTS } from "../resolve/logging-defaults";
import { type ResolvedEnvironment, type ResolvedLogging } from "../resolve/types";
import { ECK_KINDS } from "./elasticsearch";
import { ILM_POLICY_DIR, ILM_POLICY_FILE, type FilebeatConfig } from "./filebeat";
import { type IlmPolicyBody } from "./ilm";

/** Host directories Filebeat reads: the kubelet's per-container symlinks and the log files they point to. */
export const HOST_LOG_DIRS = Object.freeze([
  { name: "varlogcontainers", path: "/var/log/containers" },
  { name: "varlogpods", path: "/var/log/pods" },
] as const);

/** Pod annotation carrying the ILM policy's digest, so a retention change rolls the shippers (Filebeat installs the policy at start). */
export const ILM_DIGEST_ANNOTATION = "inferstack.io/ilm-policy-sha256";

function shipperLabels(environment: ResolvedEnvironment, logging: ResolvedLogging, instance: string = logging.name) {
  return standardLabels({ name: "filebeat", instance, component: "log-shipper", environment: environment.stack });
}

/** The ILM policy file, in the ConfigMap the shippers mount. */
export function renderIlmConfigMap(environment: ResolvedEnvironment, logging: ResolvedLogging, policy: IlmPolicyBody) {
  return {
    apiVersion: "v1" as const,
    kind: "ConfigMap" as const,
    metadata: { name: LOGGING_DEFAULTS.ilmConfigMap, namespace: logging.namespace, labels: shipperLabels(environment, logging, LOGGING_DEFAULTS.ilmConfigMap) },
    data: { [ILM_POLICY_FILE]: ilmPolicyText(policy) },
  } as const;
}

/** The policy file's text: stable JSON, as Filebeat reads it and the plan writes it. */
export function ilmPolicyText(policy: IlmPolicyBody): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}

/**
 * What Kubernetes autodiscover needs to read: pods, namespaces and nodes for the metadata of each
 * line, and the ReplicaSets and Jobs that own pods (to name their Deployment or CronJob). Read-only,
 * no wildcard (RULES K-SEC-18).
 */
export function renderShipperRbac(environment: ResolvedEnvironment, logging: ResolvedLogging) {
  const name = `inferstack-${logging.namespace}-${LOGGING_DEFAULTS.shipperServiceAccount}`;
  const read = ["get", "list", "watch"];
  const labels = shipperLabels(environment, logging, LOGGING_DEFAULTS.shipperServiceAccount);
  return {
    serviceAccount: {
      apiVersion: "v1" as const,
      kind: "ServiceAccount" as const,
      metadata: { name: LOGGING_DEFAULTS.shipperServiceAccount, namespace: logging.namespace, labels },
    },
    clusterRole: {
      apiVersion: "rbac.authorization.k8s.io/v1" as const,
      kind: "ClusterRole" as const,
      metadata: { name, labels },
      rules: [
        { apiGroups: [""], resources: ["namespaces", "nodes", "pods"], verbs: read },
        { apiGroups: ["apps"], resources: ["replicasets"], verbs: read },
        { apiGroups: ["batch"], resources: ["jobs"], verbs: read },
      ],
    },
    clusterRoleBinding: {
      apiVersion: "rbac.authorization.k8s.io/v1" as const,
      kind: "ClusterRoleBinding" as const,
      metadata: { name, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
      subjects: [{ kind: "ServiceAccount", name: LOGGING_DEFAULTS.shipperServiceAccount, namespace: logging.namespace }],
    },
  };
}

/**
 * Filebeat on every node as a DaemonSet managed by ECK, shipping to the log cluster through ECK's
 * association (a generated user and the cluster's CA; no password in the stack).
 *
 * It cannot meet the restricted (or even baseline) Pod Security Standard: it reads other pods' log
 * files from the node (hostPath `/var/log/containers` and `/var/log/pods`, read-only) and keeps its
 * read positions in a hostPath ECK adds, so a restarted shipper neither loses nor repeats lines; those
 * files belong to root, so it runs as UID 0. Everything else is bounded: no privilege escalation, every
 * capability dropped, read-only root filesystem, RuntimeDefault seccomp, no host network. It tolerates
 * the GPU taint so GPU nodes' logs are shipped too.
 */
export function renderBeat(environment: ResolvedEnvironment, logging: ResolvedLogging, config: FilebeatConfig, policy: IlmPolicyBody) {
  const labels = shipperLabels(environment, logging);
  return {
    ...ECK_KINDS.beat,
    metadata: { name: logging.name, namespace: logging.namespace, labels },
    spec: {
      type: "filebeat",
      version: logging.stackVersion,
      elasticsearchRef: { name: logging.name },
      config,
      daemonSet: {
        podTemplate: {
          metadata: { labels, annotations: { [ILM_DIGEST_ANNOTATION]: createHash("sha256").update(ilmPolicyText(policy)).digest("hex") } },
          spec: {
            serviceAccountName: LOGGING_DEFAULTS.shipperServiceAccount,
            // Autodiscover watches pods and nodes through the Kubernetes API.
            automountServiceAccountToken: true,
            tolerations: [{ key: GPU_TAINT.key, operator: "Exists", effect: GPU_TAINT.effect }],
            securityContext: { runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "filebeat",
                env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
                resources: { requests: { ...LOGGING_DEFAULTS.shipperResources.requests }, limits: { ...LOGGING_DEFAULTS.shipperResources.limits } },
                securityContext: { runAsUser: 0, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, privileged: false, readOnlyRootFilesystem: true },
                volumeMounts: [
                  ...HOST_LOG_DIRS.map((dir) => ({ name: dir.name, mountPath: dir.path, readOnly: true })),
                  { name: "ilm-policy", mountPath: ILM_POLICY_DIR, readOnly: true },
                ],
              },
            ],
            volumes: [
              ...HOST_LOG_DIRS.map((dir) => ({ name: dir.name, hostPath: { path: dir.path, type: "Directory" } })),
              { name: "ilm-policy", configMap: { name: LOGGING_DEFAULTS.ilmConfigMap } },
            ],
          },
        },
      },
    },
  };
}
