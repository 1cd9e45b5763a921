// A Pulumi program that runs one Triton server pool without inferstack's stacks or catalog: the model
// and environment are stated in code, resolved with the same defaults and checks as the catalog, and
// composed into an InferencePool on a cluster of your own.
//
//   pulumi config set --secret kubeconfig < kubeconfig.yaml
//   pulumi config set modelStoreRoleArn arn:aws:iam::111122223333:role/resnet50-model-store   # optional (IRSA)
//   pulumi up
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { renderNamespace } from "../../components/kubernetes/namespace";
import { renderServingPriorityClass } from "../../components/serving/kubernetes/objects";
import { InferencePool } from "../../components/serving/pool";
import { resolveServing } from "../../components/serving/standalone";

const config = new pulumi.Config();

const platform = resolveServing({
  stack: "demo",
  environment: {
    tier: "dev",
    aws: { region: "us-east-1", accountId: "111122223333" },
    cluster: { mode: "existing" },
    modelStore: { bucket: "demo-models-111122223333" },
    namespace: "models",
    nodePools: { t4: { instanceTypes: ["g4dn.xlarge"] } },
    // This program runs one pool and nothing else: no monitoring stack, so no Grafana secret to ask for.
    observability: { enabled: false },
  },
  models: [
    {
      name: "resnet50",
      runtime: "triton",
      format: "onnx",
      artifact: { uri: "vision/resnet50", versions: [1, 2] },
      maxBatchSize: 16,
      dynamicBatching: { preferredBatchSizes: [8, 16], maxQueueDelayMicroseconds: 500 },
      versionPolicy: { latest: 1 },
      gpu: { memoryGiB: 2 },
      slo: { latencyMs: 40, errorRatio: 0.01 },
      environments: { demo: { nodePool: "t4" } },
    },
  ],
});

const awsProvider = new aws.Provider("demo-aws", { region: "us-east-1", allowedAccountIds: ["111122223333"] });
const kubernetesProvider = new k8s.Provider("demo-kubernetes", { kubeconfig: config.requireSecret("kubeconfig"), namespace: "models" });

// The pool's pods run in the environment's namespace at the serving PriorityClass: create both.
const namespace = new k8s.core.v1.Namespace("demo-namespace", renderNamespace(platform.environment), { provider: kubernetesProvider });
const priorityClass = new k8s.scheduling.v1.PriorityClass("demo-serving-priority", renderServingPriorityClass(platform.environment), {
  provider: kubernetesProvider,
});

const pool = new InferencePool(
  "demo-resnet50",
  {
    environment: platform.environment,
    pool: platform.serverPools[0]!,
    models: platform.models,
    roleArn: config.get("modelStoreRoleArn"),
  },
  { providers: [awsProvider, kubernetesProvider], dependsOn: [namespace, priorityClass] },
);

export const deployment = pool.deploymentName;
export const services = pool.serviceNames;
