/**
 * Every component type token, in one place. A token is part of every deployed URN: never change one
 * without adding an alias (`aliases: [{ type: "<old token>" }]`) to the component.
 */
export const TOKENS = Object.freeze({
  platform: "inferstack:platform:ModelServingPlatform",
  foundation: "inferstack:foundation:AwsFoundation",
  network: "inferstack:network:Network",
  eksCluster: "inferstack:compute:EksCluster",
  eksAddons: "inferstack:compute:EksAddons",
  nodeGroup: "inferstack:compute:ManagedNodeGroup",
  devicePlugin: "inferstack:compute:NvidiaDevicePlugin",
  registry: "inferstack:registry:ContainerRegistry",
  customImage: "inferstack:registry:CustomImage",
  modelStore: "inferstack:modelstore:ModelStore",
  modelStoreReaders: "inferstack:identity:ModelStoreReaders",
  inferencePool: "inferstack:serving:InferencePool",
  consul: "inferstack:discovery:Consul",
  observability: "inferstack:observability:Observability",
  logging: "inferstack:logging:LoggingStack",
} as const);
