import { consulEndpoint } from "../../../components/discovery/names";
import { consulAnnotationsByModel, consulServiceAnnotations } from "../../../components/discovery/registration";
import { loadPlatform } from "../../../components/resolve";
import { validateKubernetesObject } from "../../../components/validate/kubernetes";
import { inputFrom, shippedPlatform } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL, withEnvironmentKeys } from "../../helpers/samples";

/** Kubernetes annotation keys: an optional DNS-subdomain prefix and a name of at most 63 characters. */
const ANNOTATION_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

describe("registration annotations of the shipped prod models", () => {
  const platform = shippedPlatform("prod");
  const annotations = consulAnnotationsByModel(platform);

  it("registers every model, and only the models, under its own name", () => {
    expect(Object.keys(annotations)).toEqual(["bert-encoder", "ctr-ranker", "resnet50"]);
  });

  it.each([
    [
      "resnet50",
      {
        "consul.hashicorp.com/service-sync": "true",
        "consul.hashicorp.com/service-name": "resnet50",
        "consul.hashicorp.com/service-port": "http",
        "consul.hashicorp.com/service-tags": "triton,http,grpc,v1,v2,prod",
        "consul.hashicorp.com/service-meta-model": "resnet50",
        "consul.hashicorp.com/service-meta-versions": "1,2",
        "consul.hashicorp.com/service-meta-format": "onnx",
        "consul.hashicorp.com/service-meta-pool": "triton-a10g",
        "consul.hashicorp.com/service-meta-metrics-port": "8002",
      },
    ],
    [
      "bert-encoder",
      {
        "consul.hashicorp.com/service-sync": "true",
        "consul.hashicorp.com/service-name": "bert-encoder",
        "consul.hashicorp.com/service-port": "http",
        "consul.hashicorp.com/service-tags": "triton,http,grpc,v3,prod",
        "consul.hashicorp.com/service-meta-model": "bert-encoder",
        "consul.hashicorp.com/service-meta-versions": "3",
        "consul.hashicorp.com/service-meta-format": "onnx",
        "consul.hashicorp.com/service-meta-pool": "triton-a10g",
        "consul.hashicorp.com/service-meta-metrics-port": "8002",
      },
    ],
    [
      "ctr-ranker",
      {
        "consul.hashicorp.com/service-sync": "true",
        "consul.hashicorp.com/service-name": "ctr-ranker",
        "consul.hashicorp.com/service-port": "http",
        "consul.hashicorp.com/service-tags": "tfserving,http,grpc,v7,v8,prod",
        "consul.hashicorp.com/service-meta-model": "ctr-ranker",
        "consul.hashicorp.com/service-meta-versions": "7,8",
        "consul.hashicorp.com/service-meta-format": "savedmodel",
        "consul.hashicorp.com/service-meta-pool": "ctr-ranker",
        "consul.hashicorp.com/service-meta-metrics-port": "8501",
      },
    ],
  ])("annotates %s's Service with its tags and metadata", (model, expected) => {
    expect(annotations[model]).toEqual(expected);
  });

  it("uses annotation keys Kubernetes accepts", () => {
    for (const set of Object.values(annotations)) {
      for (const key of Object.keys(set)) expect({ key, valid: ANNOTATION_KEY.test(key) }).toEqual({ key, valid: true });
    }
  });

  it("fits on a per-model Service that passes the Kubernetes schema", () => {
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "resnet50", namespace: "inferstack", annotations: annotations.resnet50 },
      spec: { type: "ClusterIP", ports: [{ name: "http", port: 8000 }, { name: "grpc", port: 8001 }], selector: { "inferstack.io/server-pool": "resnet50" } },
    };
    expect(validateKubernetesObject(service)).toEqual([]);
  });
});

describe("registration of shared pools and other environments", () => {
  it("names the shared server pool, the versions served there and the environment", () => {
    const model = ONNX_MODEL.replace("  dev:\n    nodePool: t4", "  dev:\n    nodePool: t4\n    serverPool: vision\n    versions: [2]");
    const platform = loadPlatform(inputFrom("dev", DEV_STACK, { "catalog/resnet50.yaml": model }));
    expect(consulServiceAnnotations(platform.models[0]!, platform.environment)).toMatchObject({
      "consul.hashicorp.com/service-tags": "triton,http,grpc,v2,dev",
      "consul.hashicorp.com/service-meta-versions": "2",
      "consul.hashicorp.com/service-meta-pool": "vision",
    });
  });

  it("registers nothing when discovery is off", () => {
    const stack = withEnvironmentKeys(DEV_STACK, "    discovery:\n      enabled: false\n");
    const platform = loadPlatform(inputFrom("dev", stack, { "catalog/resnet50.yaml": ONNX_MODEL }));
    expect(consulAnnotationsByModel(platform)).toEqual({});
  });
});

describe("Consul names of a model", () => {
  it.each([
    [
      { name: "resnet50", runtime: "triton" as const },
      {
        service: "resnet50",
        datacenter: "dc1",
        dnsA: "resnet50.service.consul",
        grpcDnsA: "grpc.resnet50.service.consul",
        dnsSrv: "_resnet50._http.service.consul",
        httpUrl: "http://resnet50.service.consul:8000",
        grpcAddress: "grpc.resnet50.service.consul:8001",
      },
    ],
    [
      { name: "ctr-ranker", runtime: "tfserving" as const },
      {
        service: "ctr-ranker",
        datacenter: "dc1",
        dnsA: "ctr-ranker.service.consul",
        grpcDnsA: "grpc.ctr-ranker.service.consul",
        dnsSrv: "_ctr-ranker._http.service.consul",
        httpUrl: "http://ctr-ranker.service.consul:8501",
        grpcAddress: "grpc.ctr-ranker.service.consul:8500",
      },
    ],
  ])("derives them from the name and the runtime's ports: %o", (model, expected) => {
    expect(consulEndpoint(model)).toEqual(expected);
  });
});
