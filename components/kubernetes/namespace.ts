import { standardLabels } from "../labels";
import { type ResolvedEnvironment } from "../resolve/types";

/**
 * The serving namespace: Pod Security Standards `restricted` enforced, warned and audited, so a pod
 * that drops the restricted security context is refused at admission.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export function renderNamespace(environment: ResolvedEnvironment) {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: environment.namespace,
      labels: {
        ...standardLabels({ name: "inferstack", instance: environment.namespace, component: "namespace", environment: environment.stack }),
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
      },
    },
  } as const;
}
