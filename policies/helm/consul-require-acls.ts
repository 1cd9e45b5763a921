import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** CON-01: Consul bootstraps its ACL system with default deny (the chart leaves ACLs off). */
export const consulRequireAcls = resourcePolicy({
  name: "inferstack-kubernetes-consul-require-acls",
  description: "The Consul release has the chart manage ACLs, so every request needs a token.",
  severity: "high",
  rules: ["CON-01"],
  sources: ["HashiCorp Consul security checklist"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: "Set values.global.acls.manageSystemACLs: true.",
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.consul)) return;
    const value = valueAt(resource, "global.acls.manageSystemACLs");
    if (value !== true) report(`lets anyone read and write the catalog without a token; got global.acls.manageSystemACLs ${shown(value, "unset (false)")}. Set it to true.`);
  },
});
