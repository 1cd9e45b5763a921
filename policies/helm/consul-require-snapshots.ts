import { CHARTS, releasesOf, valueAt } from "../lib/helm";
import { arr, at, containersOf, K8S, obj } from "../lib/kubernetes";
import { levels, ofType, stackPolicy } from "../lib/policy";

/** CON-06: the catalog and ACL state can be restored (restoring must be tested live). */
export const consulRequireSnapshots = stackPolicy({
  name: "inferstack-kubernetes-consul-require-snapshots",
  description: "A Consul release is backed up, by the Enterprise snapshot agent or a CronJob that runs consul snapshot save.",
  severity: "medium",
  rules: ["CON-06"],
  sources: ["HashiCorp Consul backup tutorial"],
  enforcement: levels("D/A/M"),
  resourceTypes: [K8S.helmRelease, K8S.cronJob],
  remediation: "Add a CronJob that runs `consul snapshot save` and copies the file to a versioned, encrypted S3 prefix (Enterprise: server.snapshotAgent.enabled).",
  validate(resources, report, runtime) {
    const releases = releasesOf(resources, CHARTS.consul);
    if (releases.length === 0) runtime.notApplicable("no Consul release in the stack");
    const cronJobSaves = ofType(resources, K8S.cronJob).some((job) => {
      const spec = obj(at(job.props, "spec.jobTemplate.spec.template.spec"));
      return containersOf(spec).some((c) => [...arr(c.body.command), ...arr(c.body.args)].map(String).join(" ").includes("snapshot save"));
    });
    for (const release of releases) {
      if (valueAt(release, "server.snapshotAgent.enabled") !== true && !cronJobSaves) {
        report(release, "has no backup of its catalog and ACLs; got no snapshot agent and no CronJob running `consul snapshot save`. Add one.");
      }
    }
  },
});
