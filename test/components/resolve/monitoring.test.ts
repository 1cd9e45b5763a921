import { loadPlatform } from "../../../components/resolve";
import { inputFrom, problemsOf } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, PROD_STACK } from "../../helpers/samples";

const MODEL_FILE = "catalog/resnet50.yaml";
const resolve = (stack: string, stackYaml: string, model: string = ONNX_MODEL) => loadPlatform(inputFrom(stack, stackYaml, { [MODEL_FILE]: model }));
const problems = (stack: string, stackYaml: string, model: string = ONNX_MODEL) => problemsOf(() => resolve(stack, stackYaml, model));

/** A stack with `observability:` settings (indented under the environment) and extra secret keys. */
function withObservability(stackYaml: string, observability: string, secrets: readonly string[] = []): string {
  const settings = observability === "" ? "" : `    observability:\n${observability.replace(/^/gm, "      ")}\n`;
  const withSettings = stackYaml.replace("      cpu:\n        instanceTypes: [m6i.xlarge]\n", `      cpu:\n        instanceTypes: [m6i.xlarge]\n${settings}`);
  return withSettings + secrets.map((key) => `  inferstack:${key}:\n    secure: v1:abc\n`).join("");
}

describe("monitoring defaults", () => {
  it("keeps dev small: one Prometheus and one Alertmanager, three days, the DCGM exporter on the GPU pool", () => {
    expect(resolve("dev", DEV_STACK).monitoring).toEqual({
      namespace: "monitoring",
      prometheus: { replicas: 1, retentionDays: 3, retentionSizeGiB: 16, volumeSizeGiB: 20, resources: { cpu: "250m", memory: "1Gi", memoryLimit: "2Gi" } },
      alertmanager: { replicas: 1, volumeSizeGiB: 2 },
      adapterReplicas: 1,
      grafanaAdminPasswordKey: "grafanaAdminPassword",
      alerting: { receivers: [], groupWaitSeconds: 30, groupIntervalMinutes: 5, repeatIntervalMinutes: { critical: 240, warning: 1440 } },
      gpuNodePools: ["t4"],
      scrapeIntervalSeconds: 15,
    });
  });

  it("makes prod highly available: two Prometheus and three Alertmanager replicas, fifteen days, hourly re-pages", () => {
    const monitoring = resolve("prod", PROD_STACK).monitoring!;
    expect(monitoring.prometheus).toEqual({ replicas: 2, retentionDays: 15, retentionSizeGiB: 80, volumeSizeGiB: 100, resources: { cpu: "1", memory: "4Gi", memoryLimit: "8Gi" } });
    expect(monitoring.alertmanager).toEqual({ replicas: 3, volumeSizeGiB: 5 });
    expect(monitoring.adapterReplicas).toBe(2);
    expect(monitoring.alerting.repeatIntervalMinutes).toEqual({ critical: 60, warning: 720 });
  });

  it("applies overrides and derives the retention size from the volume", () => {
    const stack = withObservability(DEV_STACK, "namespace: observability\nprometheus: { replicas: 2, retentionDays: 10, volumeSizeGiB: 64 }\nalertmanager: { replicas: 3, volumeSizeGiB: 4 }");
    const monitoring = resolve("dev", stack).monitoring!;
    expect(monitoring.namespace).toBe("observability");
    expect(monitoring.prometheus).toMatchObject({ replicas: 2, retentionDays: 10, retentionSizeGiB: 51, volumeSizeGiB: 64 });
    expect(monitoring.alertmanager).toEqual({ replicas: 3, volumeSizeGiB: 4 });
  });

  it("resolves receivers in a fixed order with their secret keys, default severities and channel", () => {
    const stack = withObservability(
      DEV_STACK,
      'webhook: {}\nslack: { channel: "#ml-alerts", severities: [warning] }\npagerduty: {}'.replace(/^/gm, "  ").replace(/^/, "alerting:\n"),
      ["alertPagerdutyRoutingKey", "alertSlackWebhookUrl", "alertWebhookUrl"],
    );
    expect(resolve("dev", stack).monitoring!.alerting.receivers).toEqual([
      { kind: "pagerduty", secretKey: "alertPagerdutyRoutingKey", severities: ["critical"] },
      { kind: "slack", secretKey: "alertSlackWebhookUrl", severities: ["warning"], channel: "#ml-alerts" },
      { kind: "webhook", secretKey: "alertWebhookUrl", severities: ["critical", "warning"] },
    ]);
  });

  it("has no monitoring, and needs none of its secrets, when observability is disabled", () => {
    const stack = withObservability(DEV_STACK.replace("  inferstack:grafanaAdminPassword:\n    secure: v1:abc\n", ""), "enabled: false\nalerting:\n  slack: {}");
    const platform = resolve("dev", stack);
    expect(platform.monitoring).toBeUndefined();
    expect("monitoring" in platform).toBe(false);
  });

  it("runs no DCGM exporter without GPU node pools", () => {
    const stack = DEV_STACK.replace("      t4:\n        instanceTypes: [g4dn.xlarge]\n", "");
    const model = ONNX_MODEL.replace(/nodePool: t4/g, "nodePool: cpu");
    expect(resolve("dev", stack, model).monitoring!.gpuNodePools).toEqual([]);
  });
});

describe("monitoring problems", () => {
  it.each([
    [
      "a receiver without its secret",
      withObservability(DEV_STACK, "alerting:\n  slack: {}"),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.observability.alerting.slack: receiver "slack" needs its endpoint; got no inferstack:alertSlackWebhookUrl secret. Run: pulumi config set --secret inferstack:alertSlackWebhookUrl <Slack incoming webhook URL> --stack dev, or remove the receiver.',
    ],
    [
      "a PagerDuty receiver without its routing key",
      withObservability(DEV_STACK, "alerting:\n  pagerduty: { severities: [critical] }"),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.observability.alerting.pagerduty: receiver "pagerduty" needs its endpoint; got no inferstack:alertPagerdutyRoutingKey secret. Run: pulumi config set --secret inferstack:alertPagerdutyRoutingKey <PagerDuty Events API v2 routing key> --stack dev, or remove the receiver.',
    ],
    [
      "Grafana without its admin password",
      DEV_STACK.replace("  inferstack:grafanaAdminPassword:\n    secure: v1:abc\n", ""),
      "stacks/Pulumi.dev.yaml:4: inferstack:environment.observability: Grafana needs an admin password; got no inferstack:grafanaAdminPassword secret. Run: pulumi config set --secret inferstack:grafanaAdminPassword <password> --stack dev.",
    ],
    [
      "a retention size that fills the volume",
      withObservability(DEV_STACK, "prometheus: { volumeSizeGiB: 50, retentionSizeGiB: 50 }"),
      "stacks/Pulumi.dev.yaml:19: inferstack:environment.observability.prometheus.retentionSizeGiB: retention size must leave 10% of the 50 GiB volume free for compaction, so at most 45 GiB; got 50. Lower prometheus.retentionSizeGiB or raise prometheus.volumeSizeGiB.",
    ],
    [
      "a volume too small for any retention",
      withObservability(DEV_STACK, "prometheus: { volumeSizeGiB: 1 }"),
      "stacks/Pulumi.dev.yaml:19: inferstack:environment.observability.prometheus.volumeSizeGiB: retention size must leave 10% of the 1 GiB volume free for compaction, so at most 0 GiB; got 1. Lower prometheus.retentionSizeGiB or raise prometheus.volumeSizeGiB.",
    ],
    [
      "a receiver secret stored in plain text",
      `${DEV_STACK}  inferstack:alertSlackWebhookUrl: https://hooks.slack.com/services/T0/B0/x\n`,
      "stacks/Pulumi.dev.yaml:20: inferstack:alertSlackWebhookUrl: holds the Slack webhook URL of the alert receiver in plain text; got a plain value. Store it encrypted: pulumi config set --secret inferstack:alertSlackWebhookUrl <value>.",
    ],
    [
      "a Slack channel without #",
      withObservability(DEV_STACK, "alerting:\n  slack: { channel: ml-alerts }", ["alertSlackWebhookUrl"]),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.observability.alerting.slack.channel: must be a Slack channel such as "#ml-alerts"; got "ml-alerts". Start it with "#" (or "@" for a user).',
    ],
    [
      "a receiver without severities",
      withObservability(DEV_STACK, "alerting:\n  webhook: { severities: [] }", ["alertWebhookUrl"]),
      "stacks/Pulumi.dev.yaml:20: inferstack:environment.observability.alerting.webhook.severities: must list at least 1 item; got []. Add one.",
    ],
    [
      "an unknown severity",
      withObservability(DEV_STACK, "alerting:\n  webhook: { severities: [page] }", ["alertWebhookUrl"]),
      'stacks/Pulumi.dev.yaml:20: inferstack:environment.observability.alerting.webhook.severities[0]: must be one of "critical" or "warning"; got "page". Use one of them.',
    ],
  ])("reports %s", (_name, stack, expected) => {
    expect(problems("dev", stack)).toEqual([expected]);
  });

  it("reports every monitoring problem at once", () => {
    const stack = withObservability(
      DEV_STACK.replace("  inferstack:grafanaAdminPassword:\n    secure: v1:abc\n", ""),
      "prometheus: { volumeSizeGiB: 10, retentionSizeGiB: 10 }\nalerting:\n  pagerduty: {}\n  webhook: {}",
    );
    expect(problems("dev", stack).map((p) => p.split(": ").slice(0, 2).join(": "))).toEqual([
      "stacks/Pulumi.dev.yaml:18: inferstack:environment.observability",
      "stacks/Pulumi.dev.yaml:19: inferstack:environment.observability.prometheus.retentionSizeGiB",
      "stacks/Pulumi.dev.yaml:21: inferstack:environment.observability.alerting.pagerduty",
      "stacks/Pulumi.dev.yaml:22: inferstack:environment.observability.alerting.webhook",
    ]);
  });

  // The SLO objectives are checked by the model schema itself (components/spec/model.ts); these are
  // the cases spec.test.ts does not already cover.
  it.each([
    ["a negative SLO latency", ONNX_MODEL.replace("latencyMs: 40", "latencyMs: -5"), "catalog/resnet50.yaml:10: slo.latencyMs: must be greater than 0; got -5. Use a positive value."],
    [
      "a zero error objective",
      ONNX_MODEL.replace("errorRatio: 0.01", "errorRatio: 0"),
      "catalog/resnet50.yaml:11: slo.errorRatio: must be a fraction strictly between 0 and 1; got 0. Write 0.01 for 1%.",
    ],
  ])("rejects %s before any alert is generated", (_name, model, expected) => {
    expect(problems("dev", DEV_STACK, model)).toEqual([expected]);
  });
});
