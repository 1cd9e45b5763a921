import { createHash } from "node:crypto";
import { GPU_TAINT, NODE_POOL_LABEL } from "../../compute/scheduling";
import { LABELS } from "../../labels";
import { syncImage } from "../../registry/images";
import { SERVING_TIER_DEFAULTS } from "../../resolve/serving-defaults";
import { type ResolvedEnvironment, type ResolvedModel, type ResolvedServerPool } from "../../resolve/types";
import { modelSource, type ModelSource } from "../layout";
import { SERVING_SETTINGS } from "../settings";
import { gib, restrictedContainer } from "./common";
import { POOL_NAMES, podSelector, poolLabels } from "./names";
import { serverContainer } from "./containers";

/** What a pool's Deployment is rendered from. */
export interface DeploymentInput {
  readonly environment: ResolvedEnvironment;
  readonly pool: ResolvedServerPool;
  /** The pool's models, sorted by name. */
  readonly models: readonly ResolvedModel[];
  /** Every runtime config file of the pool (path → text): their digest rolls the pods when one changes. */
  readonly configFiles: Readonly<Record<string, string>>;
}

/**
 * Renders a pool's Deployment: one runtime container on the pool's node pool, GPU limit and taint
 * toleration on GPU pools, init containers syncing models the runtime cannot read from S3, a
 * restricted security context, probes tied to model readiness, a rolling update that never drops
 * below the current capacity, zone spread and host anti-affinity. No `replicas`: the autoscaler owns
 * them, so `pulumi up` never resets the scale (RULES K-REL-13).
 */
export function renderDeployment(input: DeploymentInput) {
  const { environment, pool, models } = input;
  const tier = SERVING_TIER_DEFAULTS[environment.tier];
  const sources = models.map((m) => modelSource(m, environment));
  const synced = sources.filter((s): s is Extract<ModelSource, { kind: "synced" }> => s.kind === "synced");
  const selector = podSelector(pool);
  const startupFailureThreshold = Math.ceil(pool.loadSeconds / SERVING_SETTINGS.startupPeriodSeconds);
  const podLabels = {
    ...poolLabels(pool, environment, "server"),
    ...(models.length === 1 ? { [LABELS.model]: models[0]!.name } : {}),
  };
  const { runAsUser } = SERVING_SETTINGS;

  return {
    apiVersion: "apps/v1" as const,
    kind: "Deployment" as const,
    metadata: { name: POOL_NAMES.deployment(pool.name), namespace: environment.namespace, labels: poolLabels(pool, environment, "server") },
    spec: {
      selector: { matchLabels: selector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      revisionHistoryLimit: tier.revisionHistoryLimit,
      progressDeadlineSeconds: startupFailureThreshold * SERVING_SETTINGS.startupPeriodSeconds + SERVING_SETTINGS.progressMarginSeconds,
      template: {
        metadata: { labels: podLabels, annotations: { [SERVING_SETTINGS.configHashAnnotation]: configDigest(input.configFiles) } },
        spec: {
          serviceAccountName: pool.serviceAccount,
          // IRSA projects its own token volume; the pods never call the Kubernetes API.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          priorityClassName: POOL_NAMES.priorityClass(environment.namespace),
          terminationGracePeriodSeconds: pool.preStopSeconds + pool.requestSeconds + SERVING_SETTINGS.terminationMarginSeconds,
          securityContext: {
            runAsNonRoot: true,
            runAsUser,
            runAsGroup: runAsUser,
            fsGroup: runAsUser,
            seccompProfile: { type: "RuntimeDefault" },
          },
          nodeSelector: { [NODE_POOL_LABEL]: pool.nodePool },
          ...(pool.gpu ? { tolerations: [{ key: GPU_TAINT.key, operator: "Equal", value: GPU_TAINT.value, effect: GPU_TAINT.effect }] } : {}),
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: selector } } },
              ],
            },
          },
          ...(environment.spreadAcrossZones
            ? {
                // ScheduleAnyway: GPU capacity is not guaranteed in every zone (RULES K-REL-11).
                topologySpreadConstraints: [
                  { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } },
                ],
              }
            : {}),
          ...(synced.length > 0 ? { initContainers: synced.map((s) => syncContainer(s, environment)) } : {}),
          containers: [
            serverContainer({ environment, pool, models, sources, startupFailureThreshold, preStopSeconds: pool.preStopSeconds }),
          ],
          volumes: volumes(pool, synced.length > 0),
        },
      },
    },
  };
}

/** An init container copying the served version folders of one model from S3 into the pod. */
function syncContainer(source: Extract<ModelSource, { kind: "synced" }>, environment: ResolvedEnvironment) {
  return {
    name: `sync-${source.model}`,
    // Copied into the environment's registry with the runtimes when it has one (`syncImage`).
    image: syncImage(environment.registryMirror),
    imagePullPolicy: "IfNotPresent",
    // The image's entrypoint is `aws`; only the served versions are copied (no shell needed).
    args: [
      "s3",
      "sync",
      source.s3Uri,
      source.localPath,
      "--only-show-errors",
      "--exclude",
      "*",
      ...source.versions.flatMap((v) => ["--include", `${v}/*`]),
    ],
    env: [{ name: "HOME", value: "/tmp" }],
    resources: { requests: { cpu: "500m", memory: "512Mi", "ephemeral-storage": "256Mi" }, limits: { memory: "512Mi", "ephemeral-storage": "256Mi" } },
    securityContext: restrictedContainer(),
    volumeMounts: [
      { name: "models", mountPath: SERVING_SETTINGS.localModelRoot },
      { name: "tmp", mountPath: "/tmp" },
    ],
  };
}

function volumes(pool: ResolvedServerPool, synced: boolean) {
  const disk = `${gib(pool.resources.ephemeralStorageGiB)}`;
  return [
    ...(pool.runtime === "tfserving" || synced ? [{ name: "config", configMap: { name: POOL_NAMES.configMap(pool.name) } }] : []),
    ...(synced ? [{ name: "models", emptyDir: { sizeLimit: disk } }] : []),
    ...(pool.runtime === "triton" ? [{ name: "shm", emptyDir: { medium: "Memory", sizeLimit: gib(SERVING_SETTINGS.tritonSharedMemoryGiB) } }] : []),
    { name: "tmp", emptyDir: { sizeLimit: disk } },
  ];
}

/** A digest of the runtime config files, stable for equal content. */
export function configDigest(files: Readonly<Record<string, string>>): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(files).sort()) hash.update(`${name}\0${files[name]}\0`);
  return hash.digest("hex");
}
