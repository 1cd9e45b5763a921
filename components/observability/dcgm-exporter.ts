import { z } from "../zod";
import { GPU_TAINT, NODE_POOL_LABEL } from "../compute/scheduling";
import { type ResolvedMonitoring } from "../resolve/types";

/** The dcgm-exporter chart values inferstack sets (chart pinned in `charts.ts`). */
export const DcgmExporterValues = z.strictObject({
  serviceMonitor: z.strictObject({ enabled: z.literal(false) }),
  tolerations: z
    .array(z.strictObject({ key: z.literal(GPU_TAINT.key), operator: z.literal("Exists"), effect: z.literal(GPU_TAINT.effect) }))
    .length(1),
  affinity: z.strictObject({
    nodeAffinity: z.strictObject({
      requiredDuringSchedulingIgnoredDuringExecution: z.strictObject({
        nodeSelectorTerms: z
          .array(
            z.strictObject({
              matchExpressions: z.array(z.strictObject({ key: z.literal(NODE_POOL_LABEL), operator: z.literal("In"), values: z.array(z.string()).min(1) })).length(1),
            }),
          )
          .length(1),
      }),
    }),
  }),
  resources: z.strictObject({
    requests: z.strictObject({ cpu: z.string(), memory: z.string() }),
    limits: z.strictObject({ memory: z.string() }),
  }),
});
export type DcgmExporterValues = z.infer<typeof DcgmExporterValues>;

/**
 * DCGM exporter values: a DaemonSet on the GPU node pools only (node affinity on their
 * `inferstack.io/node-pool` names), tolerating the GPU taint, with bounded resources. The chart's own
 * ServiceMonitor is off: inferstack creates a typed one (`renderDcgmServiceMonitor`). The exporter
 * keeps its chart defaults of root with SYS_ADMIN, which DCGM needs to read the GPUs; that is why the
 * monitoring namespace admits privileged pods.
 * @see https://github.com/NVIDIA/dcgm-exporter/blob/main/deployment/values.yaml
 */
export function renderDcgmExporterValues(monitoring: ResolvedMonitoring): DcgmExporterValues {
  return DcgmExporterValues.parse({
    serviceMonitor: { enabled: false },
    tolerations: [{ key: GPU_TAINT.key, operator: "Exists", effect: GPU_TAINT.effect }],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: NODE_POOL_LABEL, operator: "In", values: [...monitoring.gpuNodePools] }] }],
        },
      },
    },
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
  });
}
