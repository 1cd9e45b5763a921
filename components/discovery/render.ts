import { standardLabels } from "../labels";
import { CONSUL_CHART } from "../resolve/discovery-defaults";
import { type ResolvedDiscovery, type ResolvedEnvironment } from "../resolve/types";
import { renderCoreDnsPatch } from "./coredns";
import { renderConsulValues } from "./values";
import { type ConsulValues } from "./values-schema";

/**
 * Consul's namespace. Pod Security: `restricted` is warned and audited, `baseline` enforced. The
 * chart gives its containers a restricted-compatible security context "whenever possible" (its
 * `consul.restrictedSecurityContext` helper), but not every template could be checked offline, and
 * an enforced profile that refuses one chart pod would stall the install; warnings name any pod
 * that falls short.
 */
export function renderConsulNamespace(environment: ResolvedEnvironment) {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: CONSUL_CHART.namespace,
      labels: {
        ...standardLabels({ name: "consul", instance: CONSUL_CHART.name, component: "discovery", environment: environment.stack }),
        "pod-security.kubernetes.io/enforce": "baseline",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
      },
    },
  } as const;
}

/** The Helm release of the Consul chart, as plain data. */
export interface ConsulReleaseSpec {
  readonly name: string;
  readonly namespace: string;
  readonly chart: string;
  readonly version: string;
  readonly repository: string;
  readonly values: ConsulValues;
}

/** Everything the `Consul` component creates, as plain data. */
export interface RenderedConsul {
  readonly namespace: ReturnType<typeof renderConsulNamespace>;
  readonly release: ConsulReleaseSpec;
  /** Present when CoreDNS is configured by patching its ConfigMap. */
  readonly coreDnsPatch?: ReturnType<typeof renderCoreDnsPatch>;
}

/** Renders Consul for one environment. Pure and deterministic. */
export function renderConsul(environment: ResolvedEnvironment, discovery: ResolvedDiscovery): RenderedConsul {
  return {
    namespace: renderConsulNamespace(environment),
    release: {
      name: CONSUL_CHART.name,
      namespace: CONSUL_CHART.namespace,
      chart: CONSUL_CHART.chart,
      version: CONSUL_CHART.version,
      repository: CONSUL_CHART.repository,
      values: renderConsulValues(environment, discovery),
    },
    ...(discovery.coreDns === "configmap-patch" ? { coreDnsPatch: renderCoreDnsPatch(discovery) } : {}),
  };
}
