/** Mutations of the compliant fixture's Kubernetes objects, one per way each Kubernetes policy can fail. */
import { recorded } from "../fixtures/build";
import { secureContainer, securePodSpec, TRITON_IMAGE } from "../fixtures/kubernetes";
import { type PolicyCase } from "./case";

const POD = "spec.template.spec";
const TRITON = `${POD}.containers.0`;
const CRON_POD = "spec.jobTemplate.spec.template.spec";

export const KUBERNETES_CASES: readonly PolicyCase[] = [
  // Pod security
  {
    policy: "inferstack-kubernetes-workload-forbid-privileged",
    breaks: "a privileged container",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.securityContext.privileged`, true),
    expected: [
      "resnet50-server: container \"triton\" runs privileged; got securityContext.privileged true. Remove it: request nvidia.com/gpu for GPU access.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-forbid-privilege-escalation",
    breaks: "privilege escalation left at its default",
    mutate: (s) => s.unset("gpu-health", `${POD}.containers.0.securityContext.allowPrivilegeEscalation`),
    expected: [
      "gpu-health: container \"gpu-health\" may escalate privileges; got allowPrivilegeEscalation unset. Set it to false.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-non-root",
    breaks: "root allowed and no user named",
    mutate: (s) => s.unset("model-warmup", `${POD}.securityContext`),
    expected: [
      "model-warmup: container \"model-warmup\" does not name a non-root user; got runAsUser unset. Set runAsUser to a numeric UID such as 10001.",
      "model-warmup: container \"model-warmup\" may run as root; got runAsNonRoot unset. Set runAsNonRoot: true.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-non-root",
    breaks: "a container that overrides the pod's user with root",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.securityContext.runAsUser`, 0),
    expected: [
      "resnet50-server: container \"triton\" does not name a non-root user; got runAsUser 0. Set runAsUser to a numeric UID such as 10001.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-high-uid",
    breaks: "a low user and group id",
    mutate: (s) => s.set("model-cache", `${POD}.securityContext.runAsUser`, 1000).set("model-cache", `${POD}.securityContext.runAsGroup`, 1000),
    expected: [
      "model-cache: container \"model-cache\" uses a low or unset runAsGroup; got 1000. Use 10000 or more.",
      "model-cache: container \"model-cache\" uses a low or unset runAsUser; got 1000. Use 10000 or more.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-dropped-capabilities",
    breaks: "capabilities kept and added",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.securityContext.capabilities`, { drop: ["NET_RAW"], add: ["SYS_ADMIN", "NET_BIND_SERVICE"] }),
    expected: [
      "resnet50-server: container \"triton\" adds capabilities back; got add [SYS_ADMIN]. Add none (NET_BIND_SERVICE at most).",
      "resnet50-server: container \"triton\" keeps Linux capabilities; got drop [NET_RAW]. Drop \"ALL\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-runtime-default-seccomp",
    breaks: "an unconfined seccomp profile",
    mutate: (s) => s.set("consul-snapshot", `${CRON_POD}.securityContext.seccompProfile.type`, "Unconfined"),
    expected: [
      "consul-snapshot: container \"snapshot\" runs without a seccomp profile; got seccompProfile.type \"Unconfined\". Set the pod's seccompProfile.type to \"RuntimeDefault\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-read-only-root",
    breaks: "a writable root filesystem",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.securityContext.readOnlyRootFilesystem`, false),
    expected: [
      "resnet50-server: container \"triton\" can write to its image; got readOnlyRootFilesystem false. Set it to true and mount emptyDir volumes where it writes.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-forbid-host-namespaces",
    breaks: "host network and a host port",
    mutate: (s) => s.set("gpu-health", `${POD}.hostNetwork`, true).set("gpu-health", `${POD}.containers.0.ports`, [{ containerPort: 9400, hostPort: 9400 }]),
    expected: [
      "gpu-health: container \"gpu-health\" binds host ports; got hostPort 9400. Remove hostPort and use a Service.",
      "gpu-health: shares the node's namespaces; got hostNetwork true. Remove them.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-restrict-volume-types",
    breaks: "a hostPath volume",
    mutate: (s) => s.set("gpu-health", `${POD}.volumes`, [{ name: "dev", hostPath: { path: "/dev" } }]),
    expected: [
      "gpu-health: mounts volume \"dev\" from the node or an unrestricted source; got hostPath. Use configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-forbid-token-automount",
    breaks: "a token mounted by default",
    mutate: (s) => s.unset("resnet50-server", `${POD}.automountServiceAccountToken`).unset("resnet50-service-account", "automountServiceAccountToken"),
    expected: [
      "resnet50-server: mounts a Kubernetes API token it does not ask for; got automountServiceAccountToken unset on the pod and on ServiceAccount resnet50-server. Set automountServiceAccountToken: false.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-dedicated-service-account",
    breaks: "the default service account",
    mutate: (s) => s.unset("model-warmup", `${POD}.serviceAccountName`),
    expected: [
      "model-warmup: runs under the namespace's default ServiceAccount; got serviceAccountName unset. Create a ServiceAccount for it and name it here.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-dedicated-service-account",
    breaks: "a service account the stack does not create",
    mutate: (s) => s.remove("gpu-health-account"),
    expected: [
      "gpu-health: names a ServiceAccount the stack does not create; got serviceAccountName \"gpu-health\" in namespace tools. Create it in the same stack.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-dedicated-service-account",
    breaks: "two workloads sharing one service account",
    mutate: (s) => s.set("model-warmup", `${POD}.serviceAccountName`, "model-cache"),
    expected: [
      "model-cache: shares ServiceAccount tools/model-cache with model-warmup; got one account for 2 workloads. Give each workload its own, so each identity grants only what it needs.",
      "model-warmup: shares ServiceAccount tools/model-cache with model-cache; got one account for 2 workloads. Give each workload its own, so each identity grants only what it needs.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-image-tag",
    breaks: "a latest tag",
    mutate: (s) => s.set("gpu-health", `${POD}.containers.0.image`, "nvcr.io/nvidia/k8s/dcgm-exporter:latest"),
    expected: [
      "gpu-health: container \"gpu-health\" runs an unpinned image; got \"nvcr.io/nvidia/k8s/dcgm-exporter:latest\". Use a version tag or a digest.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-image-tag",
    breaks: "an image without tag or digest",
    mutate: (s) => s.set("gpu-health", `${POD}.containers.0.image`, "nvcr.io/nvidia/k8s/dcgm-exporter"),
    expected: [
      "gpu-health: container \"gpu-health\" runs an unpinned image; got \"nvcr.io/nvidia/k8s/dcgm-exporter\". Use a version tag or a digest.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-image-digest",
    breaks: "an image pinned by tag only",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.image`, "nvcr.io/nvidia/tritonserver:26.07-py3"),
    expected: [
      "resnet50-server: container \"triton\" runs an image by tag only; got \"nvcr.io/nvidia/tritonserver:26.07-py3\". Append @sha256:<digest>.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-pull-policy",
    breaks: "IfNotPresent with a tag-only image",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.image`, "nvcr.io/nvidia/tritonserver:26.07-py3"),
    expected: [
      "resnet50-server: container \"triton\" may start from a stale cached image; got imagePullPolicy \"IfNotPresent\" with a tag-only image. Pin the digest or pull \"Always\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-forbid-env-secrets",
    breaks: "a literal token, a secretKeyRef and an envFrom secret",
    mutate: (s) =>
      s
        .set("resnet50-server", `${TRITON}.env`, [
          { name: "HF_TOKEN", value: "hf_abc" },
          { name: "LOG_VERBOSE", value: "1" },
          { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
        ])
        .set("resnet50-server", `${TRITON}.envFrom`, [{ secretRef: { name: "api-keys" } }]),
    expected: [
      "resnet50-server: container \"triton\" loads a whole Secret into its environment; got envFrom.secretRef \"api-keys\". Mount it as files instead.",
      "resnet50-server: container \"triton\" reads a Secret into DB_PASSWORD; got valueFrom.secretKeyRef. Mount the Secret as a file instead.",
      "resnet50-server: container \"triton\" sets credential-like HF_TOKEN in plain text; got a literal value. Store it in a Secret mounted as a file.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-require-approved-registry",
    breaks: "an image from Docker Hub",
    mutate: (s) => s.set("model-cache", `${POD}.containers.0.image`, "redis:7.4.1"),
    expected: [
      "model-cache: container \"model-cache\" pulls from an unapproved registry; got docker.io/library/redis. Mirror it into ECR or allow it: 777788889999.dkr.ecr.us-east-1.amazonaws.com/, docker.io/tensorflow/serving, nvcr.io/nvidia/tritonserver.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-pinned-runtime-image",
    breaks: "an older Triton release",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.image`, "nvcr.io/nvidia/tritonserver:24.01-py3"),
    expected: [
      "resnet50-server: container \"triton\" runs triton 24.01-py3, not the pinned version; got \"nvcr.io/nvidia/tritonserver:24.01-py3\". Use tag 26.07-py3 from components/registry/images.ts.",
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-pinned-runtime-image",
    breaks: "a server pool running no known runtime",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.image`, "example.com/custom-server:1.0").set("resnet50-server", "spec.template.metadata.labels.app\\.kubernetes\\.io/name", "custom-server"),
    expected: [
      "resnet50-server: is a server pool that runs no known serving runtime; got images \"example.com/custom-server:1.0\". Run the pinned Triton or TF Serving image.",
    ],
  },
  {
    policy: "inferstack-kubernetes-namespace-require-default-deny",
    breaks: "a namespace without default deny",
    mutate: (s) => s.remove("tools-default-deny"),
    expected: [
      "stack: namespace tools accepts traffic from any pod; got no default-deny NetworkPolicy there. Add one with podSelector {} and policyTypes [Ingress].",
    ],
  },
  {
    policy: "inferstack-kubernetes-namespace-require-default-deny",
    breaks: "a serving pool no policy allows",
    mutate: (s) => s.remove("resnet50-ingress"),
    expected: [
      "resnet50-server: serves ports that no NetworkPolicy allows; got no ingress rule selecting its pods. Add a NetworkPolicy allowing its clients, Prometheus and Consul.",
    ],
  },
  {
    policy: "inferstack-kubernetes-namespace-require-restricted-pod-security",
    breaks: "a serving namespace that only warns",
    mutate: (s) => s.set("inferstack-namespace", "metadata.labels.pod-security\\.kubernetes\\.io/enforce", "baseline"),
    expected: [
      "inferstack-namespace: does not enforce the restricted Pod Security Standard; got pod-security.kubernetes.io/enforce \"baseline\". Set each to \"restricted\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-namespace-require-restricted-pod-security",
    breaks: "an object in the default namespace",
    mutate: (s) => s.set("lease-reader", "metadata.namespace", "default"),
    expected: [
      "lease-reader: lives in the default namespace; got namespace \"default\". Put it in inferstack or an area namespace.",
    ],
  },
  {
    policy: "inferstack-kubernetes-namespace-require-restricted-pod-security",
    breaks: "a serving namespace the stack does not create",
    mutate: (s) => s.remove("inferstack-namespace"),
    expected: [
      "stack: does not create the serving namespace inferstack; got no Namespace of that name. Create it so its Pod Security labels are part of the stack.",
    ],
  },
  {
    policy: "inferstack-kubernetes-rbac-forbid-wildcard-rules",
    breaks: "wildcard verbs and resources",
    mutate: (s) => s.set("node-reader", "rules", [{ apiGroups: [""], resources: ["nodes"], verbs: ["get"] }, { apiGroups: ["*"], resources: ["*"], verbs: ["get"] }]),
    expected: [
      "node-reader: rule #2 grants everything in apiGroups, resources; got \"*\". List what the subject uses.",
    ],
  },
  {
    policy: "inferstack-kubernetes-rbac-forbid-cluster-admin-binding",
    breaks: "a cluster-admin binding",
    mutate: (s) => s.set("node-reader-binding", "roleRef.name", "cluster-admin"),
    expected: [
      "node-reader-binding: grants cluster-admin; got roleRef ClusterRole \"cluster-admin\". Bind a role with only the permissions the subject needs.",
    ],
  },
  {
    policy: "inferstack-kubernetes-workload-forbid-bare-pods",
    breaks: "a bare Pod",
    mutate: (s) =>
      s.add(
        recorded("kubernetes:core/v1:Pod", "debug", {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "debug", namespace: "tools" },
          spec: securePodSpec("model-cache", [secureContainer("debug", TRITON_IMAGE)]),
        }),
      ),
    expected: [
      "debug: is a bare Pod that nothing restarts or reschedules; got kind Pod. Use a Deployment, StatefulSet, DaemonSet or Job.",
    ],
  },
  {
    policy: "inferstack-kubernetes-object-forbid-prerelease-api",
    breaks: "a beta built-in API",
    mutate: (s) => s.set("resnet50-autoscaler", "apiVersion", "autoscaling/v2beta2"),
    expected: [
      "resnet50-autoscaler: uses a prerelease built-in API; got apiVersion \"autoscaling/v2beta2\". Use the stable version of HorizontalPodAutoscaler.",
    ],
  },
  {
    policy: "inferstack-kubernetes-object-require-valid-schema",
    breaks: "a replica count that is not a number",
    mutate: (s) => s.set("model-cache", "spec.replicas", "two"),
    expected: [
      "model-cache: fails its schema; got /spec/replicas must be integer. Fix the object so the API server accepts it.",
    ],
  },
  {
    policy: "inferstack-kubernetes-object-require-valid-schema",
    breaks: "an Elasticsearch without a spec",
    mutate: (s) => s.unset("logs", "spec"),
    expected: [
      "logs: fails its schema; got /spec must be object. Fix the object so the API server accepts it.",
    ],
  },
  {
    policy: "inferstack-kubernetes-storage-require-encrypted-class",
    breaks: "an unencrypted EBS class",
    mutate: (s) => s.set("encrypted-gp3", "parameters.encrypted", "false"),
    expected: [
      "encrypted-gp3: provisions unencrypted EBS volumes; got parameters.encrypted \"false\". Set it to \"true\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-storage-require-encrypted-class",
    breaks: "claims on the default class",
    mutate: (s) => s.unset("tools-scratch", "spec.storageClassName").set("model-cache", "spec.volumeClaimTemplates.0.spec.storageClassName", "gp2"),
    expected: [
      "model-cache: claim \"cache\" does not use the encrypted class; got storageClassName \"gp2\". Use \"inferstack-encrypted-gp3\".",
      "tools-scratch: claim \"tools-scratch\" does not use the encrypted class; got storageClassName unset. Use \"inferstack-encrypted-gp3\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-service-forbid-load-balancer",
    breaks: "a model Service behind a load balancer",
    mutate: (s) => s.set("resnet50", "spec.type", "LoadBalancer"),
    expected: [
      "resnet50: is reachable from outside the cluster; got type \"LoadBalancer\". Use ClusterIP and expose models through the gateway.",
    ],
  },
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
