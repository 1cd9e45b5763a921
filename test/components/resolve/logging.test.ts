import { loadPlatform } from "../../../components/resolve";
import { loggingSizing } from "../../../components/resolve/logging";
import { inputFrom, problemsOf } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, PROD_STACK, withEnvironmentKeys } from "../../helpers/samples";

const MODEL_FILE = "catalog/resnet50.yaml";
const STAGING_STACK = DEV_STACK.replace("tier: dev", "tier: staging");

/** The stack file with `inferstack:environment.logging` set to `yaml`; `logging:` is on line 18, its first key on 19. */
const withLogging = (stackYaml: string, yaml: string) =>
  withEnvironmentKeys(
    stackYaml,
    `    logging:\n${yaml
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => `      ${line}\n`)
      .join("")}`,
  );
const resolve = (stack: string, stackYaml: string) => loadPlatform(inputFrom(stack, stackYaml, { [MODEL_FILE]: ONNX_MODEL }));
const problems = (stack: string, stackYaml: string) => problemsOf(() => resolve(stack, stackYaml));

describe("logging defaults per tier", () => {
  it("runs one small node on an emptyDir in dev, three days of logs, when dev turns logging on", () => {
    expect(resolve("dev", withLogging(DEV_STACK, "enabled: true")).logging).toEqual({
      stackVersion: "9.4.3",
      namespace: "logging",
      name: "logs",
      retentionDays: 3,
      dailyIngestGiB: 1,
      elasticsearch: {
        nodes: 1,
        storageGiB: 10,
        persistentStorage: false,
        indexReplicas: 0,
        spreadAcrossZones: false,
        resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } },
      },
      kibana: { replicas: 1, resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } },
      sizing: { neededGiB: 4, usableGiB: 8.5 },
    });
  });

  it("runs three nodes over zones on persistent volumes in prod, thirty days of logs, two Kibana replicas", () => {
    expect(resolve("prod", PROD_STACK).logging).toEqual({
      stackVersion: "9.4.3",
      namespace: "logging",
      name: "logs",
      retentionDays: 30,
      dailyIngestGiB: 10,
      elasticsearch: {
        nodes: 3,
        storageGiB: 300,
        persistentStorage: true,
        indexReplicas: 1,
        spreadAcrossZones: true,
        resources: { requests: { cpu: "2", memory: "8Gi" }, limits: { cpu: "4", memory: "8Gi" } },
      },
      kibana: { replicas: 2, resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } } },
      sizing: { neededGiB: 620, usableGiB: 765 },
    });
  });

  it.each([
    ["dev", DEV_STACK, undefined],
    ["staging", STAGING_STACK, { retentionDays: 7, nodes: 3, storageGiB: 100, persistentStorage: true, spreadAcrossZones: true }],
    ["prod", PROD_STACK, { retentionDays: 30, nodes: 3, storageGiB: 300, persistentStorage: true, spreadAcrossZones: true }],
  ])("keys retention, nodes and storage by tier (%s)", (stack, yaml, expected) => {
    const logging = resolve(stack, yaml).logging;
    expect(
      logging && {
        retentionDays: logging.retentionDays,
        nodes: logging.elasticsearch.nodes,
        storageGiB: logging.elasticsearch.storageGiB,
        persistentStorage: logging.elasticsearch.persistentStorage,
        spreadAcrossZones: logging.elasticsearch.spreadAcrossZones,
      },
    ).toEqual(expected);
  });

  it("applies every setting the environment gives", () => {
    const yaml = withLogging(PROD_STACK, 'stackVersion: "8.19.2"\nretentionDays: 14\ndailyIngestGiB: 2.5\nelasticsearch:\n  nodes: 5\n  storageGiB: 50');
    expect(resolve("prod", yaml).logging).toMatchObject({
      stackVersion: "8.19.2",
      retentionDays: 14,
      dailyIngestGiB: 2.5,
      elasticsearch: { nodes: 5, storageGiB: 50, persistentStorage: true, indexReplicas: 1 },
      sizing: { neededGiB: 75, usableGiB: 212.5 },
    });
  });

  it("does not spread a one-node cluster, nor any cluster in dev", () => {
    expect(resolve("staging", withLogging(STAGING_STACK, "elasticsearch:\n  nodes: 1")).logging!.elasticsearch.spreadAcrossZones).toBe(false);
    expect(resolve("dev", withLogging(DEV_STACK, "enabled: true\nelasticsearch:\n  nodes: 3")).logging!.elasticsearch.spreadAcrossZones).toBe(false);
  });

  it("resolves no logging, and checks none of its settings, when it is off", () => {
    const platform = resolve("prod", withLogging(PROD_STACK, "enabled: false\nelasticsearch:\n  nodes: 1\n  persistentStorage: false"));
    expect(platform.logging).toBeUndefined();
    expect(platform.environment.logging).toEqual({ enabled: false });
  });

  it("accepts an emptyDir outside prod", () => {
    expect(resolve("staging", withLogging(STAGING_STACK, "elasticsearch:\n  persistentStorage: false")).logging!.elasticsearch.persistentStorage).toBe(false);
  });
});

describe("logging checks", () => {
  it("refuses logging without persistent storage in prod", () => {
    expect(problems("prod", withLogging(PROD_STACK, "elasticsearch:\n  persistentStorage: false"))).toEqual([
      "stacks/Pulumi.prod.yaml:20: inferstack:environment.logging.elasticsearch.persistentStorage: prod keeps its logs on persistent encrypted volumes so that a restarted or rescheduled Elasticsearch node keeps its data; got false. Remove persistentStorage or set it to true.",
    ]);
  });

  it("refuses fewer than three master-eligible nodes in prod, and reports the retention that no longer fits with it", () => {
    expect(problems("prod", withLogging(PROD_STACK, "elasticsearch:\n  nodes: 1"))).toEqual([
      "stacks/Pulumi.prod.yaml:18: inferstack:environment.logging.retentionDays: keeping 30 days needs 310 GiB (10 GiB a day × 1 copy × 31 days, counting the day before rollover) but the volumes (1 × 300 GiB) offer 255 GiB below Elasticsearch's 85% disk watermark; got 30. Lower retentionDays to 24, raise elasticsearch.storageGiB to 365, or lower dailyIngestGiB.",
      "stacks/Pulumi.prod.yaml:20: inferstack:environment.logging.elasticsearch.nodes: prod needs at least 3 master-eligible Elasticsearch nodes so that losing one keeps a quorum; got 1. Set nodes to 3 or more.",
    ]);
  });

  it.each([
    ["staging", STAGING_STACK],
    ["prod", PROD_STACK],
  ])("refuses two master-eligible nodes (%s)", (stack, yaml) => {
    const message =
      stack === "prod"
        ? "prod needs at least 3 master-eligible Elasticsearch nodes so that losing one keeps a quorum; got 2. Set nodes to 3 or more."
        : "two master-eligible Elasticsearch nodes cannot elect a master once either is lost; got 2. Use 1 node (no fault tolerance) or 3.";
    expect(problems(stack, withLogging(yaml, "elasticsearch:\n  nodes: 2\n  storageGiB: 1000"))).toEqual([
      `stacks/Pulumi.${stack}.yaml:20: inferstack:environment.logging.elasticsearch.nodes: ${message}`,
    ]);
  });

  it("refuses a retention longer than the volumes hold, naming the longest that fits and the volume that would", () => {
    expect(problems("prod", withLogging(PROD_STACK, "retentionDays: 60"))).toEqual([
      "stacks/Pulumi.prod.yaml:19: inferstack:environment.logging.retentionDays: keeping 60 days needs 1220 GiB (10 GiB a day × 2 copies × 61 days, counting the day before rollover) but the volumes (3 × 300 GiB) offer 765 GiB below Elasticsearch's 85% disk watermark; got 60. Lower retentionDays to 37, raise elasticsearch.storageGiB to 479, or lower dailyIngestGiB.",
    ]);
  });

  it("asks for larger volumes when not even one day fits", () => {
    expect(problems("dev", withLogging(DEV_STACK, "enabled: true\ndailyIngestGiB: 500"))).toEqual([
      "stacks/Pulumi.dev.yaml:18: inferstack:environment.logging.retentionDays: keeping 3 days needs 2000 GiB (500 GiB a day × 1 copy × 4 days, counting the day before rollover) but the volumes (1 × 10 GiB) offer 8.5 GiB below Elasticsearch's 85% disk watermark; got 3. Raise elasticsearch.storageGiB to 2353 or lower dailyIngestGiB.",
    ]);
  });

  it.each([
    ['stackVersion: "7.17.0"', 'inferstack:environment.logging.stackVersion: must be an Elastic Stack version 8.x or 9.x such as "9.4.3"; got "7.17.0". Give major.minor.patch of a release ECK 3.5 manages.'],
    ["dailyIngestGiB: 0", "inferstack:environment.logging.dailyIngestGiB: must be more than 0 GiB a day; got 0. Estimate the indexed log volume per day."],
    ["retentionDays: 0", "inferstack:environment.logging.retentionDays: must be at least 1; got 0. Use 1 or more."],
    ["retention: 5", 'inferstack:environment.logging.retention: unknown key; got "retention". Did you mean "retentionDays"?'],
  ])("rejects malformed logging settings: %s", (yaml, message) => {
    expect(problems("prod", withLogging(PROD_STACK, yaml))).toEqual([`stacks/Pulumi.prod.yaml:19: ${message}`]);
  });
});

describe("the logging sizing rule", () => {
  it.each([
    // daily, retention, nodes, storage, replicas → needed, usable, longest retention, smallest volume
    [1, 3, 1, 10, 0, { neededGiB: 4, usableGiB: 8.5, maxRetentionDays: 7, minStorageGiB: 5 }],
    [10, 30, 3, 300, 1, { neededGiB: 620, usableGiB: 765, maxRetentionDays: 37, minStorageGiB: 244 }],
    [5, 7, 3, 100, 1, { neededGiB: 80, usableGiB: 255, maxRetentionDays: 24, minStorageGiB: 32 }],
    [0.5, 10, 1, 20, 0, { neededGiB: 5.5, usableGiB: 17, maxRetentionDays: 33, minStorageGiB: 7 }],
  ])("daily %s GiB for %s days on %s × %s GiB with %s replica", (dailyIngestGiB, retentionDays, nodes, storageGiB, indexReplicas, expected) => {
    expect(loggingSizing({ dailyIngestGiB, retentionDays, nodes, storageGiB, indexReplicas })).toEqual(expected);
  });

  it("fits exactly at the watermark: 0.85 × 300 counts as 255, not 254.99...", () => {
    // 255 GiB usable; 8.5 GiB a day × 1 copy × 30 days = 255 GiB needed.
    expect(loggingSizing({ dailyIngestGiB: 8.5, retentionDays: 29, nodes: 1, storageGiB: 300, indexReplicas: 0 })).toMatchObject({ neededGiB: 255, usableGiB: 255 });
    expect(problems("prod", withLogging(PROD_STACK, "retentionDays: 29\ndailyIngestGiB: 4.25\nelasticsearch:\n  nodes: 3\n  storageGiB: 100"))).toEqual([]);
  });
});
