/** Mutations of the compliant fixture's serving objects, one per way each reliability, scheduling, budget and serving-contract policy can fail. */
import { type PolicyCase } from "./case";

const POD = "spec.template.spec";
const TRITON = `${POD}.containers.0`;

export const KUBERNETES_RELIABILITY_CASES: readonly PolicyCase[] = [
  // Reliability
  {
    policy: "inferstack-kubernetes-workload-require-resources",
    breaks: "no requests, a memory limit above the request, a GPU request without a limit",
    mutate: (s) =>
      s
        .set("gpu-health", `${POD}.containers.0.resources`, { limits: { memory: "1Gi" } })
        .set("resnet50-server", `${TRITON}.resources.limits.memory`, "32Gi")
        .unset("resnet50-server", `${TRITON}.resources.limits.nvidia\\.com/gpu`),
    expected: [
      "resnet50-server: container \"triton\" can use more memory than it requests; got limits.memory \"32Gi\" for requests.memory \"16Gi\". Set the limit equal to the request.",
      "resnet50-server: container \"triton\" requests nvidia.com/gpu without the same limit; got no limit for request \"1\". Set limits[\"nvidia.com/gpu\"] to the request (extended resources are granted by their limit).",
      "gpu-health: container \"gpu-health\" requests no cpu or memory; got requests {}. Set requests.cpu and requests.memory.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-ephemeral-storage",
    breaks: "no ephemeral-storage limit",
    mutate: (s) => s.unset("resnet50-server", `${TRITON}.resources.limits.ephemeral-storage`),
    expected: [
      "resnet50-server: container \"triton\" has no bound on local disk; got ephemeral-storage request \"20Gi\" and limit unset. Set both.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-model-readiness-probe",
    breaks: "no readiness probe",
    mutate: (s) => s.unset("resnet50-server", `${TRITON}.readinessProbe`),
    expected: [
      "resnet50-server: container \"triton\" has no readiness probe; got none. Add one that passes only when the container can serve.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-model-readiness-probe",
    breaks: "readiness on the live endpoint",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.readinessProbe.httpGet.path`, "/v2/health/live"),
    expected: [
      "resnet50-server: container \"triton\" does not probe model readiness; got path \"/v2/health/live\". Probe /v2/health/ready on port 8000.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-model-readiness-probe",
    breaks: "readiness on the metrics port",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.readinessProbe.httpGet.port`, 8002),
    expected: [
      "resnet50-server: container \"triton\" probes readiness on the wrong port; got 8002. Use the HTTP port 8000 (\"http\").",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-liveness-and-startup-probes",
    breaks: "no liveness and no startup probe",
    mutate: (s) => s.unset("resnet50-server", `${TRITON}.livenessProbe`).unset("resnet50-server", `${TRITON}.startupProbe`),
    expected: [
      "resnet50-server: container \"triton\" can be killed while it loads its models; got no startupProbe. Add one that allows for the model load time.",
      "resnet50-server: container \"triton\" is never restarted when it hangs; got no livenessProbe. Add one on /v2/health/live.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-liveness-and-startup-probes",
    breaks: "liveness identical to readiness",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.livenessProbe`, { httpGet: { path: "/v2/health/ready", port: "http" }, periodSeconds: 10 }),
    expected: [
      "resnet50-server: container \"triton\" would be restarted whenever it is not ready; got a livenessProbe identical to its readinessProbe. Probe liveness separately (/v2/health/live).",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-liveness-and-startup-probes",
    breaks: "Triton liveness on another path",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.livenessProbe.httpGet.path`, "/metrics"),
    expected: [
      "resnet50-server: container \"triton\" probes liveness somewhere other than Triton's live endpoint; got \"/metrics\". Use /v2/health/live.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-min-replicas",
    breaks: "an autoscaler minimum of one in prod",
    mutate: (s) => s.set("resnet50-autoscaler", "spec.minReplicas", 1),
    expected: [
      "resnet50-server: can run a single replica, so one node loss stops it; got autoscaler minReplicas 1. Keep at least 2.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-min-replicas",
    breaks: "one fixed replica without an autoscaler",
    mutate: (s) => s.remove("resnet50-autoscaler"),
    expected: [
      "resnet50-server: can run a single replica, so one node loss stops it; got replicas 1. Keep at least 2.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-surge-rollout",
    breaks: "the default rolling update",
    mutate: (s) => s.unset("resnet50-server", "spec.strategy"),
    expected: [
      "resnet50-server: can drop serving capacity during a rollout; got maxUnavailable 25% (the default) and maxSurge 25% (the default). Set maxUnavailable 0 and maxSurge 1.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-surge-rollout",
    breaks: "Recreate",
    mutate: (s) => s.set("resnet50-server", "spec.strategy", { type: "Recreate" }),
    expected: [
      "resnet50-server: stops every replica before starting the new ones; got strategy \"Recreate\". Use RollingUpdate with maxUnavailable 0 and maxSurge 1.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-disruption-budget",
    breaks: "no disruption budget",
    mutate: (s) => s.remove("resnet50-budget"),
    expected: [
      "resnet50-server: has no disruption budget, so a node drain may evict every replica at once; got no PodDisruptionBudget selecting its pods. Add one with maxUnavailable 1.",
    ],
  },
  {
    policy: "inferstack-kubernetes-poddisruptionbudget-require-eviction-headroom",
    breaks: "maxUnavailable 0",
    mutate: (s) => s.set("resnet50-budget", "spec.maxUnavailable", 0),
    expected: [
      "resnet50-budget: allows no eviction; got maxUnavailable 0. Use maxUnavailable 1.",
    ],
  },
  {
    policy: "inferstack-kubernetes-poddisruptionbudget-require-eviction-headroom",
    breaks: "minAvailable 100%",
    mutate: (s) => s.unset("resnet50-budget", "spec.maxUnavailable").set("resnet50-budget", "spec.minAvailable", "100%"),
    expected: [
      "resnet50-budget: allows no eviction; got minAvailable \"100%\". Use maxUnavailable 1.",
    ],
  },
  {
    policy: "inferstack-kubernetes-poddisruptionbudget-require-eviction-headroom",
    breaks: "minAvailable equal to the autoscaler's minimum",
    mutate: (s) => s.unset("resnet50-budget", "spec.maxUnavailable").set("resnet50-budget", "spec.minAvailable", 2),
    expected: [
      "resnet50-budget: allows no eviction when resnet50-server runs its minimum of 2 replicas; got minAvailable 2. Use maxUnavailable 1, or minAvailable below 2.",
    ],
  },
  {
    policy: "inferstack-kubernetes-poddisruptionbudget-require-always-allow-unhealthy",
    breaks: "the default eviction policy",
    mutate: (s) => s.unset("resnet50-budget", "spec.unhealthyPodEvictionPolicy"),
    expected: [
      "resnet50-budget: lets a pod that never became ready block a node drain; got unhealthyPodEvictionPolicy IfHealthyBudget (the default). Set it to \"AlwaysAllow\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-host-anti-affinity",
    breaks: "no anti-affinity",
    mutate: (s) => s.unset("resnet50-server", `${POD}.affinity`),
    expected: [
      "resnet50-server: may place every replica on one node; got no pod anti-affinity on kubernetes.io/hostname. Prefer spreading replicas over nodes.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-zone-spread",
    breaks: "no zone spread",
    mutate: (s) => s.unset("resnet50-server", `${POD}.topologySpreadConstraints`),
    expected: [
      "resnet50-server: may run every replica in one zone; got no topology spread on topology.kubernetes.io/zone. Add a constraint with maxSkew 1.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-zone-spread",
    breaks: "a skew of two",
    mutate: (s) => s.set("resnet50-server", `${POD}.topologySpreadConstraints.0.maxSkew`, 2),
    expected: [
      "resnet50-server: spreads unevenly over zones; got maxSkew 2. Use maxSkew 1.",
    ],
  },
  {
    policy: "inferstack-kubernetes-horizontalpodautoscaler-require-serving-bounds",
    breaks: "a server pool without an autoscaler",
    mutate: (s) => s.remove("resnet50-autoscaler"),
    expected: [
      "resnet50-server: is a server pool that never scales; got no HorizontalPodAutoscaler targeting resnet50-server-ef140ed5. Add one.",
    ],
  },
  {
    policy: "inferstack-kubernetes-horizontalpodautoscaler-require-serving-bounds",
    breaks: "an autoscaler targeting nothing",
    mutate: (s) => s.set("resnet50-autoscaler", "spec.scaleTargetRef.name", "resnet50"),
    expected: [
      "resnet50-server: is a server pool that never scales; got no HorizontalPodAutoscaler targeting resnet50-server-ef140ed5. Add one.",
      "resnet50-autoscaler: scales nothing the stack creates; got scaleTargetRef {\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"resnet50\"}. Point it at the server pool's Deployment.",
    ],
  },
  {
    policy: "inferstack-kubernetes-horizontalpodautoscaler-require-serving-bounds",
    breaks: "a floor of one, a ceiling equal to it, CPU only",
    mutate: (s) => s.set("resnet50-autoscaler", "spec.minReplicas", 1).set("resnet50-autoscaler", "spec.maxReplicas", 1).set("resnet50-autoscaler", "spec.metrics", [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }]),
    expected: [
      "resnet50-autoscaler: can scale resnet50-server down to 1 replica in prod; got minReplicas 1. Use at least 2.",
      "resnet50-autoscaler: cannot scale resnet50-server out; got maxReplicas 1 for minReplicas 1. Set maxReplicas above minReplicas.",
      "resnet50-autoscaler: scales resnet50-server on Resource only; got no Pods, Object or External metric. Scale on the queue-latency Pods metric, with CPU as a fallback.",
    ],
  },
  {
    policy: "inferstack-kubernetes-horizontalpodautoscaler-require-serving-bounds",
    breaks: "a ceiling above the node pool's GPUs",
    mutate: (s) => s.set("resnet50-autoscaler", "spec.maxReplicas", 20),
    expected: [
      "resnet50-autoscaler: can ask for 20 GPUs but node pool a10g holds 12; got maxReplicas 20. Lower maxReplicas or raise the node pool's maxNodes.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-forbid-replicas-under-autoscaler",
    breaks: "replicas set under an autoscaler",
    mutate: (s) => s.set("resnet50-server", "spec.replicas", 2),
    expected: [
      "resnet50-server: fights its autoscaler resnet50-autoscaler: every update resets the replica count; got spec.replicas 2. Leave spec.replicas unset.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-graceful-shutdown",
    breaks: "no preStop pause",
    mutate: (s) => s.unset("resnet50-server", `${TRITON}.lifecycle`),
    expected: [
      "resnet50-server: container \"triton\" stops serving before its endpoints are removed; got no lifecycle.preStop. Add a preStop pause of 5-15 seconds.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-graceful-shutdown",
    breaks: "a grace period that ends right after the pause",
    mutate: (s) => s.set("resnet50-server", `${POD}.terminationGracePeriodSeconds`, 12),
    expected: [
      "resnet50-server: container \"triton\" is killed 2 s after its preStop pause; got terminationGracePeriodSeconds 12 with a 10 s pause. Use at least 20.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-priority-class",
    breaks: "no priority class",
    mutate: (s) => s.unset("resnet50-server", `${POD}.priorityClassName`),
    expected: [
      "resnet50-server: competes with batch pods at the default priority; got priorityClassName unset. Name a PriorityClass above batch workloads.",
    ],
  },
  {
    policy: "inferstack-kubernetes-service-require-matching-pods",
    breaks: "a Service selecting no pods",
    mutate: (s) => s.set("resnet50-metrics", "spec.selector", { "inferstack.io/server-pool": "resnet-50" }),
    expected: [
      "resnet50-metrics: routes to no pods; got selector {\"inferstack.io/server-pool\":\"resnet-50\"} matching no workload in namespace inferstack. Select the labels of the pods it serves.",
    ],
  },
  {
    policy: "inferstack-kubernetes-service-require-matching-pods",
    breaks: "a Deployment selector its pods do not match",
    mutate: (s) => s.set("resnet50-server", "spec.selector.matchLabels.app\\.kubernetes\\.io/instance", "bert"),
    expected: [
      "resnet50-server: selects pods it does not create; got selector {\"app.kubernetes.io/instance\":\"bert\",\"inferstack.io/server-pool\":\"resnet50\"}. Use labels of its pod template.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-gpu-toleration",
    breaks: "a GPU pod without the toleration",
    mutate: (s) => s.unset("resnet50-server", `${POD}.tolerations`),
    expected: [
      "resnet50-server: requests 1 GPU per pod but cannot be scheduled on GPU nodes; got no toleration for nvidia.com/gpu=true:NoSchedule. Add the GPU toleration.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-gpu-node-selector",
    breaks: "a GPU pod without a node pool",
    mutate: (s) => s.unset("resnet50-server", `${POD}.nodeSelector`),
    expected: [
      "resnet50-server: requests GPUs without choosing a node pool; got no \"inferstack.io/node-pool\" node selector or required affinity. Select the model's GPU node pool.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-forbid-gpu-toleration-without-gpu",
    breaks: "a CPU pod tolerating the GPU taint",
    mutate: (s) =>
      s
        .unset("resnet50-server", `${TRITON}.resources.requests.nvidia\\.com/gpu`)
        .unset("resnet50-server", `${TRITON}.resources.limits.nvidia\\.com/gpu`)
        .set("resnet50-server", `${POD}.tolerations`, [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]),
    expected: [
      "resnet50-server: may take a GPU node without using its GPU; got a toleration for nvidia.com/gpu on pods that request no GPU. Remove the toleration.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-revision-history",
    breaks: "no revisions kept",
    mutate: (s) => s.set("resnet50-server", "spec.revisionHistoryLimit", 0),
    expected: [
      "resnet50-server: keeps no previous revision to roll back to; got revisionHistoryLimit 0. Keep at least 1.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-restrict-instance-types",
    breaks: "a node pool of types outside dev's allow-list",
    tier: "dev",
    mutate: () => undefined,
    context: (c) => ({ ...c, nodePools: c.nodePools.map((p) => (p.name === "a10g" ? { ...p, instanceTypes: ["g5.12xlarge"], gpusPerNode: 4 } : p)) }),
    expected: [
      "resnet50-server: runs on node pool a10g whose instance types are outside fixture's allow-list; got g5.12xlarge. Use a node pool of g4dn.2xlarge, g4dn.xlarge, g5.2xlarge, g5.xlarge, g6.xlarge, g6e.xlarge, m6i.2xlarge, m6i.large, m6i.xlarge, m7i.2xlarge, m7i.large, m7i.xlarge.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-restrict-instance-types",
    breaks: "a node pool the environment does not define",
    mutate: (s) => s.set("resnet50-server", `${POD}.nodeSelector.inferstack\\.io/node-pool`, "h100"),
    expected: [
      "resnet50-server: selects a node pool the environment does not define; got inferstack.io/node-pool=h100. Use one of a10g, system.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-limit-gpu-budget",
    breaks: "GPU pods over the budget at full scale",
    mutate: (s) => s.set("resnet50-autoscaler", "spec.maxReplicas", 20),
    expected: [
      "stack: serving pods at full scale need GPU nodes costing 17695 USD a month on demand but the budget allows 12000; got 17695. Lower maxReplicas or raise budget.maxMonthlyUsd.",
      "stack: serving pods can use 20 GPUs at full scale (resnet50-server 20 × 1) but the budget allows 16; got 20. Lower maxReplicas or raise budget.maxGpus.",
    ],
  },
  // Serving contracts
  {
    policy: "inferstack-kubernetes-service-require-consul-registration",
    breaks: "sync off and another service name",
    mutate: (s) => s.set("resnet50", "metadata.annotations", { "consul.hashicorp.com/service-sync": "false", "consul.hashicorp.com/service-name": "resnet50-inferstack" }),
    expected: [
      "resnet50: is not synced into Consul; got consul.hashicorp.com/service-sync \"false\". Set it to \"true\".",
      "resnet50: registers model resnet50 under another name; got consul.hashicorp.com/service-name \"resnet50-inferstack\". Set it to \"resnet50\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-service-require-consul-registration",
    breaks: "a model without its Service",
    mutate: () => undefined,
    context: (c) => ({ ...c, models: [...c.models, { ...c.models[0]!, name: "bert-encoder" }] }),
    expected: [
      "stack: model bert-encoder has no Service to register in Consul; got no Service \"bert-encoder\" in namespace inferstack. Create the model's Service.",
    ],
  },
  {
    policy: "inferstack-kubernetes-prometheusrule-require-model-slo",
    breaks: "a model without SLO rules",
    mutate: (s) => s.remove("resnet50-slo"),
    expected: [
      "stack: model resnet50 has no SLO alerts; got no PrometheusRule \"resnet50-slo\". Create it from the model's slo.",
    ],
  },
  {
    policy: "inferstack-kubernetes-prometheusrule-require-model-slo",
    breaks: "SLO rules without labels or alerts",
    mutate: (s) => s.set("resnet50-slo", "metadata.labels", {}).set("resnet50-slo", "spec.groups.0.rules", [{ record: "inferstack:model_latency_ms", expr: "vector(1)" }]),
    expected: [
      "resnet50-slo: alerts on nothing; got no alerting rule in its groups. Add alerts for the model's latency and error SLOs.",
      "resnet50-slo: is not labelled as model resnet50's SLO rules; got app.kubernetes.io/component unset and inferstack.io/model unset. Use standardLabels with component \"slo-rules\" and the model.",
    ],
  },
  {
    policy: "inferstack-kubernetes-servicemonitor-require-pool-scrape",
    breaks: "a pool without its metrics Service",
    mutate: (s) => s.remove("resnet50-metrics"),
    expected: [
      "stack: server pool resnet50 exposes no metrics; got no Service \"resnet50-metrics\" in namespace inferstack. Create it with a port named \"metrics\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-servicemonitor-require-pool-scrape",
    breaks: "a monitor scraping another port",
    mutate: (s) => s.set("resnet50-monitor", "spec.endpoints.0.port", "http"),
    expected: [
      "resnet50-metrics: is scraped by no ServiceMonitor; got none selecting inferstack.io/server-pool=resnet50 on port \"metrics\". Add one.",
    ],
  },
];
