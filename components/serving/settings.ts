/**
 * Fixed settings of the serving pods that no spec field changes: the numeric user, probe timings,
 * the mount points and the model-sync image. Spec-driven defaults live in
 * `components/resolve/serving-defaults.ts`.
 */
export const SERVING_SETTINGS = Object.freeze({
  /**
   * Numeric user and group of every serving container (RULES K-SEC-03/04: non-root, ≥ 10000). The
   * group also owns the IRSA token projected into the pod (fsGroup), which a non-root process must read.
   */
  runAsUser: 10001,
  /** Probe timings. The startup probe's failure threshold comes from the pool's load budget. */
  startupPeriodSeconds: 10,
  readinessPeriodSeconds: 5,
  readinessFailureThreshold: 3,
  livenessPeriodSeconds: 10,
  livenessFailureThreshold: 3,
  probeTimeoutSeconds: 5,
  /** Extra seconds of grace after preStop and the longest request, for the process to exit. */
  terminationMarginSeconds: 5,
  /** Extra seconds a rollout may take beyond the startup budget before Kubernetes reports it stuck. */
  progressMarginSeconds: 300,
  /** Triton's memory-backed `/dev/shm` (Triton's Docker docs run with `--shm-size=1g`); part of the pod's memory. */
  tritonSharedMemoryGiB: 1,
  /** Average CPU utilization (of the request) that also scales a pool out: the autoscaler's fallback signal. */
  cpuUtilizationPercent: 75,
  /** Replicas the autoscaler removes per minute at most: GPU pods are slow to come back. */
  scaleDownPodsPerMinute: 1,
  /** Priority of serving pods: above the default (0) and batch workloads, far below system-critical (2e9). */
  priorityValue: 100000,
  /** TF Serving: batches that may wait for a batch thread before requests fail fast. */
  tfMaxEnqueuedBatches: 100,
  /** Where models are synced to, and where Triton finds synced models. */
  localModelRoot: "/models",
  /** Where TF Serving's config files are mounted. */
  tfConfigDir: "/etc/tfserving",
  /** Pod annotation carrying a digest of the runtime configs, so a config change rolls the pods. */
  configHashAnnotation: "inferstack.io/config-sha256",
  /** ServiceAccount annotation of IRSA (FACTS §6.5). */
  roleArnAnnotation: "eks.amazonaws.com/role-arn",
});
