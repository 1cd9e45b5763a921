/**
 * Reading Helm releases: policies of chart-installed systems see only the Release's `values`
 * (CrossGuard never sees a chart's rendered objects: pulumi-kubernetes #2057, #2105, #2144).
 */
import type { PolicyResource } from "@pulumi/policy";
import { at, K8S } from "./kubernetes";
import { type Resource } from "./policy";

/** Charts inferstack installs, by the chart name a Release carries. */
export const CHARTS = Object.freeze({
  consul: "consul",
  kubePrometheusStack: "kube-prometheus-stack",
  eckOperator: "eck-operator",
});

/** True when `resource` is a Helm release of `chart` (`consul`, `hashicorp/consul` or an OCI reference ending in it). */
export function isRelease(resource: Pick<Resource, "type" | "props">, chart: string): boolean {
  if (resource.type !== K8S.helmRelease) return false;
  const name = resource.props.chart;
  return typeof name === "string" && (name === chart || name.endsWith(`/${chart}`));
}

/** The releases of `chart` in the stack. */
export function releasesOf(resources: readonly PolicyResource[], chart: string): PolicyResource[] {
  return resources.filter((r) => isRelease(r, chart));
}

/** A value of the release at a dotted path of its `values`. */
export function valueAt(resource: Pick<Resource, "props">, path: string): unknown {
  return at(resource.props.values, path);
}
