/**
 * How workloads find their nodes. Node groups created by inferstack carry these labels and taints;
 * on a bring-your-own cluster, label and taint the nodes the same way (see README).
 */

/** Label on every node naming its inferstack node pool; GPU workloads select on it. */
export const NODE_POOL_LABEL = "inferstack.io/node-pool";

/** Node pool of the CPU system nodes that run Consul, Prometheus, Elasticsearch and controllers. */
export const SYSTEM_NODE_POOL = "system";

/**
 * Taint on GPU nodes, so that only pods that tolerate it (GPU workloads, the device plugin and the
 * DCGM exporter) are scheduled there. Key and effect follow NVIDIA's convention.
 * @see https://github.com/NVIDIA/k8s-device-plugin
 */
export const GPU_TAINT = Object.freeze({ key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" } as const);

/** Extended resource a GPU container requests (limits only; the request equals the limit). */
export const GPU_RESOURCE = "nvidia.com/gpu";
