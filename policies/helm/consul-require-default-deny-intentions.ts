import { CHARTS, releasesOf, valueAt } from "../lib/helm";
import { arr, at, K8S, obj } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/**
 * CON-08: with the service mesh on (the chart's default), services talk only where an intention allows
 * it: ACLs with default deny make intentions default-deny, or a `*` deny ServiceIntentions does.
 */
export const consulRequireDefaultDenyIntentions = stackPolicy({
  name: "inferstack-kubernetes-consul-require-default-deny-intentions",
  description: "A Consul release with connect injection denies service-to-service traffic by default.",
  severity: "high",
  rules: ["CON-08"],
  sources: ["HashiCorp Consul mesh security checklist"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.helmRelease, K8S.serviceIntentions],
  remediation: 'Set global.acls.manageSystemACLs: true, or create a ServiceIntentions for destination "*" denying source "*"; or set connectInject.enabled: false when the mesh is unused.',
  validate(resources, report, runtime) {
    const releases = releasesOf(resources, CHARTS.consul).filter((r) => valueAt(r, "connectInject.enabled") !== false);
    if (releases.length === 0) runtime.notApplicable("no Consul release with connect injection in the stack");
    const denyAll = ofType(resources, K8S.serviceIntentions).some(
      (i) => at(i.props, "spec.destination.name") === "*" && arr(at(i.props, "spec.sources")).some((s) => obj(s).name === "*" && obj(s).action === "deny"),
    );
    for (const release of releases) {
      if (valueAt(release, "global.acls.manageSystemACLs") !== true && !denyAll) {
        report(release, 'lets every meshed service call every other; got connect injection on without ACLs or a "*" deny intention. Enable ACLs or add the deny-all ServiceIntentions.');
      }
    }
  },
});
