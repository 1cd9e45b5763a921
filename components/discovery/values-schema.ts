import { z } from "../zod";
import { IPV4 } from "../spec/discovery";

/**
 * The values inferstack gives the Consul chart 2.0.3, typed and checked before they reach the Helm
 * release: every key must exist in the chart's `values.yaml` (strict objects catch typos the chart
 * would ignore silently) and carry the type the chart's templates expect. Multi-line YAML strings
 * (`nodeSelector`, `affinity`, `topologySpreadConstraints`) are what the chart renders through `tpl`.
 * @see https://github.com/hashicorp/consul-k8s/blob/v2.0.3/charts/consul/values.yaml
 */

const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi)?$/);
const resources = z.strictObject({
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  limits: z.strictObject({ cpu: quantity, memory: quantity }),
});
/** A duration as Consul and the chart write it, e.g. `5s`. */
const duration = z.string().regex(/^\d+s$/);
/** A multi-line YAML string the chart inserts into a pod spec. */
const yamlBlock = z.string().regex(/\n$/, { error: "must end with a newline (a multi-line YAML string)" });

export const ConsulValues = z.strictObject({
  global: z.strictObject({
    name: z.string().min(1),
    domain: z.string().min(1),
    datacenter: z.string().regex(/^[a-z0-9-]+$/),
    image: z.string().regex(/^hashicorp\/consul:\d+\.\d+\.\d+$/),
    imageK8S: z.string().regex(/^hashicorp\/consul-k8s-control-plane:\d+\.\d+\.\d+$/),
    imageConsulDataplane: z.string().regex(/^hashicorp\/consul-dataplane:\d+\.\d+\.\d+$/),
    tls: z.strictObject({ enabled: z.boolean(), enableAutoEncrypt: z.boolean(), verify: z.literal(true), httpsOnly: z.boolean() }),
    gossipEncryption: z.strictObject({ autoGenerate: z.boolean() }),
    acls: z.strictObject({ manageSystemACLs: z.boolean(), nodeSelector: yamlBlock }),
  }),
  server: z.strictObject({
    replicas: z.int().min(1).max(7),
    bootstrapExpect: z.int().min(1).max(7),
    storage: z.string().regex(/^\d+Gi$/),
    storageClass: z.string().min(1),
    resources,
    nodeSelector: yamlBlock,
    affinity: yamlBlock,
    topologySpreadConstraints: z.union([yamlBlock, z.literal("")]),
    disruptionBudget: z.strictObject({ enabled: z.boolean(), maxUnavailable: z.int().min(0).optional() }),
    exposeService: z.strictObject({ enabled: z.literal(false) }),
    /** Raw JSON added to the servers' configuration. */
    extraConfig: z.string().refine((text) => {
      try {
        return typeof JSON.parse(text) === "object";
      } catch {
        return false;
      }
    }, "must be a JSON object"),
  }),
  client: z.strictObject({ enabled: z.literal(false) }),
  dns: z.strictObject({
    enabled: z.literal(true),
    enableRedirection: z.literal(false),
    type: z.literal("ClusterIP"),
    clusterIP: z.string().regex(IPV4),
  }),
  ui: z.strictObject({
    enabled: z.boolean(),
    service: z.strictObject({ enabled: z.boolean(), type: z.literal("ClusterIP") }),
    ingress: z.strictObject({ enabled: z.literal(false) }),
  }),
  syncCatalog: z.strictObject({
    enabled: z.literal(true),
    default: z.literal(false),
    toConsul: z.literal(true),
    toK8S: z.literal(false),
    k8sAllowNamespaces: z.array(z.string().min(1)).min(1),
    k8sDenyNamespaces: z.array(z.string().min(1)),
    addK8SNamespaceSuffix: z.boolean(),
    syncClusterIPServices: z.literal(true),
    consulWriteInterval: duration,
    nodeSelector: yamlBlock,
    resources,
  }),
  connectInject: z.strictObject({ enabled: z.literal(false) }),
});
export type ConsulValues = z.infer<typeof ConsulValues>;
