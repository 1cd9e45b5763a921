/** A minimal valid dev stack file. */
export const DEV_STACK = `config:
  inferstack:kubeconfig:
    secure: v1:abc
  inferstack:environment:
    tier: dev
    aws:
      region: us-east-1
      accountId: "111122223333"
    cluster:
      mode: existing
    modelStore:
      bucket: models-dev
    nodePools:
      t4:
        instanceTypes: [g4dn.xlarge]
      cpu:
        instanceTypes: [m6i.xlarge]
  inferstack:grafanaAdminPassword:
    secure: v1:abc
`;

/** `stack` with `yaml` (lines indented for `inferstack:environment`'s keys) added at the end of the environment. */
export const withEnvironmentKeys = (stack: string, yaml: string): string => {
  const secret = "  inferstack:grafanaAdminPassword:\n";
  return stack.includes(secret) ? stack.replace(secret, `${yaml}${secret}`) : `${stack}${yaml}`;
};

/** The same environment at the prod tier. */
export const PROD_STACK = DEV_STACK.replace("tier: dev", "tier: prod");

/** A minimal valid Triton ONNX model deployed to dev and prod. */
export const ONNX_MODEL = `name: resnet50
runtime: triton
format: onnx
artifact:
  uri: vision/resnet50
  versions: [1, 2]
gpu:
  memoryGiB: 2
slo:
  latencyMs: 40
  errorRatio: 0.01
environments:
  dev:
    nodePool: t4
  prod:
    nodePool: t4
`;
