import { at, K8S, objectName } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** OBS-08: Elasticsearch and Kibana keep ECK's TLS, their passwords stay operator-generated, and neither is public. */
export const elasticsearchRequireTlsAndPrivateAccess = resourcePolicy({
  name: "inferstack-kubernetes-elasticsearch-require-tls-and-private-access",
  description: "Elasticsearch and Kibana keep TLS on their HTTP endpoints, stay inside the cluster, and no static elastic password is created.",
  severity: "critical",
  rules: ["OBS-08"],
  sources: ["ECK security documentation"],
  enforcement: levels("M/M/M"),
  resourceTypes: [K8S.elasticsearch, K8S.kibana, "kubernetes:core/v1:Secret"],
  remediation: "Leave spec.http.tls at ECK's self-signed default (or give a certificate secretName), keep spec.http.service.spec.type ClusterIP, and let ECK generate the elastic user's password.",
  validate(resource, report) {
    if (resource.type === "kubernetes:core/v1:Secret") {
      if (objectName(resource).endsWith("-es-elastic-user")) report("sets the elastic superuser's password in the stack; got a Secret named like ECK's <name>-es-elastic-user. Let ECK generate it.");
      return;
    }
    const disabled = at(resource.props, "spec.http.tls.selfSignedCertificate.disabled") === true;
    const certificate = at(resource.props, "spec.http.tls.certificate.secretName");
    if (disabled && typeof certificate !== "string") report("serves its HTTP API without TLS; got spec.http.tls.selfSignedCertificate.disabled true and no certificate. Remove disabled, or give spec.http.tls.certificate.secretName.");
    const type = at(resource.props, "spec.http.service.spec.type");
    if (type === "LoadBalancer" || type === "NodePort") report(`is reachable from outside the cluster; got spec.http.service.spec.type ${shown(type, "unset")}. Keep it ClusterIP.`);
  },
});
