/* eslint-disable @typescript-eslint/no-explicit-any -- mutation fixtures reach into rendered JSON at arbitrary depth */
import * as fs from "node:fs";
import { ECK_VALIDATORS_FILE, renderEckValidators } from "../../../components/logging/eck-validators";
import { validateFilebeatConfig } from "../../../components/logging/filebeat";
import { validateIlmPolicy } from "../../../components/logging/ilm";
import { validateOperatorValues } from "../../../components/logging/operator";
import { renderLogging } from "../../../components/logging/render";
import { loadPlatform } from "../../../components/resolve";
import { validateKubernetesObject } from "../../../components/validate/kubernetes";
import { inputFrom } from "../../helpers/input";
import { ONNX_MODEL, PROD_STACK } from "../../helpers/samples";

const platform = loadPlatform(inputFrom("prod", PROD_STACK, { "catalog/resnet50.yaml": ONNX_MODEL }));
const rendered = renderLogging(platform.environment, platform.logging!, platform.serverPools);

/** A deep, loosely typed copy of a rendered value, changed by `mutate`. */
function mutated(value: unknown, mutate: (copy: any) => void): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  mutate(copy);
  return copy;
}

describe("the ECK CRD validators (registered in components/validate/kubernetes.ts)", () => {
  it.each([
    [
      "an Elasticsearch nodeSet name over 23 characters, a field the CRD does not have, and no nodes",
      rendered.elasticsearch,
      (es: any) => {
        es.spec.nodeSets[0].name = "a".repeat(24);
        es.spec.podDisruptionBudgett = {};
        es.spec.nodeSets[0].count = 0;
      },
      [
        "/spec must NOT have additional properties (podDisruptionBudgett)",
        "/spec/nodeSets/0/name must NOT have more than 23 characters",
        "/spec/nodeSets/0/count must be >= 1",
      ],
    ],
    ["an Elasticsearch without a version", rendered.elasticsearch, (es: any) => delete es.spec.version, ["/spec must have required property 'version'"]],
    [
      "embedded Kubernetes types that break their upstream schemas",
      rendered.elasticsearch,
      (es: any) => {
        es.spec.nodeSets[0].podTemplate.spec.containers[0].resources = "2Gi";
        es.spec.nodeSets[0].volumeClaimTemplates[0].spec.accessModes = "ReadWriteOnce";
        es.spec.http.service.spec.type = 5;
      },
      [
        "/spec/http/service/spec/type must be string",
        "/spec/http/service/spec/type must be equal to one of the allowed values",
        "/spec/nodeSets/0/podTemplate/spec/containers/0/resources must be object",
        "/spec/nodeSets/0/volumeClaimTemplates/0/spec/accessModes must be array",
      ],
    ],
    ["a TLS switch that is not a boolean", rendered.elasticsearch, (es: any) => (es.spec.http.tls.selfSignedCertificate.disabled = "yes"), ["/spec/http/tls/selfSignedCertificate/disabled must be boolean"]],
    [
      "a Kibana with a negative count and a reference without a name",
      rendered.kibana,
      (kb: any) => {
        kb.spec.count = -1;
        delete kb.spec.elasticsearchRef.name;
      },
      ["/spec/count must be >= 0", "/spec/elasticsearchRef must have required property 'name'"],
    ],
    [
      "a Beat that is both a DaemonSet and a Deployment, with a type outside the CRD's pattern",
      rendered.beat,
      (beat: any) => {
        beat.spec.deployment = { podTemplate: {} };
        beat.spec.type = "file beat";
      },
      ["/spec must not set both daemonSet and deployment (ECK's webhook refuses it)", '/spec/type must match pattern "^[a-zA-Z0-9-]+$"'],
    ],
    [
      "a Beat pod with a hostPath volume without a path",
      rendered.beat,
      (beat: any) => (beat.spec.daemonSet.podTemplate.spec.volumes[0].hostPath = { type: "Directory" }),
      ["/spec/daemonSet/podTemplate/spec/volumes/0/hostPath must have required property path"],
    ],
    [
      "a Beat of an apiVersion ECK 3.5 does not serve",
      rendered.beat,
      (beat: any) => (beat.apiVersion = "beat.k8s.elastic.co/v1"),
      ["no schema for beat.k8s.elastic.co/v1 Beat; register one in components/validate/kubernetes.ts"],
    ],
  ])("reject %s", (_what, object, mutate, errors) => {
    expect(validateKubernetesObject(object as unknown as Record<string, unknown>)).toEqual([]);
    expect(validateKubernetesObject(mutated(object, mutate))).toEqual(errors);
  });
});

describe("the generated ECK validators", () => {
  it("are the schemas of crd-schemas.ts as ajv compiles them today (run npm run generate after editing one)", () => {
    expect(fs.readFileSync(ECK_VALIDATORS_FILE, "utf8")).toBe(renderEckValidators());
  });
});

describe("the ILM policy schema", () => {
  it.each([
    ["a min_age that is not a time value", (p: any) => (p.policy.phases.delete.min_age = "30 days"), ['/policy/phases/delete/min_age must be an Elasticsearch time value such as "30d"; got "30 days"']],
    [
      "a phase that starts before the one it follows",
      (p: any) => (p.policy.phases.warm = { min_age: "40d", actions: {} }),
      ["/policy/phases phases must not start before the phase that precedes them (min_age counts from rollover in every phase)"],
    ],
    ["an action its phase does not allow", (p: any) => (p.policy.phases.delete.actions.rollover = { max_age: "1d" }), ['/policy/phases/delete/actions Unrecognized key: "rollover"']],
    ["a rollover with no max_* condition", (p: any) => (p.policy.phases.hot.actions.rollover = { min_docs: 1 }), ["/policy/phases/hot/actions/rollover needs at least one max_* condition"]],
  ])("rejects %s", (_what, mutate, errors) => {
    expect(validateIlmPolicy(rendered.ilmPolicy)).toEqual([]);
    expect(validateIlmPolicy(mutated(rendered.ilmPolicy, mutate))).toEqual(errors);
  });
});

describe("the Filebeat configuration schema", () => {
  it.each([
    [
      "a misspelt key Filebeat would ignore",
      (f: any) => {
        f.filebeat.autodiscover.providers[0].hint = f.filebeat.autodiscover.providers[0].hints;
        delete f.filebeat.autodiscover.providers[0].hints;
      },
      ["/filebeat/autodiscover/providers/0/hints Invalid input: expected object, received undefined", '/filebeat/autodiscover/providers/0 Unrecognized key: "hint"'],
    ],
    [
      "an input id shared by every container, and an unknown condition",
      (f: any) => {
        f.filebeat.autodiscover.providers[0].hints.default_config.id = "logs";
        f.processors[0].copy_fields.when = { equal: {} };
      },
      ['/filebeat/autodiscover/providers/0/hints/default_config/id Invalid string: must include "${data.kubernetes.container.id}"', "/processors/0 Invalid input"],
    ],
  ])("rejects %s", (_what, mutate, errors) => {
    expect(validateFilebeatConfig(rendered.filebeatConfig)).toEqual([]);
    expect(validateFilebeatConfig(mutated(rendered.filebeatConfig, mutate))).toEqual(errors);
  });
});

describe("the eck-operator chart values schema", () => {
  it("rejects a key the chart does not have and a weaker security context", () => {
    expect(validateOperatorValues(rendered.operator.values)).toEqual([]);
    const values = mutated(rendered.operator.values, (v) => {
      v.installCrds = true;
      v.securityContext.allowPrivilegeEscalation = true;
    });
    expect(validateOperatorValues(values)).toEqual(["/securityContext/allowPrivilegeEscalation Invalid input: expected false", '/ Unrecognized key: "installCrds"']);
  });
});
