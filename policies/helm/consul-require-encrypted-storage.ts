import { ENCRYPTED_STORAGE_CLASS } from "../../components/kubernetes/storage";
import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** CON-09: server data (catalog, ACL tokens, KV) is on encrypted gp3 volumes of a stated size. */
export const consulRequireEncryptedStorage = resourcePolicy({
  name: "inferstack-kubernetes-consul-require-encrypted-storage",
  description: `Consul servers store their data on the encrypted ${ENCRYPTED_STORAGE_CLASS} class with an explicit size.`,
  severity: "medium",
  rules: ["CON-09"],
  sources: ["consul-k8s chart server.storageClass"],
  enforcement: levels("A/A/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: `Set values.server.storageClass: "${ENCRYPTED_STORAGE_CLASS}" and server.storage (e.g. "10Gi").`,
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.consul)) return;
    const storageClass = valueAt(resource, "server.storageClass");
    if (storageClass !== ENCRYPTED_STORAGE_CLASS) report(`stores server data on ${storageClass === undefined ? "the cluster's default class" : "another class"}; got server.storageClass ${shown(storageClass, "unset")}. Use "${ENCRYPTED_STORAGE_CLASS}".`);
    if (typeof valueAt(resource, "server.storage") !== "string") report('does not size its data volumes; got server.storage unset. Set it, e.g. "10Gi".');
  },
});
