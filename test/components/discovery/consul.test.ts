import * as fs from "node:fs";
import * as path from "node:path";
import { computePlan, type ComputedPlan } from "../../../cli/plan/compute";
import { renderCorefile } from "../../../components/discovery/coredns";
import { consulServiceAnnotations } from "../../../components/discovery/registration";
import { renderConsulValues } from "../../../components/discovery/values";
import { REPO, tempProject } from "../../helpers/input";

/** A copy of the project whose `stack` has `discovery:` (its last key, or a new one) replaced by `yaml` (indented under it). */
const withDiscovery = (stack: string, yaml: string) => {
  const file = `stacks/Pulumi.${stack}.yaml`;
  const shipped = fs.readFileSync(path.join(REPO, file), "utf8");
  const at = shipped.indexOf("    discovery:\n");
  const text = at < 0 ? shipped : shipped.slice(0, at);
  return tempProject({ [file]: `${text}    discovery:\n${yaml.split("\n").map((line) => `      ${line}\n`).join("")}` });
};

const plans = new Map<string, ComputedPlan>();
beforeAll(async () => {
  plans.set("prod", await computePlan(REPO, "prod"));
  plans.set("dev", await computePlan(REPO, "dev"));
  plans.set("staging", await computePlan(REPO, "staging"));
  plans.set("off", await computePlan(withDiscovery("prod", "enabled: false"), "prod"));
  plans.set("no-patch", await computePlan(withDiscovery("staging", "dns:\n  patchCoreDns: false"), "staging"));
});
const planOf = (key: string) => plans.get(key)!;
const ofType = (key: string, type: string) => planOf(key).run.resources.filter((r) => r.type === type);
const CONSUL = "inferstack:discovery:Consul";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const PATCH = "kubernetes:core/v1:ConfigMapPatch";
/** The Consul chart's release (the platform may install other charts, e.g. the NVIDIA device plugin). */
const consulRelease = (key: string) => ofType(key, RELEASE).filter((r) => r.name === "inferstack-consul-release");

describe("the Consul component in the shipped prod plan", () => {
  it("sits under the platform and owns a namespace and the Helm release, leaving CoreDNS to the EKS add-on", () => {
    const [consul] = ofType("prod", CONSUL);
    expect(consul!.urn).toContain("inferstack:platform:ModelServingPlatform$inferstack:discovery:Consul::inferstack-consul");
    const children = planOf("prod").run.resources.filter((r) => r.parent === consul!.urn);
    expect(children.map((r) => [r.type, r.name])).toEqual([
      ["kubernetes:core/v1:Namespace", "inferstack-consul-namespace"],
      [RELEASE, "inferstack-consul-release"],
    ]);
    expect(ofType("prod", PATCH)).toEqual([]);
    for (const child of children) expect(child.urn).toContain(`${CONSUL}$${child.type}::`);
  });

  it("installs the pinned official chart with the rendered, validated values", () => {
    const { platform } = planOf("prod");
    const [release] = consulRelease("prod");
    expect(release!.inputs).toEqual({
      name: "consul",
      namespace: "consul",
      chart: "consul",
      version: "2.0.3",
      repositoryOpts: { repo: "https://helm.releases.hashicorp.com" },
      values: renderConsulValues(platform.environment, platform.discovery!),
      compat: "true",
    });
  });

  it("uses the platform's Kubernetes provider and waits for its namespace and the encrypted StorageClass", () => {
    const [release] = consulRelease("prod");
    const [provider] = ofType("prod", "pulumi:providers:kubernetes");
    const namespace = ofType("prod", "kubernetes:core/v1:Namespace").find((r) => r.name === "inferstack-consul-namespace");
    const [storageClass] = ofType("prod", "kubernetes:storage.k8s.io/v1:StorageClass");
    expect(release!.provider).toBe(provider!.urn);
    expect(release!.dependsOn).toEqual([namespace!.urn, storageClass!.urn].sort());
  });

  it("configures the created cluster's CoreDNS add-on with the whole Corefile", () => {
    const addon = ofType("prod", "aws:eks/addon:Addon").find((r) => r.name === "inferstack-foundation-addons-coredns");
    expect(JSON.parse(addon!.inputs.configurationValues as string)).toEqual({ corefile: renderCorefile(planOf("prod").platform.discovery!) });
  });

  it("patches CoreDNS of a bring-your-own cluster (staging) after Consul's DNS Service exists, with the whole Corefile", () => {
    const [patch] = ofType("staging", PATCH);
    const [release] = consulRelease("staging");
    expect(patch!.dependsOn).toEqual([release!.urn]);
    expect(patch!.inputs.data).toEqual({ Corefile: renderCorefile(planOf("staging").platform.discovery!) });
    expect(ofType("staging", "aws:eks/addon:Addon")).toEqual([]);
  });

  it("creates only Kubernetes objects that pass their schemas", () => {
    const objects = (key: string) =>
      planOf(key).artifacts.objects.filter((o) => o.component === "inferstack-consul").map((o) => `${o.object.kind} ${(o.object.metadata as { name: string }).name}`);
    expect([planOf("prod").artifacts.schemaErrors, planOf("staging").artifacts.schemaErrors]).toEqual([[], []]);
    expect(objects("prod")).toEqual(["Namespace consul"]);
    expect(objects("staging")).toEqual(["ConfigMap coredns", "Namespace consul"]);
  });

  it("exports the discovery facts and each model's Consul names", () => {
    const { outputs } = planOf("prod").run;
    expect(outputs.discovery).toEqual({
      chart: "consul 2.0.3",
      servers: 3,
      datacenter: "dc1",
      domain: "consul",
      dnsClusterIP: "10.100.0.53",
      coreDns: "eks-addon",
      staleness: { catalogSyncSeconds: 5, serverStaleSeconds: 3, dnsCacheSeconds: 5, totalSeconds: 13 },
    });
    const endpoints = outputs.endpoints as Record<string, { consul?: { dnsA: string; grpcAddress: string } }>;
    expect(Object.fromEntries(Object.entries(endpoints).map(([model, e]) => [model, [e.consul?.dnsA, e.consul?.grpcAddress]]))).toEqual({
      "bert-encoder": ["bert-encoder.service.consul", "grpc.bert-encoder.service.consul:8001"],
      "ctr-ranker": ["ctr-ranker.service.consul", "grpc.ctr-ranker.service.consul:8500"],
      resnet50: ["resnet50.service.consul", "grpc.resnet50.service.consul:8001"],
    });
  });

  it("states the staleness bound and the Consul names in the summary", () => {
    const summary = planOf("prod").artifacts.files.get("summary.md")!;
    expect(summary).toContain("**Worst-case staleness: 13 s**");
    expect(summary).toContain("| catalog sync writes to Consul | 5 | syncCatalog.consulWriteInterval 5s |");
    expect(summary).toContain(
      "| `resnet50` | `resnet50.service.consul` | `_resnet50._http.service.consul` | `http://resnet50.service.consul:8000` | `grpc.resnet50.service.consul:8001` |",
    );
  });
});

describe("registration of the serving Services", () => {
  /** The Consul annotations of each model's Service in a plan, keyed by Service name. */
  const registrations = (key: string) =>
    Object.fromEntries(
      ofType(key, "kubernetes:core/v1:Service")
        .map((r) => r.inputs.metadata as { name: string; annotations?: Record<string, string> })
        .filter((m) => !m.name.endsWith("-metrics"))
        .map((m) => [m.name, Object.fromEntries(Object.entries(m.annotations ?? {}).filter(([k]) => k.startsWith("consul.hashicorp.com/")))]),
    );

  it("annotates every model's Service with the model's registration, and no other Service", () => {
    const { platform } = planOf("prod");
    expect(registrations("prod")).toEqual(Object.fromEntries(platform.models.map((m) => [m.name, consulServiceAnnotations(m, platform.environment)])));
  });

  it("registers nothing when discovery is off", () => {
    expect(registrations("off")).toEqual({ "bert-encoder": {}, "ctr-ranker": {}, resnet50: {} });
  });
});

describe("Consul in other configurations", () => {
  it("runs one server in the shipped dev plan, with a 15 s staleness bound", () => {
    const [release] = consulRelease("dev");
    expect((release!.inputs.values as { server: { replicas: number } }).server.replicas).toBe(1);
    expect((planOf("dev").run.outputs.discovery as { staleness: { totalSeconds: number } }).staleness.totalSeconds).toBe(15);
  });

  it("creates no Consul, no release and no CoreDNS patch when discovery is off, and drops the Consul names", () => {
    const plan = planOf("off");
    expect(plan.run.resources.filter((r) => [CONSUL, PATCH].includes(r.type) || r.name.includes("consul"))).toEqual([]);
    expect(plan.run.outputs.discovery).toBeUndefined();
    expect(Object.values(plan.run.outputs.endpoints as Record<string, object>).filter((e) => "consul" in e)).toEqual([]);
    expect(plan.artifacts.files.has("discovery/Corefile")).toBe(false);
    expect(plan.artifacts.files.get("summary.md")).toContain("Discovery is off in this environment");
  });

  it("leaves CoreDNS alone when asked to, and writes the Corefile for the EKS add-on instead", () => {
    const plan = planOf("no-patch");
    expect(plan.run.resources.filter((r) => r.type === PATCH)).toEqual([]);
    expect(consulRelease("no-patch")).toHaveLength(1);
    expect(plan.artifacts.files.get("discovery/Corefile")).toBe(renderCorefile(plan.platform.discovery!));
    expect((plan.run.outputs.discovery as { coreDns: string }).coreDns).toBe("none");
  });
});
