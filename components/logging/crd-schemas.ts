/**
 * Schemas of the ECK custom resources inferstack renders (Elasticsearch, Kibana, Beat), derived from
 * the CRDs ECK 3.5.0 installs, for the fields inferstack uses. No npm package ships ECK models or CRD
 * schemas (`@kubernetes-models/*` has none; checked with `npm view`, 2026-11), so these are written here.
 *
 * Sources (elastic/cloud-on-k8s, tag v3.5.0): the CRDs in `config/crds/v1/resources/`
 * (`elasticsearch.k8s.elastic.co_elasticsearches.yaml`, `kibana.k8s.elastic.co_kibanas.yaml`,
 * `beat.k8s.elastic.co_beats.yaml`) and the Go types they are generated from
 * (`pkg/apis/elasticsearch/v1/elasticsearch_types.go`, `pkg/apis/kibana/v1/kibana_types.go`,
 * `pkg/apis/beat/v1beta1/beat_types.go`, `pkg/apis/common/v1/common.go`): required fields, the
 * nodeSet name pattern and 23-character limit, the count minimum, the Beat type pattern and 20-character
 * limit, the HTTP and TLS options, object references.
 *
 * Where the CRDs embed Kubernetes types (`podTemplate` is a PodTemplateSpec, `volumeClaimTemplates`
 * items are PersistentVolumeClaims, `http.service.spec` is a ServiceSpec) the embedded value is checked
 * against the upstream Kubernetes schema from kubernetes-models, which is stricter than the CRDs (ECK
 * strips the pod template's schema to keep its CRDs small). Two deliberate tightenings: unknown fields
 * are errors (the API server would prune them silently, so a typo would vanish), and the name and type
 * patterns are anchored (the CRD's `[a-zA-Z0-9-]+` is not). Webhook rules ECK enforces at admission
 * are added where inferstack could break them: a Beat is a DaemonSet or a Deployment, not both, and
 * has `config` or `configRef`, not both.
 */
import type { ErrorObject } from "ajv";
import type { KindValidator } from "../validate/kubernetes";
import { ECK_KINDS } from "./elasticsearch";

const stringMap = { type: "object", additionalProperties: { type: "string" } } as const;

/** The object metadata inferstack sets on its custom resources. */
const metadata = {
  type: "object",
  required: ["name", "namespace"],
  additionalProperties: false,
  properties: {
    name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 36 },
    namespace: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 },
    labels: stringMap,
    annotations: stringMap,
  },
} as const;

/** `commonv1.ObjectSelector`: a reference to another Elastic resource. */
const objectSelector = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: { name: { type: "string", minLength: 1 }, namespace: { type: "string" }, serviceName: { type: "string" }, secretName: { type: "string" } },
} as const;

/** `commonv1.HTTPConfig`: the HTTP Service template and TLS options. */
const httpConfig = {
  type: "object",
  additionalProperties: false,
  properties: {
    service: { type: "object", additionalProperties: false, properties: { metadata: { type: "object" }, spec: { type: "object" } } },
    tls: {
      type: "object",
      additionalProperties: false,
      properties: {
        certificate: { type: "object", additionalProperties: false, properties: { secretName: { type: "string" } } },
        selfSignedCertificate: {
          type: "object",
          additionalProperties: false,
          properties: {
            disabled: { type: "boolean" },
            subjectAltNames: {
              type: "array",
              items: { type: "object", additionalProperties: false, properties: { dns: { type: "string" }, ip: { type: "string" } } },
            },
          },
        },
      },
    },
  },
} as const;

/** `commonv1.Config`: free-form settings (`x-kubernetes-preserve-unknown-fields`). */
const config = { type: "object" } as const;
const podTemplate = { type: "object" } as const;
const version = { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$" } as const;

function resource(apiVersion: string, kind: string, spec: Record<string, unknown>) {
  return {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    additionalProperties: false,
    properties: { apiVersion: { const: apiVersion }, kind: { const: kind }, metadata, spec },
  };
}

export const ELASTICSEARCH_SCHEMA = resource(ECK_KINDS.elasticsearch.apiVersion, ECK_KINDS.elasticsearch.kind, {
  type: "object",
  required: ["version", "nodeSets"],
  additionalProperties: false,
  properties: {
    version,
    http: httpConfig,
    nodeSets: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["name", "count"],
        additionalProperties: false,
        properties: {
          name: { type: "string", pattern: "^[a-zA-Z0-9-]+$", maxLength: 23 },
          count: { type: "integer", minimum: 1, maximum: 2147483647 },
          config,
          podTemplate,
          volumeClaimTemplates: { type: "array", items: { type: "object" } },
        },
      },
    },
  },
});

export const KIBANA_SCHEMA = resource(ECK_KINDS.kibana.apiVersion, ECK_KINDS.kibana.kind, {
  type: "object",
  required: ["version"],
  additionalProperties: false,
  properties: {
    version,
    count: { type: "integer", minimum: 0, maximum: 2147483647 },
    elasticsearchRef: objectSelector,
    config,
    http: httpConfig,
    podTemplate,
  },
});

const workloadSpec = {
  type: "object",
  additionalProperties: false,
  properties: { podTemplate, strategy: { type: "object" } },
} as const;

export const BEAT_SCHEMA = resource(ECK_KINDS.beat.apiVersion, ECK_KINDS.beat.kind, {
  type: "object",
  required: ["type", "version"],
  additionalProperties: false,
  properties: {
    type: { type: "string", pattern: "^[a-zA-Z0-9-]+$", maxLength: 20 },
    version,
    elasticsearchRef: objectSelector,
    kibanaRef: objectSelector,
    config,
    configRef: { type: "object", additionalProperties: false, required: ["secretName"], properties: { secretName: { type: "string" } } },
    serviceAccountName: { type: "string" },
    daemonSet: workloadSpec,
    deployment: { ...workloadSpec, properties: { ...workloadSpec.properties, replicas: { type: "integer", minimum: 0 } } },
  },
  allOf: [{ not: { required: ["daemonSet", "deployment"] } }, { not: { required: ["config", "configRef"] } }],
});

/** The schemas by kind, compiled into `eck-validators.generated.js` (see `eck-validators.ts`). */
export const ECK_SCHEMAS = { elasticsearch: ELASTICSEARCH_SCHEMA, kibana: KIBANA_SCHEMA, beat: BEAT_SCHEMA };

type CompiledValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The generated module of compiled validators, beside this file (written by `eck-validators.ts`). */
export const ECK_VALIDATORS_MODULE = "./eck-validators.generated";

/** The compiled validator of a kind, from the generated module (loaded on first use). */
function validatorOf(kind: keyof typeof ECK_SCHEMAS): CompiledValidator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS, see eck-validators.ts
  return (require(ECK_VALIDATORS_MODULE) as Record<keyof typeof ECK_SCHEMAS, CompiledValidator>)[kind];
}

interface ModelClass {
  new (data: Record<string, unknown>): { validate(): void };
}

/** A kubernetes-models class of core/v1, loaded lazily and alone (the v1 index loads every kind's schema). */
function coreModel(name: "PodTemplateSpec" | "PersistentVolumeClaim" | "ServiceSpec"): ModelClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`kubernetes-models/v1/${name}`) as Record<string, ModelClass>)[name]!;
}

/** Errors of an embedded Kubernetes value at `pointer`, checked with its upstream schema. */
function embedded(name: "PodTemplateSpec" | "PersistentVolumeClaim" | "ServiceSpec", value: unknown, pointer: string): string[] {
  if (value === undefined) return [];
  try {
    new (coreModel(name))(value as Record<string, unknown>).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: ErrorObject[] }).errors;
    if (!Array.isArray(errors)) return [`${pointer} ${String((error as Error).message)}`];
    return errors.map((e) => `${pointer}${e.instancePath} ${e.message ?? "is invalid"}${extra(e)}`);
  }
}

function extra(error: ErrorObject): string {
  return error.params && "additionalProperty" in error.params ? ` (${String(error.params.additionalProperty)})` : "";
}

/** What the webhook rules (`not: {required: [a, b]}`) mean, by schema path; ajv alone says "must NOT be valid". */
const EXCLUSIVE_MESSAGES: Readonly<Record<string, string>> = {
  "#/properties/spec/allOf/0/not": "must not set both daemonSet and deployment (ECK's webhook refuses it)",
  "#/properties/spec/allOf/1/not": "must not set both config and configRef (ECK's webhook refuses it)",
};

function structural(validate: CompiledValidator, object: unknown): string[] {
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath === "" ? "/" : e.instancePath} ${EXCLUSIVE_MESSAGES[e.schemaPath] ?? e.message ?? "is invalid"}${extra(e)}`);
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Checks an Elasticsearch resource: its CRD structure, then each pod template, claim template and Service spec. */
export const validateElasticsearch: KindValidator = (object) => {
  const errors = structural(validatorOf("elasticsearch"), object);
  if (errors.length > 0) return errors;
  const spec = obj(object.spec);
  return [
    ...embedded("ServiceSpec", obj(obj(spec.http).service).spec, "/spec/http/service/spec"),
    ...list(spec.nodeSets).flatMap((nodeSet, i) => [
      ...embedded("PodTemplateSpec", obj(nodeSet).podTemplate, `/spec/nodeSets/${i}/podTemplate`),
      ...list(obj(nodeSet).volumeClaimTemplates).flatMap((claim, j) => embedded("PersistentVolumeClaim", claim, `/spec/nodeSets/${i}/volumeClaimTemplates/${j}`)),
    ]),
  ];
};

/** Checks a Kibana resource: its CRD structure, then its pod template and Service spec. */
export const validateKibana: KindValidator = (object) => {
  const errors = structural(validatorOf("kibana"), object);
  if (errors.length > 0) return errors;
  const spec = obj(object.spec);
  return [...embedded("ServiceSpec", obj(obj(spec.http).service).spec, "/spec/http/service/spec"), ...embedded("PodTemplateSpec", spec.podTemplate, "/spec/podTemplate")];
};

/** Checks a Beat resource: its CRD structure, then its DaemonSet or Deployment pod template. */
export const validateBeat: KindValidator = (object) => {
  const errors = structural(validatorOf("beat"), object);
  if (errors.length > 0) return errors;
  const spec = obj(object.spec);
  return [
    ...embedded("PodTemplateSpec", obj(spec.daemonSet).podTemplate, "/spec/daemonSet/podTemplate"),
    ...embedded("PodTemplateSpec", obj(spec.deployment).podTemplate, "/spec/deployment/podTemplate"),
  ];
};

/** The ECK kinds and their validators, registered in `components/validate/kubernetes.ts`. */
export const ECK_KIND_VALIDATORS: readonly { readonly apiVersion: string; readonly kind: string; readonly validate: KindValidator }[] = [
  { ...ECK_KINDS.elasticsearch, validate: validateElasticsearch },
  { ...ECK_KINDS.kibana, validate: validateKibana },
  { ...ECK_KINDS.beat, validate: validateBeat },
];
