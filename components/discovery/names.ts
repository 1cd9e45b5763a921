import { CONSUL_CHART } from "../resolve/discovery-defaults";
import { type ResolvedModel } from "../resolve/types";
import { RUNTIME_FACTS } from "../runtimes";

/** The port name catalog sync registers as each instance's port (a port of the per-model Service). */
export const CONSUL_INSTANCE_PORT = "http";

/**
 * How clients reach one model through Consul DNS. Catalog sync registers one Consul instance per
 * ready pod address with the Service's `http` port, so A records give pod IPs and SRV records give
 * `<pod IP, HTTP port>`; gRPC clients resolve the `grpc` tag and dial the runtime's gRPC port, which
 * is the same on every pod (`RUNTIME_FACTS`).
 * @see https://developer.hashicorp.com/consul/docs/services/discovery/dns-static-lookups
 */
export interface ConsulEndpoint {
  /** Consul service name (the model's name, set by the `service-name` annotation). */
  readonly service: string;
  /** Consul datacenter the model is registered in. */
  readonly datacenter: string;
  /** A records: every ready pod serving the model. */
  readonly dnsA: string;
  /** A records of the instances tagged `grpc` (the same pods; the name says what the client speaks). */
  readonly grpcDnsA: string;
  /** RFC 2782 SRV name; each answer carries a pod and the model's HTTP port. */
  readonly dnsSrv: string;
  /** Base URL of the HTTP API through Consul DNS. */
  readonly httpUrl: string;
  /** `host:port` target for gRPC clients through Consul DNS. */
  readonly grpcAddress: string;
}

/** The Consul DNS names and URLs of a model. Pure: derived from its name, runtime ports and the domain. */
export function consulEndpoint(model: Pick<ResolvedModel, "name" | "runtime">): ConsulEndpoint {
  const facts = RUNTIME_FACTS[model.runtime];
  const domain = CONSUL_CHART.domain;
  const dnsA = `${model.name}.service.${domain}`;
  const grpcDnsA = `grpc.${dnsA}`;
  return {
    service: model.name,
    datacenter: CONSUL_CHART.datacenter,
    dnsA,
    grpcDnsA,
    dnsSrv: `_${model.name}._${CONSUL_INSTANCE_PORT}.service.${domain}`,
    httpUrl: `http://${dnsA}:${facts.httpPort}`,
    grpcAddress: `${grpcDnsA}:${facts.grpcPort}`,
  };
}
