/**
 * Values of the NVIDIA device plugin Helm chart on EKS nodes, typed and validated before they reach
 * the Release. The chart's default node affinity requires labels that only Node Feature Discovery or
 * GPU Feature Discovery set (FACTS §4.4, §7.8); EKS nodes carry none of them, so the plugin selects
 * the GPU node pools by `inferstack.io/node-pool` instead. Bottlerocket NVIDIA AMIs run their own
 * device plugin, so their pools are left out (never two plugins on one node).
 */
import { z } from "../zod";
import { GPU_TAINT, NODE_POOL_LABEL } from "./scheduling";
import { type ResolvedNodeGroup } from "../resolve/foundation-types";

/**
 * The pinned chart: `nvdp/nvidia-device-plugin` 0.20.0 from https://nvidia.github.io/k8s-device-plugin
 * (FACTS §4.4, checked 2026-08). Installed in kube-system: it mounts host paths, which the serving
 * namespace's restricted Pod Security level forbids.
 */
export const DEVICE_PLUGIN_CHART = Object.freeze({
  chart: "nvidia-device-plugin",
  version: "0.20.0",
  repository: "https://nvidia.github.io/k8s-device-plugin",
  namespace: "kube-system",
  releaseName: "nvidia-device-plugin",
});

const toleration = z.strictObject({
  key: z.string().min(1),
  operator: z.enum(["Exists", "Equal"]),
  value: z.string().optional(),
  effect: z.enum(["NoSchedule", "NoExecute", "PreferNoSchedule"]).optional(),
});

/** The subset of the chart's values inferstack sets (chart `values.yaml` at 0.20.0). */
export const DevicePluginValues = z.strictObject({
  affinity: z.strictObject({
    nodeAffinity: z.strictObject({
      requiredDuringSchedulingIgnoredDuringExecution: z.strictObject({
        nodeSelectorTerms: z
          .array(z.strictObject({ matchExpressions: z.array(z.strictObject({ key: z.string(), operator: z.literal("In"), values: z.array(z.string().min(1)).min(1) })).min(1) }))
          .min(1),
      }),
    }),
  }),
  tolerations: z.array(toleration).min(1),
  priorityClassName: z.literal("system-node-critical"),
  gfd: z.strictObject({ enabled: z.literal(false) }),
  resources: z.strictObject({
    requests: z.strictObject({ cpu: z.string(), memory: z.string() }),
    limits: z.strictObject({ memory: z.string() }),
  }),
});
export type DevicePluginValues = z.infer<typeof DevicePluginValues>;

/** Node pools whose nodes need the Helm-installed device plugin (AL2023 NVIDIA AMIs), sorted. */
export function devicePluginPools(nodeGroups: readonly ResolvedNodeGroup[]): string[] {
  return nodeGroups.filter((g) => g.devicePlugin === "helm").map((g) => g.pool).sort();
}

/**
 * The chart values for `pools`: required affinity to those node pools, the GPU taint tolerated (plus
 * the chart's CriticalAddonsOnly), GPU Feature Discovery off (it needs NFD), and bounded resources
 * (the plugin is a small gRPC server; the chart sets none).
 */
export function renderDevicePluginValues(pools: readonly string[]): DevicePluginValues {
  return DevicePluginValues.parse({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: NODE_POOL_LABEL, operator: "In", values: [...pools].sort() }] }],
        },
      },
    },
    tolerations: [
      { key: "CriticalAddonsOnly", operator: "Exists" },
      { key: GPU_TAINT.key, operator: "Exists", effect: GPU_TAINT.effect },
    ],
    priorityClassName: "system-node-critical",
    gfd: { enabled: false },
    resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } },
  });
}
