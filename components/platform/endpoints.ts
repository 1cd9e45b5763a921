import { consulEndpoint, type ConsulEndpoint } from "../discovery/names";
import { RUNTIME_FACTS } from "../runtimes";
import { type ResolvedDiscovery, type ResolvedEnvironment, type ResolvedModel } from "../resolve/types";

/** How clients inside the cluster reach one model. */
export interface ModelEndpoint {
  readonly model: string;
  readonly runtime: string;
  readonly nodePool: string;
  /** Server pool (Deployment) that serves the model; shared pools serve several models. */
  readonly serverPool: string;
  /** Name of the model's own Kubernetes Service (stable even when models share a server pool). */
  readonly service: string;
  readonly namespace: string;
  /** Cluster DNS name of the Service. */
  readonly kubernetesDns: string;
  /** Base URL of the HTTP API (Triton's KServe v2 API or TF Serving's REST API). */
  readonly httpUrl: string;
  /** `host:port` target for gRPC clients. */
  readonly grpcAddress: string;
  /** Versions served. */
  readonly versions: readonly number[];
  /** Consul service name, DNS names and URLs; present when discovery is on. */
  readonly consul?: ConsulEndpoint;
}

/**
 * The endpoint of every model, keyed by model name. Pure: derived from names and runtime ports.
 * @param discovery the environment's discovery settings; with them, each endpoint carries its Consul names. @default none
 */
export function modelEndpoints(
  environment: ResolvedEnvironment,
  models: readonly ResolvedModel[],
  discovery?: ResolvedDiscovery,
): Record<string, ModelEndpoint> {
  const endpoints: Record<string, ModelEndpoint> = {};
  for (const model of models) {
    const facts = RUNTIME_FACTS[model.runtime];
    const kubernetesDns = `${model.name}.${environment.namespace}.svc.cluster.local`;
    endpoints[model.name] = {
      model: model.name,
      runtime: model.runtime,
      nodePool: model.nodePool,
      serverPool: model.serverPool,
      service: model.name,
      namespace: environment.namespace,
      kubernetesDns,
      httpUrl: `http://${kubernetesDns}:${facts.httpPort}`,
      grpcAddress: `${kubernetesDns}:${facts.grpcPort}`,
      versions: model.artifact.versions,
      ...(discovery === undefined ? {} : { consul: consulEndpoint(model) }),
    };
  }
  return endpoints;
}
