import { GPU_RESOURCE } from "../../compute/scheduling";
import { type ResolvedEnvironment, type ResolvedModel, type ResolvedServerPool } from "../../resolve/types";
import { RUNTIME_FACTS } from "../../runtimes";
import { type ModelSource } from "../layout";
import { SERVING_SETTINGS } from "../settings";
import { containerPorts, gib, restrictedContainer, TF_CONFIG_PATHS } from "./common";

/** What the runtime container of a pool is rendered from. */
export interface ServerContainerInput {
  readonly environment: ResolvedEnvironment;
  readonly pool: ResolvedServerPool;
  readonly models: readonly ResolvedModel[];
  /** Where each model is read from, in the order of `models`. */
  readonly sources: readonly ModelSource[];
  readonly startupFailureThreshold: number;
  readonly preStopSeconds: number;
}

/**
 * The runtime container: pinned image, the server's flags, requests and limits (memory and disk
 * limits equal their requests, one GPU on GPU pools, no CPU limit so latency is never throttled),
 * probes, a preStop delay and writable emptyDirs under a read-only root filesystem.
 */
export function serverContainer(input: ServerContainerInput) {
  const { pool } = input;
  const runtime = pool.runtime === "triton" ? tritonSpecifics(input) : tfServingSpecifics(input);
  const memory = gib(pool.resources.memoryGiB);
  const disk = gib(pool.resources.ephemeralStorageGiB);
  const gpu: Record<string, string> = pool.gpu ? { [GPU_RESOURCE]: "1" } : {};
  const { probeTimeoutSeconds: timeoutSeconds } = SERVING_SETTINGS;
  return {
    name: pool.runtime,
    image: pool.image,
    // Tags are pinned and multi-GB GPU images must not be pulled again on every start (RULES §5).
    imagePullPolicy: "IfNotPresent",
    command: runtime.command,
    args: runtime.args,
    ...(runtime.env.length > 0 ? { env: runtime.env } : {}),
    ports: containerPorts(pool),
    resources: {
      requests: { cpu: String(pool.resources.cpu), memory, "ephemeral-storage": disk, ...gpu },
      limits: { memory, "ephemeral-storage": disk, ...gpu },
    },
    securityContext: restrictedContainer(),
    startupProbe: { ...runtime.readiness, periodSeconds: SERVING_SETTINGS.startupPeriodSeconds, failureThreshold: input.startupFailureThreshold, timeoutSeconds },
    readinessProbe: {
      ...runtime.readiness,
      periodSeconds: SERVING_SETTINGS.readinessPeriodSeconds,
      failureThreshold: SERVING_SETTINGS.readinessFailureThreshold,
      timeoutSeconds,
    },
    livenessProbe: {
      ...runtime.liveness,
      periodSeconds: SERVING_SETTINGS.livenessPeriodSeconds,
      failureThreshold: SERVING_SETTINGS.livenessFailureThreshold,
      timeoutSeconds,
    },
    // Keeps serving while kube-proxy and Consul drop the endpoint, then SIGTERM drains in-flight requests.
    lifecycle: { preStop: { exec: { command: ["sleep", String(input.preStopSeconds)] } } },
    volumeMounts: runtime.volumeMounts,
  };
}

/** What a probe checks: an HTTP path on a named port, or the gRPC health service on a port. */
type ProbeAction = { httpGet: { path: string; port: string } } | { grpc: { port: number } };

interface RuntimeSpecifics {
  readonly command: string[];
  readonly args: string[];
  readonly env: { name: string; value: string }[];
  readonly readiness: ProbeAction;
  readonly liveness: ProbeAction;
  readonly volumeMounts: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
}

/**
 * Triton: explicit model control with one `--load-model` per model (a shared pool loads exactly its
 * models, never the rest of a shared repository), strict readiness (`/v2/health/ready` is true only
 * when every model is ready), exit on load errors, and an exit timeout of the longest request.
 * Flags and endpoints: FACTS §1.4–1.5.
 */
function tritonSpecifics(input: ServerContainerInput): RuntimeSpecifics {
  const { pool, models, sources, environment } = input;
  const facts = RUNTIME_FACTS.triton;
  const repositories = [...new Set(sources.map((s) => (s.kind === "store" ? s.repository : SERVING_SETTINGS.localModelRoot)))].sort();
  const synced = sources.filter((s) => s.kind === "synced");
  return {
    command: ["tritonserver"],
    args: [
      ...repositories.map((r) => `--model-repository=${r}`),
      "--model-control-mode=explicit",
      ...models.map((m) => `--load-model=${m.name}`),
      "--strict-readiness=true",
      "--exit-on-error=true",
      `--exit-timeout-secs=${pool.requestSeconds}`,
      `--http-port=${facts.httpPort}`,
      `--grpc-port=${facts.grpcPort}`,
      `--metrics-port=${facts.metricsPort}`,
      "--allow-metrics=true",
      `--allow-gpu-metrics=${pool.gpu}`,
    ],
    // Triton's S3 client needs the region with IRSA credentials (FACTS §1.4, server#8090).
    env: [{ name: "AWS_DEFAULT_REGION", value: environment.aws.region }],
    readiness: { httpGet: { path: "/v2/health/ready", port: "http" } },
    liveness: { httpGet: { path: "/v2/health/live", port: "http" } },
    volumeMounts: [
      ...(synced.length > 0 ? [{ name: "models", mountPath: SERVING_SETTINGS.localModelRoot }] : []),
      ...synced.map((s) => ({
        name: "config",
        mountPath: `${SERVING_SETTINGS.localModelRoot}/${s.model}/config.pbtxt`,
        subPath: tritonConfigKey(s.model),
        readOnly: true,
      })),
      { name: "shm", mountPath: "/dev/shm" },
      // Triton copies S3 repositories into a temporary directory before loading them.
      { name: "tmp", mountPath: "/tmp" },
    ],
  };
}

/**
 * TF Serving: models from the config file (synced into `/models` by the init containers), batching
 * parameters when its models batch, Prometheus metrics on the REST port, the REST timeout of the
 * longest request and the gRPC health service for liveness. Readiness asks the model status API; the
 * server opens its ports only once every configured model is available (`ServerCore` waits for the
 * initial load, tensorflow/serving `model_servers/server_core.cc`).
 */
function tfServingSpecifics(input: ServerContainerInput): RuntimeSpecifics {
  const { pool, models } = input;
  const facts = RUNTIME_FACTS.tfserving;
  const batching = models.some((m) => m.dynamicBatching !== undefined);
  return {
    command: ["/usr/bin/tensorflow_model_server"],
    args: [
      `--port=${facts.grpcPort}`,
      `--rest_api_port=${facts.httpPort}`,
      `--model_config_file=${TF_CONFIG_PATHS.models}`,
      `--monitoring_config_file=${TF_CONFIG_PATHS.monitoring}`,
      ...(batching ? ["--enable_batching=true", `--batching_parameters_file=${TF_CONFIG_PATHS.batching}`] : []),
      `--rest_api_timeout_in_ms=${pool.requestSeconds * 1000}`,
      "--enable_grpc_healthcheck_service=true",
    ],
    env: [],
    readiness: { httpGet: { path: `/v1/models/${models[0]!.name}`, port: "http" } },
    liveness: { grpc: { port: facts.grpcPort } },
    volumeMounts: [
      { name: "config", mountPath: SERVING_SETTINGS.tfConfigDir, readOnly: true },
      { name: "models", mountPath: SERVING_SETTINGS.localModelRoot, readOnly: true },
      { name: "tmp", mountPath: "/tmp" },
    ],
  };
}

/** ConfigMap key of a synced Triton model's `config.pbtxt`. */
export function tritonConfigKey(model: string): string {
  return `${model}.config.pbtxt`;
}
