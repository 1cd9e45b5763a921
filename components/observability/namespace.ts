import { standardLabels } from "../labels";
import { type ResolvedEnvironment, type ResolvedMonitoring } from "../resolve/types";
import { GRAFANA_ADMIN_SECRET } from "./kube-prometheus-stack";

/**
 * The monitoring namespace. Pod Security admits privileged pods here, and only here: the node exporter
 * needs the host's network, PID namespace and filesystem, and the DCGM exporter runs as root with
 * SYS_ADMIN to read the GPUs. Baseline violations are still warned and audited, so anything else that
 * needs more than baseline shows up. The serving namespace stays `restricted`.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export function renderMonitoringNamespace(environment: ResolvedEnvironment, monitoring: ResolvedMonitoring) {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: monitoring.namespace,
      labels: {
        ...standardLabels({ name: "inferstack", instance: monitoring.namespace, component: "monitoring-namespace", environment: environment.stack }),
        "pod-security.kubernetes.io/enforce": "privileged",
        "pod-security.kubernetes.io/warn": "baseline",
        "pod-security.kubernetes.io/audit": "baseline",
      },
    },
  } as const;
}

/**
 * The Secret Grafana reads its admin credentials from (`grafana.admin.existingSecret`), built from the
 * secret config value: the password is never a literal and never the chart's generated one.
 * @param password the secret value, passed through untouched (a Pulumi secret output in the component)
 */
export function renderGrafanaAdminSecret<S>(environment: ResolvedEnvironment, monitoring: ResolvedMonitoring, password: S) {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: GRAFANA_ADMIN_SECRET.name,
      namespace: monitoring.namespace,
      labels: standardLabels({ name: "grafana", instance: GRAFANA_ADMIN_SECRET.name, component: "admin-credentials", environment: environment.stack }),
    },
    type: "Opaque",
    stringData: { [GRAFANA_ADMIN_SECRET.userKey]: GRAFANA_ADMIN_SECRET.user, [GRAFANA_ADMIN_SECRET.passwordKey]: password },
  } as const;
}
