/**
 * Kubernetes schema validation with the upstream OpenAPI schemas packaged by kubernetes-models
 * (Kubernetes 1.27 schemas) and @kubernetes-models/prometheus-operator.
 * @see https://github.com/tommy351/kubernetes-models-ts
 */
import { ECK_KIND_VALIDATORS } from "../logging/crd-schemas";

/** A validator for one kind: returns the schema errors of an object, empty when valid. */
export type KindValidator = (object: Record<string, unknown>) => string[];

interface ModelClass {
  new (data: Record<string, unknown>): { validate(): void };
}

/**
 * Where the model classes of each apiVersion live: one module per kind (`kubernetes-models/v1/Service`).
 * Each kind is loaded on first use: an apiVersion's index module loads every kind's schema, which cost
 * a one-model plan about 0.2 s of its start-up.
 */
const MODULE_PREFIXES: Readonly<Record<string, string>> = {
  v1: "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "rbac.authorization.k8s.io/v1": "kubernetes-models/rbac.authorization.k8s.io/v1",
  "scheduling.k8s.io/v1": "kubernetes-models/scheduling.k8s.io/v1",
  "storage.k8s.io/v1": "kubernetes-models/storage.k8s.io/v1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

const MODELS = new Map<string, ModelClass | undefined>();

/** The model class of a kind, or undefined when the package has none. */
function modelOf(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!MODELS.has(key)) {
    const prefix = MODULE_PREFIXES[apiVersion];
    let model: ModelClass | undefined;
    if (prefix !== undefined && /^[A-Za-z][A-Za-z0-9]*$/.test(kind)) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, one kind at a time
        model = (require(`${prefix}/${kind}`) as Record<string, ModelClass | undefined>)[kind];
      } catch (error) {
        if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
      }
    }
    MODELS.set(key, model);
  }
  return MODELS.get(key);
}

/**
 * Validators for kinds without a packaged schema (e.g. ECK custom resources), keyed `apiVersion/kind`.
 * Areas register theirs with {@link registerKindValidator}.
 */
const CUSTOM: Map<string, KindValidator> = new Map();

/** Registers the validator of a kind that kubernetes-models does not package. */
export function registerKindValidator(apiVersion: string, kind: string, validator: KindValidator): void {
  CUSTOM.set(`${apiVersion}/${kind}`, validator);
}

// ECK's Elasticsearch, Kibana and Beat: schemas derived from the ECK 3.5 CRDs (components/logging/crd-schemas.ts).
for (const eck of ECK_KIND_VALIDATORS) registerKindValidator(eck.apiVersion, eck.kind, eck.validate);

/**
 * Validates one Kubernetes object against its upstream schema. An object whose kind has no schema
 * is an error too: every kind inferstack renders must be checkable.
 */
export function validateKubernetesObject(object: Record<string, unknown>): string[] {
  const apiVersion = object.apiVersion;
  const kind = object.kind;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return ["object has no apiVersion or kind"];
  const custom = CUSTOM.get(`${apiVersion}/${kind}`);
  if (custom) return custom(object);
  const model = modelOf(apiVersion, kind);
  if (!model) return [`no schema for ${apiVersion} ${kind}; register one in components/validate/kubernetes.ts`];
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    return describeAjvErrors(error);
  }
}

function describeAjvErrors(error: unknown): string[] {
  const errors = (error as { errors?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return [String((error as Error).message ?? error)];
  return errors.map((e) => {
    const extra = e.params?.additionalProperty ? ` (${String(e.params.additionalProperty)})` : "";
    return `${e.instancePath === "" ? "/" : e.instancePath} ${e.message ?? "is invalid"}${extra}`;
  });
}
