import { LABELS } from "../../components/labels";
import { at, K8S, labelsOf, namespaceOf, objectName, obj } from "../lib/kubernetes";
import { levels, ofType, shown, stackPolicy } from "../lib/policy";
import { firstByKey } from "../lib/resource-index";

/** Catalog-sync annotations of the registration contract (consul-k8s control-plane/catalog/to-consul/annotation.go). */
export const CONSUL_SYNC = "consul.hashicorp.com/service-sync";
export const CONSUL_NAME = "consul.hashicorp.com/service-name";

/**
 * inferstack's registration rule: every model's Service is synced into Consul under the model's own
 * name (without the annotation, catalog sync appends "-<namespace>" to the name).
 */
export const serviceRequireConsulRegistration = stackPolicy({
  name: "inferstack-kubernetes-service-require-consul-registration",
  description: "Where discovery is on, every model has its per-model Service annotated for Consul catalog sync under the model's name.",
  severity: "high",
  rules: ["OWN every model has a registration"],
  sources: ["consul-k8s catalog sync annotations"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.service],
  usesContext: true,
  remediation: `Render each model's Service with annotations { "${CONSUL_SYNC}": "true", "${CONSUL_NAME}": <model> } (plus tags and meta).`,
  validate(resources, report, runtime) {
    const context = runtime.context();
    if (!context.areas.discovery) runtime.notApplicable(`discovery is off in ${context.stack}`);
    const services = ofType(resources, K8S.service);
    if (!services.some((s) => labelsOf(s.props)[LABELS.component] === "model-endpoint")) {
      runtime.notApplicable("the stack has no per-model Services yet");
    }
    const byName = firstByKey(services, (s) => (namespaceOf(s) === context.namespace ? objectName(s) : undefined));
    for (const model of context.models) {
      const service = byName.get(model.name);
      if (!service) {
        report(undefined, `model ${model.name} has no Service to register in Consul; got no Service "${model.name}" in namespace ${context.namespace}. Create the model's Service.`);
        continue;
      }
      const annotations = obj(at(service.props, "metadata.annotations"));
      if (annotations[CONSUL_SYNC] !== "true") {
        report(service, `is not synced into Consul; got ${CONSUL_SYNC} ${shown(annotations[CONSUL_SYNC], "unset")}. Set it to "true".`);
      }
      if (annotations[CONSUL_NAME] !== model.name) {
        report(service, `registers model ${model.name} under another name; got ${CONSUL_NAME} ${shown(annotations[CONSUL_NAME], "unset")}. Set it to "${model.name}".`);
      }
    }
  },
});
