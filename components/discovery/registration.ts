import { type ResolvedEnvironment, type ResolvedModel, type ResolvedPlatform } from "../resolve/types";
import { RUNTIME_FACTS } from "../runtimes";
import { CONSUL_INSTANCE_PORT } from "./names";

/**
 * Catalog-sync annotations read by consul-k8s on a Kubernetes Service.
 * @see https://github.com/hashicorp/consul-k8s/blob/main/control-plane/catalog/to-consul/annotation.go
 */
export const CONSUL_ANNOTATIONS = Object.freeze({
  sync: "consul.hashicorp.com/service-sync",
  name: "consul.hashicorp.com/service-name",
  port: "consul.hashicorp.com/service-port",
  tags: "consul.hashicorp.com/service-tags",
  metaPrefix: "consul.hashicorp.com/service-meta-",
} as const);

/** The protocols every model speaks; each becomes a Consul tag. */
export const PROTOCOL_TAGS = ["http", "grpc"] as const;

/**
 * The annotations that register one model's Service in Consul (the cross-area registration contract):
 * sync on, the Consul name set to the model (no namespace suffix), the `http` port as the instance
 * port, tags for runtime, protocols, each served version (`v<N>`) and the environment, and metadata
 * for model, versions, format, server pool and metrics port.
 *
 * Registration follows readiness: catalog sync registers each address of the Service's
 * EndpointSlices with a "Kubernetes Readiness Check" that passes only while the pod is ready, and
 * Consul DNS leaves out instances whose check fails.
 */
export function consulServiceAnnotations(model: ResolvedModel, environment: ResolvedEnvironment): Record<string, string> {
  const tags = [model.runtime, ...PROTOCOL_TAGS, ...model.artifact.versions.map((v) => `v${v}`), environment.stack];
  const meta: Record<string, string> = {
    model: model.name,
    versions: model.artifact.versions.join(","),
    format: model.format,
    pool: model.serverPool,
    "metrics-port": String(RUNTIME_FACTS[model.runtime].metricsPort),
  };
  return {
    [CONSUL_ANNOTATIONS.sync]: "true",
    [CONSUL_ANNOTATIONS.name]: model.name,
    [CONSUL_ANNOTATIONS.port]: CONSUL_INSTANCE_PORT,
    [CONSUL_ANNOTATIONS.tags]: tags.join(","),
    ...Object.fromEntries(Object.entries(meta).map(([key, value]) => [`${CONSUL_ANNOTATIONS.metaPrefix}${key}`, value])),
  };
}

/**
 * The registration annotations of every model's Service, keyed by model name: what the serving
 * area's `serviceAnnotations` argument takes. Empty when discovery is off, so nothing is synced.
 */
export function consulAnnotationsByModel(platform: ResolvedPlatform): Record<string, Record<string, string>> {
  if (platform.discovery === undefined) return {};
  return Object.fromEntries(platform.models.map((model) => [model.name, consulServiceAnnotations(model, platform.environment)]));
}
