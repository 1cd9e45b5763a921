/**
 * Reading Kubernetes objects as policies see them: typed Pulumi resources whose props are the object
 * body (apiVersion, kind, metadata, spec). The offline runner fills `metadata.name` and
 * `metadata.namespace` the way the engine would, so policies can match objects by name.
 */
import { LABELS } from "../../components/labels";
import { GPU_RESOURCE, GPU_TAINT, NODE_POOL_LABEL } from "../../components/compute/scheduling";
import { type Runtime } from "../../components/spec/model";
import { type Resource } from "./policy";

/** Pulumi type tokens of the Kubernetes kinds policies inspect. */
export const K8S = Object.freeze({
  namespace: "kubernetes:core/v1:Namespace",
  pod: "kubernetes:core/v1:Pod",
  service: "kubernetes:core/v1:Service",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  persistentVolumeClaim: "kubernetes:core/v1:PersistentVolumeClaim",
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  daemonSet: "kubernetes:apps/v1:DaemonSet",
  job: "kubernetes:batch/v1:Job",
  cronJob: "kubernetes:batch/v1:CronJob",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
  role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
  clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
  roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
  prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
  serviceMonitor: "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
  elasticsearch: "kubernetes:elasticsearch.k8s.elastic.co/v1:Elasticsearch",
  kibana: "kubernetes:kibana.k8s.elastic.co/v1:Kibana",
  serviceIntentions: "kubernetes:consul.hashicorp.com/v1alpha1:ServiceIntentions",
  helmRelease: "kubernetes:helm.sh/v3:Release",
});

/** Kinds with a pod template, whose pods the pod-security policies check. */
export const WORKLOAD_TYPES: readonly string[] = [K8S.deployment, K8S.statefulSet, K8S.daemonSet, K8S.job, K8S.cronJob];

/** A loosely typed JSON object. */
export type Json = Record<string, unknown>;

/** `value` as an object, or an empty one. */
export function obj(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

/** `value` as an array, or an empty one. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Dotted paths split once: `at` is called millions of times on a large plan, with a few hundred paths. */
const PATH_KEYS = new Map<string, readonly string[]>();

/** The value at a dotted path (`spec.template.spec`), or undefined. */
export function at(value: unknown, path: string): unknown {
  let keys = PATH_KEYS.get(path);
  if (keys === undefined) {
    keys = path.split(".");
    PATH_KEYS.set(path, keys);
  }
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Json)[key];
  }
  return current;
}

/** True for typed Kubernetes objects (not providers, not Helm releases). */
export function isKubernetesObject(resource: Pick<Resource, "type" | "props">): boolean {
  return resource.type.startsWith("kubernetes:") && resource.type !== K8S.helmRelease && typeof resource.props.kind === "string";
}

/** `metadata.name` of an object (filled in by the engine or the offline runner for auto-named ones). */
export function objectName(resource: Pick<Resource, "name" | "props">): string {
  const name = at(resource.props, "metadata.name");
  return typeof name === "string" ? name : resource.name;
}

/** The namespace of a namespaced object: its own, else its provider's default, else `default`. */
export function namespaceOf(resource: Pick<Resource, "props" | "provider">): string {
  const own = at(resource.props, "metadata.namespace");
  if (typeof own === "string") return own;
  const fromProvider = resource.provider?.props.namespace;
  return typeof fromProvider === "string" ? fromProvider : "default";
}

/** Labels of an object or a pod template. */
export function labelsOf(value: unknown): Record<string, string> {
  return obj(at(value, "metadata.labels")) as Record<string, string>;
}

/** A pod template: its labels and annotations and its pod spec. */
export interface PodTemplate {
  readonly metadata: Json;
  readonly spec: Json;
}

/** The pod template of a workload (Deployment, StatefulSet, DaemonSet, Job, CronJob) or a bare Pod's own body. */
export function podTemplateOf(resource: Pick<Resource, "type" | "props">): PodTemplate | undefined {
  const props = resource.props;
  const template =
    resource.type === K8S.cronJob ? at(props, "spec.jobTemplate.spec.template") : resource.type === K8S.pod ? props : at(props, "spec.template");
  if (template === undefined) return undefined;
  return { metadata: obj(at(template, "metadata")), spec: obj(at(template, "spec")) };
}

/** One container of a pod spec. */
export interface Container {
  readonly name: string;
  /** True for init containers. */
  readonly init: boolean;
  readonly body: Json;
}

/** Init containers first, then containers, each with its name. */
export function containersOf(podSpec: Json): Container[] {
  const list = (key: string, init: boolean) =>
    arr(podSpec[key]).map((c) => ({ name: String(obj(c).name ?? "?"), init, body: obj(c) }));
  return [...list("initContainers", true), ...list("containers", false)];
}

/** GPUs a container asks for (its `nvidia.com/gpu` limit, else request). */
export function gpuCount(container: Container): number {
  const value = at(container.body, `resources.limits`) as Json | undefined;
  const limit = obj(value)[GPU_RESOURCE] ?? obj(at(container.body, "resources.requests"))[GPU_RESOURCE];
  const count = typeof limit === "string" ? Number(limit) : typeof limit === "number" ? limit : 0;
  return Number.isFinite(count) ? count : 0;
}

/** GPUs one pod of the template asks for. */
export function podGpus(template: PodTemplate): number {
  return containersOf(template.spec)
    .filter((c) => !c.init)
    .reduce((sum, c) => sum + gpuCount(c), 0);
}

/** True when a toleration tolerates the GPU taint. */
export function toleratesGpuTaint(toleration: unknown): boolean {
  const t = obj(toleration);
  const effectOk = t.effect === undefined || t.effect === GPU_TAINT.effect;
  if (t.operator === "Exists") return (t.key === undefined || t.key === GPU_TAINT.key) && effectOk;
  return t.key === GPU_TAINT.key && t.value === GPU_TAINT.value && effectOk;
}

/** The node pool a pod template selects through `inferstack.io/node-pool` (nodeSelector or required affinity). */
export function selectedNodePool(template: PodTemplate): string | undefined {
  const fromSelector = obj(template.spec.nodeSelector)[NODE_POOL_LABEL];
  if (typeof fromSelector === "string") return fromSelector;
  const terms = arr(at(template.spec, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"));
  for (const term of terms) {
    for (const expression of arr(obj(term).matchExpressions)) {
      const e = obj(expression);
      const values = arr(e.values);
      if (e.key === NODE_POOL_LABEL && e.operator === "In" && values.length === 1) return String(values[0]);
    }
  }
  return undefined;
}

/** The server pool a serving pod template belongs to (`inferstack.io/server-pool` label). */
export function serverPoolOf(template: PodTemplate): string | undefined {
  const pool = labelsOf(template)[LABELS.serverPool];
  return typeof pool === "string" ? pool : undefined;
}

/** The runtime of a serving pod template: its `app.kubernetes.io/name` label, else its image. */
export function runtimeOf(template: PodTemplate): Runtime | undefined {
  const name = labelsOf(template)[LABELS.name];
  if (name === "triton" || name === "tfserving") return name;
  for (const container of containersOf(template.spec)) {
    const image = String(container.body.image ?? "");
    if (/(^|\/)tritonserver[:@]/.test(image)) return "triton";
    if (/(^|\/)tensorflow\/serving[:@]/.test(image)) return "tfserving";
  }
  return undefined;
}

/** True when a label selector (`matchLabels`/`matchExpressions`, or a plain map) selects `labels`. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  const s = obj(selector);
  const isLabelSelector = "matchLabels" in s || "matchExpressions" in s;
  const matchLabels = (isLabelSelector ? obj(s.matchLabels) : s) as Record<string, unknown>;
  if (Object.keys(matchLabels).length === 0 && arr(s.matchExpressions).length === 0) return isLabelSelector;
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  for (const expression of arr(s.matchExpressions)) {
    const e = obj(expression);
    const key = String(e.key);
    const values = arr(e.values).map(String);
    const has = key in labels;
    if (e.operator === "In" && !(has && values.includes(labels[key]!))) return false;
    if (e.operator === "NotIn" && has && values.includes(labels[key]!)) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

/** A short name for messages: `Deployment inferstack/resnet50`. */
export function describeObject(resource: Pick<Resource, "name" | "props" | "provider">): string {
  return `${String(resource.props.kind)} ${namespaceOf(resource)}/${objectName(resource)}`;
}

/** A quantity in whole bytes (`512Mi`, `2Gi`, `1G`, `100`), or undefined when it is not one. */
export function bytesOf(quantity: unknown): number | undefined {
  if (typeof quantity === "number") return quantity;
  if (typeof quantity !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity.trim());
  if (!match) return undefined;
  const units: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(match[1]) * (match[2] ? units[match[2]]! : 1);
}
