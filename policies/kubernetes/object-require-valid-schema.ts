import { validateKubernetesObject } from "../../components/validate/kubernetes";
import { isKubernetesObject } from "../lib/kubernetes";
import { levels, resourcePolicy } from "../lib/policy";

/** K-SCHEMA: every object the stack applies is valid for its kind (kubernetes-models, Kubernetes 1.27 schemas and prometheus-operator CRDs). */
export const objectRequireValidSchema = resourcePolicy({
  name: "inferstack-kubernetes-object-require-valid-schema",
  description: "Every Kubernetes object validates against the upstream schema of its kind.",
  severity: "high",
  rules: ["K-SCHEMA"],
  sources: ["kubernetes-models", "@kubernetes-models/validate", "@kubernetes-models/prometheus-operator"],
  enforcement: levels("M/M/M"),
  resourceTypes: ["kubernetes:*"],
  remediation: "Fix the field the error names; a custom kind registers its validator with registerKindValidator (components/validate/kubernetes.ts).",
  validate(resource, report) {
    if (!isKubernetesObject(resource)) return;
    for (const error of validateKubernetesObject(resource.props)) report(`fails its schema; got ${error}. Fix the object so the API server accepts it.`);
  },
});
