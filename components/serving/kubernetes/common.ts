import { type ResolvedServerPool } from "../../resolve/types";
import { RUNTIME_FACTS } from "../../runtimes";
import { SERVING_SETTINGS } from "../settings";
import { TF_CONFIG_FILES } from "../tfserving/config";

/** The container security context of every serving container (RULES K-SEC-01/02/05/07). */
export function restrictedContainer() {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
  };
}

/** A GiB figure as a Kubernetes quantity in MiB (exact for fractional GiB). */
export function gib(value: number): string {
  return `${Math.ceil(value * 1024)}Mi`;
}

/** The TF Serving config directory mount and the flags naming its files. */
export const TF_CONFIG_PATHS = Object.freeze({
  models: `${SERVING_SETTINGS.tfConfigDir}/${TF_CONFIG_FILES.models}`,
  batching: `${SERVING_SETTINGS.tfConfigDir}/${TF_CONFIG_FILES.batching}`,
  monitoring: `${SERVING_SETTINGS.tfConfigDir}/${TF_CONFIG_FILES.monitoring}`,
});

/** Ports of a runtime's container; TF Serving serves metrics on its REST port. */
export function containerPorts(pool: ResolvedServerPool) {
  const facts = RUNTIME_FACTS[pool.runtime];
  return [
    { name: "http", containerPort: facts.httpPort, protocol: "TCP" },
    { name: "grpc", containerPort: facts.grpcPort, protocol: "TCP" },
    ...(facts.metricsPort === facts.httpPort ? [] : [{ name: "metrics", containerPort: facts.metricsPort, protocol: "TCP" }]),
  ];
}
