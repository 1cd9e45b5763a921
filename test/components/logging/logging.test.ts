import { parse } from "yaml";
import { computePlan, type ComputedPlan } from "../../../cli/plan/compute";
import { type RecordedResource } from "../../../cli/plan/engine";
import { renderLogging } from "../../../components/logging/render";
import { REPO, SHIPPED_STACKS } from "../../helpers/input";

const plans = new Map<string, ComputedPlan>();
beforeAll(async () => {
  for (const stack of SHIPPED_STACKS) plans.set(stack, await computePlan(REPO, stack));
});
const planOf = (stack: string) => plans.get(stack)!;
const byName = (stack: string, name: string): RecordedResource => planOf(stack).run.resources.find((r) => r.name === name)!;

const LOGGING = "inferstack:logging:LoggingStack";
const ECK_TYPES = [
  "kubernetes:elasticsearch.k8s.elastic.co/v1:Elasticsearch",
  "kubernetes:kibana.k8s.elastic.co/v1:Kibana",
  "kubernetes:beat.k8s.elastic.co/v1beta1:Beat",
];

describe.each(["staging", "prod"])("the logging stack of the shipped %s stack", (stack) => {
  it("is a LoggingStack under the platform, with exactly its children, each parented by it", () => {
    const component = byName(stack, "inferstack-logging");
    expect(component.type).toBe(LOGGING);
    expect(component.urn).toContain(`inferstack:platform:ModelServingPlatform$${LOGGING}::inferstack-logging`);
    const children = planOf(stack).run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => [r.type, r.name]).sort()).toEqual([
      ["kubernetes:beat.k8s.elastic.co/v1beta1:Beat", "inferstack-logging-shipper"],
      ["kubernetes:core/v1:ConfigMap", "inferstack-logging-ilm-policy"],
      ["kubernetes:core/v1:Namespace", "inferstack-logging-namespace"],
      ["kubernetes:core/v1:Namespace", "inferstack-logging-operator-namespace"],
      ["kubernetes:core/v1:ServiceAccount", "inferstack-logging-shipper-account"],
      ["kubernetes:elasticsearch.k8s.elastic.co/v1:Elasticsearch", "inferstack-logging-elasticsearch"],
      ["kubernetes:helm.sh/v3:Release", "inferstack-logging-operator"],
      ["kubernetes:kibana.k8s.elastic.co/v1:Kibana", "inferstack-logging-kibana"],
      ["kubernetes:networking.k8s.io/v1:NetworkPolicy", "inferstack-logging-default-deny"],
      ["kubernetes:networking.k8s.io/v1:NetworkPolicy", "inferstack-logging-elasticsearch-ingress"],
      ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "inferstack-logging-shipper-role"],
      ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "inferstack-logging-shipper-binding"],
    ]);
    for (const child of children) expect(child.urn).toContain(`${LOGGING}$${child.type}::`);
    const provider = planOf(stack).run.resources.find((r) => r.type === "pulumi:providers:kubernetes")!.urn;
    expect([...new Set(children.map((r) => r.provider))]).toEqual([provider]);
  });

  it("installs the pinned eck-operator chart with the rendered values", () => {
    const { platform } = planOf(stack);
    const operator = renderLogging(platform.environment, platform.logging!, platform.serverPools).operator;
    expect(byName(stack, "inferstack-logging-operator").inputs).toMatchObject({
      name: "elastic-operator",
      namespace: "elastic-system",
      chart: "eck-operator",
      version: "3.5.0",
      repositoryOpts: { repo: "https://helm.elastic.co" },
      values: operator.values,
    });
  });

  it("creates the ECK resources as typed custom resources with the rendered bodies", () => {
    const { platform } = planOf(stack);
    const r = renderLogging(platform.environment, platform.logging!, platform.serverPools);
    expect(byName(stack, "inferstack-logging-elasticsearch").inputs).toEqual(r.elasticsearch);
    expect(byName(stack, "inferstack-logging-kibana").inputs).toEqual(r.kibana);
    expect(byName(stack, "inferstack-logging-shipper").inputs).toEqual(r.beat);
  });

  it("orders the custom resources after the operator (their CRDs), the namespace, the volumes' class and the shippers' RBAC", () => {
    const urn = (name: string) => byName(stack, name).urn;
    const storageClass = urn("inferstack-storage-class");
    expect(byName(stack, "inferstack-logging-operator").dependsOn).toEqual([urn("inferstack-logging-namespace"), urn("inferstack-logging-operator-namespace")].sort());
    expect(byName(stack, "inferstack-logging-elasticsearch").dependsOn).toEqual([urn("inferstack-logging-namespace"), urn("inferstack-logging-operator"), storageClass].sort());
    expect(byName(stack, "inferstack-logging-kibana").dependsOn).toEqual(
      [urn("inferstack-logging-elasticsearch"), urn("inferstack-logging-namespace"), urn("inferstack-logging-operator")].sort(),
    );
    expect(byName(stack, "inferstack-logging-shipper").dependsOn).toEqual(
      [
        urn("inferstack-logging-elasticsearch"),
        urn("inferstack-logging-ilm-policy"),
        urn("inferstack-logging-namespace"),
        urn("inferstack-logging-operator"),
        urn("inferstack-logging-shipper-binding"),
      ].sort(),
    );
  });

  it("validates every logging object in the plan, ECK resources included", () => {
    const { artifacts } = planOf(stack);
    const eck = artifacts.objects.filter((o) => ECK_TYPES.some((t) => o.urn.includes(`$${t}::`)));
    expect(eck.map((o) => o.object.kind).sort()).toEqual(["Beat", "Elasticsearch", "Kibana"]);
    expect(artifacts.schemaErrors).toEqual([]);
  });

  it("writes the Filebeat configuration and the ILM policy as the plan files a reviewer can check", () => {
    const { platform, artifacts } = planOf(stack);
    const r = renderLogging(platform.environment, platform.logging!, platform.serverPools);
    expect(parse(artifacts.files.get("logging/filebeat.yml")!)).toEqual(r.filebeatConfig);
    expect(JSON.parse(artifacts.files.get("logging/ilm-policy.json")!)).toEqual(r.ilmPolicy);
  });

  it("exports how to reach Kibana", () => {
    expect(planOf(stack).run.outputs.logging).toMatchObject({
      namespace: "logging",
      kibana: { service: "logs-kb-http", portForward: "kubectl -n logging port-forward service/logs-kb-http 5601" },
    });
  });
});

describe("the shipped dev stack", () => {
  it("runs no logging: no LoggingStack, no ECK resource, no operator, no logging output or files", () => {
    const { run, artifacts } = planOf("dev");
    expect(run.resources.filter((r) => r.type === LOGGING || ECK_TYPES.includes(r.type) || r.urn.includes(LOGGING))).toEqual([]);
    expect(run.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release" && /eck|elastic|logging/.test(r.name))).toEqual([]);
    expect(run.outputs.logging).toBeUndefined();
    expect([...artifacts.files.keys()].filter((f) => f.startsWith("logging/"))).toEqual([]);
    expect(artifacts.files.get("summary.md")).toContain("Logging is off in this environment (`inferstack:environment.logging.enabled: false`).");
  });
});
