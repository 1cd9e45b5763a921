import { describeValue } from "../../components/spec/problems";
import { CHARTS, isRelease, valueAt } from "../lib/helm";
import { K8S } from "../lib/kubernetes";
import { levels, resourcePolicy, shown } from "../lib/policy";

/** CON-04: an odd number of at least three servers keeps a Raft quorum through one server loss (the chart runs one). */
export const consulRequireServerQuorum = resourcePolicy({
  name: "inferstack-kubernetes-consul-require-server-quorum",
  description: "The Consul release runs an odd number of at least three servers, with bootstrapExpect unset or equal to it.",
  severity: "high",
  rules: ["CON-04"],
  sources: ["HashiCorp Consul deployment table", "Consul reference architecture"],
  enforcement: levels("D/A/M"),
  resourceTypes: [K8S.helmRelease],
  remediation: "Set values.server.replicas to 3 (or 5 across three zones) and leave server.bootstrapExpect unset.",
  validate(resource, report) {
    if (!isRelease(resource, CHARTS.consul)) return;
    const replicas = valueAt(resource, "server.replicas") ?? 1;
    const expect = valueAt(resource, "server.bootstrapExpect");
    if (typeof replicas !== "number" || replicas < 3 || replicas % 2 === 0) {
      report(`cannot keep a quorum through a server loss; got server.replicas ${shown(replicas, "unset")}. Run 3 or 5 servers.`);
    }
    if (expect !== undefined && expect !== null && expect !== replicas) {
      report(`waits for a different number of servers than it runs; got server.bootstrapExpect ${shown(expect, "unset")} for ${describeValue(replicas)} replicas. Leave bootstrapExpect unset.`);
    }
  },
});
