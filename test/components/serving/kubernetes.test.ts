import { loadPlatform } from "../../../components/resolve";
import { type ResolvedPlatform } from "../../../components/resolve/types";
import { renderDefaultDenyPolicy, renderServingPriorityClass } from "../../../components/serving/kubernetes/objects";
import { modelsByPool, renderInferencePool, type RenderedInferencePool } from "../../../components/serving/render";
import { validateKubernetesObject } from "../../../components/validate/kubernetes";
import { inputFrom, shippedPlatform } from "../../helpers/input";
import { DEV_STACK, ONNX_MODEL } from "../../helpers/samples";

/** Every object of every pool of a platform, rendered. */
function renderAll(platform: ResolvedPlatform): Record<string, RenderedInferencePool> {
  const byPool = modelsByPool(platform.models);
  return Object.fromEntries(platform.serverPools.map((pool) => [pool.name, renderInferencePool({ environment: platform.environment, pool, models: byPool.get(pool.name)! })]));
}

/** Every Kubernetes object of a rendered pool. */
function objectsOf(rendered: RenderedInferencePool): Record<string, unknown>[] {
  return [
    rendered.serviceAccount,
    ...(rendered.configMap ? [rendered.configMap] : []),
    rendered.deployment,
    ...rendered.services.map((s) => s.service),
    rendered.metricsService,
    rendered.disruptionBudget,
    rendered.autoscaler,
    rendered.networkPolicy,
  ];
}

const prod = renderAll(shippedPlatform("prod"));
const dev = renderAll(shippedPlatform("dev"));
const podOf = (rendered: RenderedInferencePool) => rendered.deployment.spec.template.spec;
const RESTRICTED = { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } };
const SELECTOR = (pool: string) => ({ "inferstack.io/server-pool": pool, "app.kubernetes.io/component": "server" });

describe("the Triton pod of the shared prod pool", () => {
  const pool = prod["triton-a10g"]!;
  const pod = podOf(pool);
  const [container] = pod.containers;

  it("runs the pinned image with explicit model control, one --load-model per model, strict readiness and the exit timeout", () => {
    expect([container!.name, container!.image, container!.imagePullPolicy, container!.command]).toEqual(["triton", "777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tritonserver:26.07-py3", "IfNotPresent", ["tritonserver"]]);
    expect(container!.args).toEqual([
      "--model-repository=s3://inferstack-models-777788889999-prod/nlp",
      "--model-repository=s3://inferstack-models-777788889999-prod/vision",
      "--model-control-mode=explicit",
      "--load-model=bert-encoder",
      "--load-model=resnet50",
      "--strict-readiness=true",
      "--exit-on-error=true",
      "--exit-timeout-secs=30",
      "--http-port=8000",
      "--grpc-port=8001",
      "--metrics-port=8002",
      "--allow-metrics=true",
      "--allow-gpu-metrics=true",
    ]);
    expect(container!.env).toEqual([{ name: "AWS_DEFAULT_REGION", value: "us-east-1" }]);
    expect(container!.ports).toEqual([
      { name: "http", containerPort: 8000, protocol: "TCP" },
      { name: "grpc", containerPort: 8001, protocol: "TCP" },
      { name: "metrics", containerPort: 8002, protocol: "TCP" },
    ]);
  });

  it("limits one GPU and sizes CPU, memory and disk from the runtime's share plus both models", () => {
    // Triton 1 CPU / 3 GiB / 2 GiB, bert-encoder 2 / 4 / 4, resnet50 1 / 2 / 4.
    expect(container!.resources).toEqual({
      requests: { cpu: "4", memory: "9216Mi", "ephemeral-storage": "10240Mi", "nvidia.com/gpu": "1" },
      limits: { memory: "9216Mi", "ephemeral-storage": "10240Mi", "nvidia.com/gpu": "1" },
    });
  });

  it("probes model readiness for startup (sized to both load times) and readiness, and liveness elsewhere", () => {
    // 600 s (bert-encoder) + 300 s (resnet50) at one probe every 10 s.
    expect(container!.startupProbe).toEqual({ httpGet: { path: "/v2/health/ready", port: "http" }, periodSeconds: 10, failureThreshold: 90, timeoutSeconds: 5 });
    expect(container!.readinessProbe).toEqual({ httpGet: { path: "/v2/health/ready", port: "http" }, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 5 });
    expect(container!.livenessProbe).toEqual({ httpGet: { path: "/v2/health/live", port: "http" }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 });
  });

  it("runs restricted: non-root numeric user, no escalation, no capabilities, RuntimeDefault seccomp, read-only root", () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } });
    expect(container!.securityContext).toEqual(RESTRICTED);
    expect([pod.automountServiceAccountToken, pod.serviceAccountName, pod.priorityClassName]).toEqual([false, "triton-a10g-server", "inferstack-serving"]);
  });

  it("writes only to emptyDirs: a memory-backed /dev/shm and a bounded /tmp", () => {
    expect(container!.volumeMounts).toEqual([
      { name: "shm", mountPath: "/dev/shm" },
      { name: "tmp", mountPath: "/tmp" },
    ]);
    expect(pod.volumes).toEqual([
      { name: "shm", emptyDir: { medium: "Memory", sizeLimit: "1024Mi" } },
      { name: "tmp", emptyDir: { sizeLimit: "10240Mi" } },
    ]);
    expect(pod.initContainers).toBeUndefined();
  });

  it("selects the GPU node pool, tolerates its taint, spreads over zones and prefers distinct hosts", () => {
    expect(pod.nodeSelector).toEqual({ "inferstack.io/node-pool": "a10g" });
    expect(pod.tolerations).toEqual([{ key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" }]);
    expect(pod.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: SELECTOR("triton-a10g") } },
    ]);
    expect(pod.affinity).toEqual({
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: SELECTOR("triton-a10g") } } },
        ],
      },
    });
  });

  it("rolls out without losing capacity, leaves replicas to the autoscaler and outlasts the longest request on shutdown", () => {
    const { spec } = pool.deployment;
    expect(spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect("replicas" in spec).toBe(false);
    expect(container!.lifecycle).toEqual({ preStop: { exec: { command: ["sleep", "15"] } } });
    // preStop 15 s + longest request 30 s + 5 s margin.
    expect(pod.terminationGracePeriodSeconds).toBe(50);
  });

  it("gives each model its own Service over the shared pods, and one metrics Service for the pool", () => {
    expect(pool.services.map(({ model, service }) => [model, service.metadata.name, service.spec.selector, service.spec.ports])).toEqual(
      ["bert-encoder", "resnet50"].map((m) => [
        m,
        m,
        SELECTOR("triton-a10g"),
        [
          { name: "http", port: 8000, targetPort: "http", protocol: "TCP" },
          { name: "grpc", port: 8001, targetPort: "grpc", protocol: "TCP" },
        ],
      ]),
    );
    expect(pool.services[1]!.service.metadata.labels).toEqual({
      "app.kubernetes.io/name": "triton",
      "app.kubernetes.io/instance": "resnet50",
      "app.kubernetes.io/component": "model-endpoint",
      "app.kubernetes.io/part-of": "inferstack",
      "app.kubernetes.io/managed-by": "pulumi",
      "inferstack.io/model": "resnet50",
      "inferstack.io/environment": "prod",
      "inferstack.io/server-pool": "triton-a10g",
    });
    expect(pool.metricsService.metadata.name).toBe("triton-a10g-metrics");
    expect(pool.metricsService.spec).toEqual({ type: "ClusterIP", selector: SELECTOR("triton-a10g"), ports: [{ name: "metrics", port: 8002, targetPort: 8002, protocol: "TCP" }] });
  });

  it("points the disruption budget and the autoscaler at the Deployment's pods", () => {
    const { deployment, disruptionBudget, autoscaler } = pool;
    expect(deployment.spec.selector.matchLabels).toEqual(SELECTOR("triton-a10g"));
    expect(deployment.spec.template.metadata.labels).toMatchObject(SELECTOR("triton-a10g"));
    expect(disruptionBudget.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: SELECTOR("triton-a10g") }, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    expect(autoscaler.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name });
    expect(autoscaler.spec).toMatchObject({ minReplicas: 2, maxReplicas: 8 });
    expect(autoscaler.spec.metrics).toEqual([
      // A quarter of bert-encoder's 25 ms SLO.
      { type: "Pods", pods: { metric: { name: "inferstack_queue_latency_microseconds" }, target: { type: "AverageValue", averageValue: "6250" } } },
      { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 75 } } },
    ]);
  });

  it("admits only the serving and metrics ports and lets out only DNS and HTTPS", () => {
    expect(pool.networkPolicy.spec).toEqual({
      podSelector: { matchLabels: SELECTOR("triton-a10g") },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ namespaceSelector: {} }], ports: [8000, 8001, 8002].map((port) => ({ protocol: "TCP", port })) }],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
        { ports: [{ protocol: "TCP", port: 443 }] },
      ],
    });
  });

  it("puts each config.pbtxt next to its model's artifacts in the model store and needs no ConfigMap", () => {
    expect(pool.modelConfigObjects.map(({ bucket, key }) => `s3://${bucket}/${key}`)).toEqual([
      "s3://inferstack-models-777788889999-prod/nlp/bert-encoder/config.pbtxt",
      "s3://inferstack-models-777788889999-prod/vision/resnet50/config.pbtxt",
    ]);
    expect(pool.configMap).toBeUndefined();
  });
});

describe("the TF Serving pod", () => {
  const pool = prod["ctr-ranker"]!;
  const pod = podOf(pool);
  const [container] = pod.containers;

  it("syncs the served versions from S3 in a pinned, restricted init container", () => {
    expect(pod.initContainers).toEqual([
      {
        name: "sync-ctr-ranker",
        image: "777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/aws-cli:2.34.24",
        imagePullPolicy: "IfNotPresent",
        args: ["s3", "sync", "s3://inferstack-models-777788889999-prod/ranking/ctr-ranker", "/models/ctr-ranker", "--only-show-errors", "--exclude", "*", "--include", "7/*", "--include", "8/*"],
        env: [{ name: "HOME", value: "/tmp" }],
        resources: { requests: { cpu: "500m", memory: "512Mi", "ephemeral-storage": "256Mi" }, limits: { memory: "512Mi", "ephemeral-storage": "256Mi" } },
        securityContext: RESTRICTED,
        volumeMounts: [
          { name: "models", mountPath: "/models" },
          { name: "tmp", mountPath: "/tmp" },
        ],
      },
    ]);
  });

  it("serves from the config files with batching, metrics, the REST timeout and the gRPC health service", () => {
    expect(container!.command).toEqual(["/usr/bin/tensorflow_model_server"]);
    expect(container!.args).toEqual([
      "--port=8500",
      "--rest_api_port=8501",
      "--model_config_file=/etc/tfserving/models.config",
      "--monitoring_config_file=/etc/tfserving/monitoring.config",
      "--enable_batching=true",
      "--batching_parameters_file=/etc/tfserving/batching.config",
      "--rest_api_timeout_in_ms=30000",
      "--enable_grpc_healthcheck_service=true",
    ]);
    expect(pool.configMap!.data).toEqual(expect.objectContaining({ "models.config": expect.stringContaining('base_path: "/models/ctr-ranker"') }));
    expect(Object.keys(pool.configMap!.data).sort()).toEqual(["batching.config", "models.config", "monitoring.config"]);
  });

  it("checks the model status for readiness and the gRPC health service for liveness", () => {
    expect(container!.readinessProbe).toEqual({ httpGet: { path: "/v1/models/ctr-ranker", port: "http" }, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 5 });
    expect(container!.livenessProbe).toEqual({ grpc: { port: 8500 }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 });
    expect(container!.ports).toEqual([
      { name: "http", containerPort: 8501, protocol: "TCP" },
      { name: "grpc", containerPort: 8500, protocol: "TCP" },
    ]);
    expect(pool.metricsService.spec.ports).toEqual([{ name: "metrics", port: 8501, targetPort: 8501, protocol: "TCP" }]);
  });
});

describe("prod differs from dev where the tier defaults say so", () => {
  it.each([
    ["zone spread", (p: RenderedInferencePool) => podOf(p).topologySpreadConstraints?.length ?? 0, 0, 1],
    ["revision history", (p: RenderedInferencePool) => p.deployment.spec.revisionHistoryLimit, 2, 10],
    ["scale-down window", (p: RenderedInferencePool) => p.autoscaler.spec.behavior.scaleDown.stabilizationWindowSeconds, 60, 300],
    ["minimum replicas", (p: RenderedInferencePool) => p.autoscaler.spec.minReplicas, 1, 2],
  ])("%s", (_what, pick, inDev, inProd) => {
    expect([pick(dev["resnet50"]!), pick(prod["triton-a10g"]!)]).toEqual([inDev, inProd]);
  });

  it("keeps a stopping pod serving for the pool's preStop delay (dev's 5 s raised to its 15 s DNS staleness)", () => {
    expect([podOf(dev["resnet50"]!).containers[0]!.lifecycle.preStop.exec.command, podOf(prod["triton-a10g"]!).containers[0]!.lifecycle.preStop.exec.command]).toEqual([
      ["sleep", "15"],
      ["sleep", "15"],
    ]);
  });

  it("runs dev's CPU TF Serving pool without GPU, toleration or GPU metrics", () => {
    const pod = podOf(dev["ctr-ranker"]!);
    expect([pod.nodeSelector, pod.tolerations, pod.containers[0]!.image]).toEqual([{ "inferstack.io/node-pool": "cpu" }, undefined, "111122223333.dkr.ecr.us-east-1.amazonaws.com/inferstack/dev/tensorflow-serving:2.20.0"]);
    expect(pod.containers[0]!.resources.limits).toEqual({ memory: "3072Mi", "ephemeral-storage": "5120Mi" });
  });
});

describe("a Triton model outside the environment's model store", () => {
  const model = ONNX_MODEL.replace("uri: vision/resnet50", "uri: s3://shared-models/cv/resnet50");
  const platform = loadPlatform(inputFrom("dev", DEV_STACK, { "catalog/m.yaml": model }));
  const rendered = renderAll(platform)["resnet50"]!;
  const pod = podOf(rendered);

  it("is synced into the pod with its config.pbtxt mounted from the pool's ConfigMap", () => {
    expect(rendered.modelConfigObjects).toEqual([]);
    expect(Object.keys(rendered.configMap!.data)).toEqual(["resnet50.config.pbtxt"]);
    expect(rendered.configMap!.metadata.name).toBe("resnet50-runtime-config");
    expect(pod.initContainers!.map((c) => c.args.slice(0, 4))).toEqual([["s3", "sync", "s3://shared-models/cv/resnet50", "/models/resnet50"]]);
    expect(pod.containers[0]!.args[0]).toBe("--model-repository=/models");
    expect(pod.containers[0]!.volumeMounts.slice(0, 2)).toEqual([
      { name: "models", mountPath: "/models" },
      { name: "config", mountPath: "/models/resnet50/config.pbtxt", subPath: "resnet50.config.pbtxt", readOnly: true },
    ]);
    for (const object of objectsOf(rendered)) expect(validateKubernetesObject(object)).toEqual([]);
  });

  it("rolls the pods when a config changes", () => {
    const other = loadPlatform(inputFrom("dev", DEV_STACK, { "catalog/m.yaml": `${model}maxBatchSize: 4\n` }));
    const annotation = (r: RenderedInferencePool) => r.deployment.spec.template.metadata.annotations["inferstack.io/config-sha256"];
    expect(annotation(renderAll(other)["resnet50"]!)).not.toBe(annotation(rendered));
    expect(annotation(renderAll(platform)["resnet50"]!)).toBe(annotation(rendered));
  });
});

describe("Service annotations", () => {
  it("passes discovery's annotations to the model's Service only", () => {
    const platform = shippedPlatform("prod");
    const pool = platform.serverPools.find((p) => p.name === "triton-a10g")!;
    const rendered = renderInferencePool({
      environment: platform.environment,
      pool,
      models: platform.models.filter((m) => m.serverPool === pool.name),
      serviceAnnotations: { resnet50: { "consul.hashicorp.com/service-sync": "true" } },
    });
    expect(rendered.services.map((s) => s.service.metadata.annotations)).toEqual([undefined, { "consul.hashicorp.com/service-sync": "true" }]);
  });
});

describe("Kubernetes schemas", () => {
  it.each(Object.entries({ ...prod, ...Object.fromEntries(Object.entries(dev).map(([k, v]) => [`dev-${k}`, v])) }))("validates every object of pool %s", (_pool, rendered) => {
    for (const object of objectsOf(rendered)) expect({ kind: object.kind, errors: validateKubernetesObject(object) }).toEqual({ kind: object.kind, errors: [] });
  });

  it("validates the platform-level serving objects", () => {
    const { environment } = shippedPlatform("prod");
    expect(renderServingPriorityClass(environment)).toMatchObject({ metadata: { name: "inferstack-serving" }, value: 100000, globalDefault: false });
    expect(renderDefaultDenyPolicy(environment).spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    for (const object of [renderServingPriorityClass(environment), renderDefaultDenyPolicy(environment)]) expect(validateKubernetesObject(object)).toEqual([]);
  });
});
