import * as fs from "node:fs";
import * as path from "node:path";
import { computePlan, type ComputedPlan } from "../../../cli/plan/compute";
import { type RecordedResource } from "../../../cli/plan/engine";
import { secretPlaceholder } from "../../../cli/stack";
import { renderKubePrometheusStackValues } from "../../../components/observability/kube-prometheus-stack";
import { REPO, SHIPPED_STACKS, tempProject } from "../../helpers/input";
import { describeWithTool, writeTempFiles } from "../../helpers/tools";

const OBSERVABILITY = "inferstack:observability:Observability";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** dev with observability switched off. */
const DISABLED = tempProject({
  "stacks/Pulumi.dev.yaml": fs.readFileSync(path.join(REPO, "stacks/Pulumi.dev.yaml"), "utf8").replace("    observability:\n", "    observability:\n      enabled: false\n"),
});
/** dev without GPU node pools: every model on the CPU pool. */
const CPU_ONLY = tempProject({
  "stacks/Pulumi.dev.yaml": fs.readFileSync(path.join(REPO, "stacks/Pulumi.dev.yaml"), "utf8").replace("      t4:\n        instanceTypes: [g4dn.xlarge]\n        maxNodes: 2\n", ""),
  ...Object.fromEntries(
    ["catalog/vision/resnet50.yaml", "catalog/nlp/bert-encoder.yaml"].map((file) => [
      file,
      fs.readFileSync(path.join(REPO, file), "utf8").replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: cpu").replace("  tensorrt: true", "  tensorrt: false").replace("  precision: fp16", "  precision: fp32").replace("  workspaceMiB: 2048\n", ""),
    ]),
  ),
});

const plans = new Map<string, ComputedPlan>();
beforeAll(async () => {
  for (const stack of SHIPPED_STACKS) plans.set(stack, await computePlan(REPO, stack));
  plans.set("disabled", await computePlan(DISABLED, "dev"));
  plans.set("cpu-only", await computePlan(CPU_ONLY, "dev"));
});
const planOf = (stack: string) => plans.get(stack)!;
const children = (stack: string) => planOf(stack).run.resources.filter((r) => r.parent?.includes(`${OBSERVABILITY}::`));
const byName = (stack: string, name: string) => planOf(stack).run.resources.find((r) => r.name === name)!;
const typeCounts = (resources: readonly RecordedResource[]) => {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
};

describe.each(SHIPPED_STACKS)("monitoring in the plan of the shipped %s stack", (stack) => {
  it("is one Observability component under the platform, every child parented to it", () => {
    const [component] = planOf(stack).run.resources.filter((r) => r.type === OBSERVABILITY);
    expect(component!.urn).toBe(`urn:pulumi:${stack}::inferstack::inferstack:platform:ModelServingPlatform$${OBSERVABILITY}::inferstack-observability`);
    for (const child of children(stack)) expect(child.urn).toContain(`${OBSERVABILITY}$${child.type}::`);
    const { platform } = planOf(stack);
    expect(typeCounts(children(stack))).toEqual({
      "kubernetes:core/v1:Namespace": 1,
      "kubernetes:core/v1:Secret": 1,
      "kubernetes:core/v1:ConfigMap": 1,
      [RELEASE]: 3,
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule": platform.models.length + 1,
      "kubernetes:monitoring.coreos.com/v1:ServiceMonitor": platform.serverPools.length + 1,
    });
  });

  it("installs the pinned kube-prometheus-stack with the rendered values, the receivers' secrets masked", () => {
    const release = byName(stack, "inferstack-observability-kube-prometheus-stack");
    const { platform } = planOf(stack);
    const masked = Object.fromEntries(platform.monitoring!.alerting.receivers.map((r) => [r.kind, "[secret]"]));
    expect(release.inputs).toEqual({
      chart: "kube-prometheus-stack",
      version: "88.5.3",
      repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
      name: "kube-prometheus-stack",
      namespace: "monitoring",
      createNamespace: false,
      compat: "true",
      values: JSON.parse(JSON.stringify(renderKubePrometheusStackValues({ environment: platform.environment, monitoring: platform.monitoring!, endpoints: masked }))),
    });
    const urn = (name: string) => byName(stack, name).urn;
    expect(release.dependsOn).toEqual(
      [urn("inferstack-observability-namespace"), urn("inferstack-observability-grafana-admin"), urn("inferstack-namespace"), urn("inferstack-storage-class")].sort(),
    );
  });

  it("waits for the stack's CRDs before creating monitors and rules", () => {
    const stackUrn = byName(stack, "inferstack-observability-kube-prometheus-stack").urn;
    const customResources = children(stack).filter((r) => r.type.startsWith("kubernetes:monitoring.coreos.com/") || (r.type === RELEASE && !r.name.endsWith("kube-prometheus-stack")));
    expect(customResources.length).toBeGreaterThan(0);
    for (const r of customResources) expect({ name: r.name, dependsOn: r.dependsOn }).toEqual({ name: r.name, dependsOn: [stackUrn] });
  });

  it("creates the SLO rule of every model under its contract name, and a ServiceMonitor per server pool", () => {
    const { platform, artifacts } = planOf(stack);
    const objects = artifacts.objects.map((o) => o.object as { kind: string; metadata: { name: string; namespace: string; labels: Record<string, string> } });
    const rules = objects.filter((o) => o.kind === "PrometheusRule" && o.metadata.namespace === "inferstack");
    expect(rules.map((r) => [r.metadata.name, r.metadata.labels["app.kubernetes.io/component"], r.metadata.labels["inferstack.io/model"]])).toEqual(
      platform.models.map((m) => [`${m.name}-slo`, "slo-rules", m.name]),
    );
    const monitors = objects.filter((o) => o.kind === "ServiceMonitor" && o.metadata.namespace === "inferstack");
    expect(monitors.map((m) => m.metadata.labels["inferstack.io/server-pool"]).sort()).toEqual(platform.serverPools.map((p) => p.name));
  });

  it("never writes a secret's value: the Grafana password and receiver endpoints stay masked", () => {
    const secret = byName(stack, "inferstack-observability-grafana-admin");
    expect(secret.inputs.stringData).toBe("[secret]");
    const keys = ["grafanaAdminPassword", "alertPagerdutyRoutingKey", "alertSlackWebhookUrl", "alertWebhookUrl"].map((k) => secretPlaceholder(`inferstack:${k}`));
    for (const [file, content] of planOf(stack).artifacts.files) {
      expect({ file, leaked: keys.filter((k) => content.includes(k)) }).toEqual({ file, leaked: [] });
    }
  });

  it("exports the in-cluster URLs of Prometheus, Alertmanager and Grafana", () => {
    expect(planOf(stack).run.outputs.monitoring).toEqual({
      prometheus: "http://kube-prometheus-stack-prometheus.monitoring.svc:9090",
      alertmanager: "http://kube-prometheus-stack-alertmanager.monitoring.svc:9093",
      grafana: "http://kube-prometheus-stack-grafana.monitoring.svc:80",
    });
  });

  it("writes the rule files, their tests, the Alertmanager configuration and the dashboards, with every PromQL expression parsed", () => {
    const { platform, artifacts } = planOf(stack);
    const files = [...artifacts.files.keys()].filter((f) => f.startsWith("monitoring/")).sort();
    expect(files).toEqual(
      [
        "monitoring/README.md",
        "monitoring/alertmanager.yaml",
        "monitoring/dashboards/inferstack-overview.json",
        ...platform.models.map((m) => `monitoring/dashboards/inferstack-${m.name}.json`),
        "monitoring/rules/inferstack-autoscaling.yaml",
        ...platform.models.map((m) => `monitoring/rules/${m.name}-slo.yaml`),
        "monitoring/tests/inferstack-autoscaling.test.yaml",
        ...platform.models.map((m) => `monitoring/tests/${m.name}-slo.test.yaml`),
      ].sort(),
    );
    expect(artifacts.files.get("summary.md")).toMatch(/- PromQL: all \d+ expressions of rules, dashboards and the metrics adapter parse \(lezer-promql\)\./);
  });
});

describe("monitoring switched off or without GPUs", () => {
  it("creates nothing of monitoring, and writes no monitoring files, when observability is disabled", () => {
    const { run, artifacts } = planOf("disabled");
    expect(run.resources.filter((r) => r.urn.includes(OBSERVABILITY))).toEqual([]);
    // The only charts left are the other areas' (no kube-prometheus-stack, DCGM exporter or adapter).
    expect(run.resources.filter((r) => r.type === RELEASE).map((r) => r.name).sort()).toEqual(["inferstack-consul-release", "inferstack-nvidia-device-plugin-release"]);
    expect([...artifacts.files.keys()].filter((f) => f.startsWith("monitoring/"))).toEqual([]);
    expect(run.outputs.monitoring).toBeUndefined();
    expect(artifacts.files.get("summary.md")).not.toContain("## Monitoring");
  });

  it("installs no DCGM exporter and no GPU monitor without GPU node pools", () => {
    const names = children("cpu-only").map((r) => r.name);
    expect(names.filter((n) => n.includes("dcgm"))).toEqual([]);
    expect(names).toContain("inferstack-observability-prometheus-adapter");
  });

  it("summarizes objectives and where each severity goes", () => {
    const summary = planOf("prod").artifacts.files.get("summary.md")!;
    expect(summary).toContain("| `resnet50` | `triton-a10g` | 40 ms | 0.5% | `resnet50-slo` |");
    expect(summary).toContain("Alerts of `prod` go to:\n- critical: pagerduty, slack\n- warning: slack");
  });
});

/** The plan's monitoring files of a stack, written to disk as `inferstack plan` writes them. */
const monitoringDir = (stack: string) =>
  path.join(writeTempFiles(new Map([...planOf(stack).artifacts.files].filter(([file]) => file.startsWith("monitoring/")))), "monitoring");
const filesIn = (dir: string, sub: string) => fs.readdirSync(path.join(dir, sub)).map((f) => path.join(sub, f));

describeWithTool("promtool", "the plan's rule files under promtool", (promtool) => {
  it.each(SHIPPED_STACKS)("pass `promtool check rules` and `promtool test rules` for %s", (stack) => {
    const dir = monitoringDir(stack);
    const check = promtool(["check", "rules", ...filesIn(dir, "rules")], dir);
    expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: "" });
    const test = promtool(["test", "rules", ...filesIn(dir, "tests")], dir);
    expect({ code: test.code, output: test.stdout + test.stderr }).toEqual({ code: 0, output: expect.not.stringContaining("FAILED") });
  });
});

describeWithTool("amtool", "the plan's Alertmanager configuration under amtool", (amtool) => {
  it.each(SHIPPED_STACKS)("passes `amtool check-config` for %s", (stack) => {
    const result = amtool(["check-config", "alertmanager.yaml"], monitoringDir(stack));
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: expect.stringContaining("SUCCESS") });
  });
});
