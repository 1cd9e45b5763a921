import { z } from "zod";
import { alertmanagerConfigSchema, MASKED_ENDPOINTS, renderAlertmanagerConfig } from "../../../components/observability/alertmanager";
import { loadPlatform, type ResolvedPlatform } from "../../../components/resolve";
import { inputFrom, shippedPlatform } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL } from "../../helpers/samples";
import { describeWithTool, writeTempFiles } from "../../helpers/tools";

const prod = shippedPlatform("prod");
const dev = shippedPlatform("dev");
/** dev with every kind of receiver, the webhook taking only warnings. */
const everyReceiver = loadPlatform(
  inputFrom(
    "dev",
    DEV_STACK.replace(
      "      cpu:\n        instanceTypes: [m6i.xlarge]\n",
      "      cpu:\n        instanceTypes: [m6i.xlarge]\n    observability:\n      alerting:\n        pagerduty: {}\n        slack: {}\n        webhook: { severities: [warning] }\n",
    ) + ["alertPagerdutyRoutingKey", "alertSlackWebhookUrl", "alertWebhookUrl"].map((k) => `  inferstack:${k}:\n    secure: v1:abc\n`).join(""),
    { "catalog/resnet50.yaml": ONNX_MODEL },
  ),
);
/** dev without receivers: everything is dropped. */
const silent = loadPlatform(inputFrom("dev", DEV_STACK, { "catalog/resnet50.yaml": ONNX_MODEL }));

const config = (platform: ResolvedPlatform) => renderAlertmanagerConfig(platform.monitoring!, platform.environment, MASKED_ENDPOINTS);

describe("the Alertmanager configuration", () => {
  it("routes each severity of the environment to one receiver holding every integration that takes it", () => {
    const rendered = config(prod);
    expect(rendered.route).toEqual({
      receiver: "null",
      group_by: ["alertname", "environment", "model"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "12h",
      routes: [
        { receiver: "null", matchers: ['alertname = "Watchdog"'] },
        { receiver: "prod-critical", matchers: ['environment = "prod"', 'severity = "critical"'], repeat_interval: "1h" },
        { receiver: "prod-warning", matchers: ['environment = "prod"', 'severity = "warning"'], repeat_interval: "12h" },
      ],
    });
    expect(rendered.receivers.map((r) => [r.name, Object.keys(r).filter((k) => k.endsWith("_configs"))])).toEqual([
      ["null", []],
      ["prod-critical", ["pagerduty_configs", "slack_configs"]],
      ["prod-warning", ["slack_configs"]],
    ]);
  });

  it("puts each receiver's endpoint where its integration reads it, with the Slack channel", () => {
    const endpoints = { pagerduty: "routing-key", slack: "https://hooks.slack.com/services/T/B/x", webhook: "https://hooks.example.com/alerts" };
    const rendered = renderAlertmanagerConfig(everyReceiver.monitoring!, everyReceiver.environment, endpoints);
    const critical = rendered.receivers.find((r) => r.name === "dev-critical")!;
    expect(critical.pagerduty_configs).toEqual([
      {
        routing_key: "routing-key",
        severity: "critical",
        description: "{{ .CommonAnnotations.summary }}",
        send_resolved: true,
        details: { model: "{{ .CommonLabels.model }}", environment: "dev", runbook: "{{ .CommonAnnotations.runbook }}" },
      },
    ]);
    expect(critical.slack_configs!.map((c) => [c.api_url, c.channel])).toEqual([["https://hooks.slack.com/services/T/B/x", undefined]]);
    expect(critical.webhook_configs).toBeUndefined();
    expect(rendered.receivers.find((r) => r.name === "dev-warning")!.webhook_configs).toEqual([{ url: "https://hooks.example.com/alerts", send_resolved: true, max_alerts: 0 }]);
    expect(config(prod).receivers.find((r) => r.name === "prod-warning")!.slack_configs![0]!.channel).toBe("#inferstack-prod");
  });

  it("lets a critical alert of a model inhibit the same model's warnings", () => {
    expect(config(prod).inhibit_rules[0]).toEqual({
      source_matchers: ['severity = "critical"', 'model =~ ".+"'],
      target_matchers: ['severity = "warning"', 'model =~ ".+"'],
      equal: ["environment", "model"],
    });
  });

  it("drops everything, and has no receiver but null, when no receiver is configured", () => {
    const rendered = config(silent);
    expect(rendered.receivers).toEqual([{ name: "null" }]);
    expect(rendered.route.routes).toEqual([{ receiver: "null", matchers: ['alertname = "Watchdog"'] }]);
  });

  it("matches its schema, which rejects a misspelled field", () => {
    const schema = alertmanagerConfigSchema(z.string());
    expect(schema.safeParse(config(prod)).success).toBe(true);
    const typo = { ...config(prod), route: { ...config(prod).route, group_wiat: "30s" } };
    expect(schema.safeParse(typo).error?.issues.map((i) => [i.code, i.path])).toEqual([["unrecognized_keys", ["route"]]]);
  });
});

describeWithTool("amtool", "the Alertmanager configuration under amtool", (amtool) => {
  it.each([
    ["prod", prod],
    ["dev", dev],
    ["every receiver", everyReceiver],
    ["no receiver", silent],
  ])("passes `amtool check-config` (%s)", (_name, platform) => {
    const dir = writeTempFiles({ "alertmanager.yaml": config(platform) });
    const result = amtool(["check-config", "alertmanager.yaml"], dir);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: expect.stringContaining("SUCCESS") });
  });

  it.each([
    [{ severity: "critical", environment: "prod", model: "resnet50" }, "prod-critical"],
    [{ severity: "warning", environment: "prod", model: "resnet50" }, "prod-warning"],
    [{ severity: "info", environment: "prod" }, "null"],
    [{ severity: "critical", environment: "staging" }, "null"],
    [{ alertname: "Watchdog", severity: "none", environment: "prod" }, "null"],
  ])("routes %j to %s in prod (amtool config routes test)", (labels, receiver) => {
    const dir = writeTempFiles({ "alertmanager.yaml": config(prod) });
    const result = amtool(["config", "routes", "test", "--config.file=alertmanager.yaml", ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)], dir);
    expect({ code: result.code, receiver: result.stdout.trim() }).toEqual({ code: 0, receiver });
  });

  it("rejects a configuration whose route names a missing receiver", () => {
    const broken = { ...config(prod), receivers: config(prod).receivers.filter((r) => r.name !== "prod-warning") };
    const result = amtool(["check-config", "alertmanager.yaml"], writeTempFiles({ "alertmanager.yaml": broken }));
    expect({ code: result.code, output: result.stdout + result.stderr }).toEqual({ code: 1, output: expect.stringContaining('undefined receiver "prod-warning"') });
  });
});
