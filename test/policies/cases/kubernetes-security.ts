/** Mutations of the compliant fixture's Kubernetes objects, one per way each pod-security, RBAC, API and schema policy can fail. */
import { recorded } from "../fixtures/build";
import { secureContainer, securePodSpec, TRITON_IMAGE } from "../fixtures/kubernetes";
import { type PolicyCase } from "./case";

const POD = "spec.template.spec";
const TRITON = `${POD}.containers.0`;
/** The custom image of the fixture context (`fixtureContext().customImages`). */
const CUSTOM_IMAGE = "777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/fixture/triton-python";
const CRON_POD = "spec.jobTemplate.spec.template.spec";

export const KUBERNETES_SECURITY_CASES: readonly PolicyCase[] = [
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
      "model-cache: container \"model-cache\" pulls from an unapproved registry; got docker.io/library/redis. Mirror it into ECR or allow it: 777788889999.dkr.ecr.us-east-1.amazonaws.com/, docker.io/amazon/aws-cli, docker.io/tensorflow/serving, nvcr.io/nvidia/tritonserver.",
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
    policy: "inferstack-kubernetes-deployment-require-pinned-runtime-image",
    breaks: "a custom image of the stack built on an older Triton release",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.image`, `${CUSTOM_IMAGE}:24.01-py3-0123456789ab@sha256:${"ab".repeat(32)}`),
    context: (c) => ({ ...c, customImages: c.customImages.map((i) => ({ ...i, baseImage: "nvcr.io/nvidia/tritonserver:24.01-py3" })) }),
    expected: [
      'resnet50-server: container "triton" runs custom image "triton-python" built on an unpinned triton; got base "nvcr.io/nvidia/tritonserver:24.01-py3". Build it FROM nvcr.io/nvidia/tritonserver:26.07-py3 (the BASE_IMAGE build argument).',
    ],
  },
  {
    policy: "inferstack-kubernetes-deployment-require-pinned-runtime-image",
    breaks: "a Triton pool running a custom image the stack does not build",
    mutate: (s) => s.set("resnet50-server", `${TRITON}.image`, `${CUSTOM_IMAGE.replace("triton-python", "triton-other")}:26.07-py3-0123456789ab`),
    expected: [
      `resnet50-server: is a triton server pool without a nvcr.io/nvidia/tritonserver container; got images "${CUSTOM_IMAGE.replace("triton-python", "triton-other")}:26.07-py3-0123456789ab". Run nvcr.io/nvidia/tritonserver at a pinned tag.`,
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
];
