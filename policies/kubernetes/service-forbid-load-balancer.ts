import { at, K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** LB-05: model endpoints stay inside the cluster; exposure goes through a deliberate, acknowledged gateway. */
export const serviceForbidLoadBalancer = resourcePolicy({
  name: "inferstack-kubernetes-service-forbid-load-balancer",
  description: "Services are ClusterIP; none is exposed through a load balancer or node port.",
  severity: "high",
  rules: ["LB-05", "MLSEC-12"],
  sources: ["pulumi-cp service-disallow-load-balancer", "kube-score service-type"],
  enforcement: levels("A/M/M"),
  resourceTypes: [K8S.service],
  remediation: "Use type ClusterIP; expose models through the gateway, and acknowledge that gateway's Service with a reason.",
  validate(resource, report) {
    const type = at(resource.props, "spec.type");
    if (type === "LoadBalancer" || type === "NodePort") {
      report(`is reachable from outside the cluster; got type ${shown(type, "unset")}. Use ClusterIP and expose models through the gateway.`);
    }
  },
});
