import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { computePlan, type ComputedPlan } from "../../../cli/plan/compute";
import { runUnderMocks, type MockRun, type RecordedResource } from "../../../cli/plan/engine";
import { main } from "../../../cli/main";
import { loadStack } from "../../../cli/stack";
import { readMonitoringSecrets } from "../../../components/observability/secrets";
import { ModelServingPlatform } from "../../../components/platform/platform";
import { renderDevicePluginValues } from "../../../components/compute/device-plugin-values";
import { estimateCost } from "../../../components/cost/estimate";
import { renderIrsaTrustPolicy, renderModelReaderPolicy, type PolicyDocument } from "../../../components/identity/scopes";
import { validatePolicyDocument } from "../../../components/identity/validate";
import { renderModelStoreLifecycle, renderModelStorePolicy } from "../../../components/modelstore/render";
import { renderLifecyclePolicy } from "../../../components/registry/render";
import { validateLifecyclePolicy } from "../../../components/registry/validate";
import { REPO, SHIPPED_STACKS, tempProject } from "../../helpers/input";

/** A variant of dev: an existing VPC, Bottlerocket GPU nodes, a custom image and registry scanning. */
const VARIANT_DEV = fs
  .readFileSync(path.join(REPO, "stacks/Pulumi.dev.yaml"), "utf8")
  .replace(
    "      publicAccessCidrs: [203.0.113.0/24]\n",
    "      publicAccessCidrs: [203.0.113.0/24]\n      network:\n        mode: existing\n        vpcId: vpc-0a1b2c3d4e5f60718\n        privateSubnetIds:\n          us-east-1a: subnet-0aaaaaaaaaaaaaaaa\n          us-east-1b: subnet-0bbbbbbbbbbbbbbbb\n    registry:\n      customImages:\n        triton-python: { runtime: triton }\n      scanType: BASIC\n",
  )
  .replace("        instanceTypes: [g4dn.xlarge]\n", "        instanceTypes: [g4dn.xlarge]\n        amiType: BOTTLEROCKET_x86_64_NVIDIA\n        zones: [us-east-1b]\n");

/** Extra CoreDNS add-on values, as the discovery area would pass them (its Corefile). */
const COREDNS_VALUES = { corefile: "consul:53 {\n    forward . 172.20.0.53\n}\n" };

const plans = new Map<string, ComputedPlan>();
let composed: MockRun;
beforeAll(async () => {
  for (const stack of SHIPPED_STACKS) plans.set(stack, await computePlan(REPO, stack));
  plans.set("variant", await computePlan(tempProject({ "stacks/Pulumi.dev.yaml": VARIANT_DEV }), "dev"));
  // A program composing the platform by hand, passing the CoreDNS add-on its extra configuration.
  const dev = loadStack(REPO, "dev");
  composed = await runUnderMocks({
    project: "inferstack",
    stack: "dev",
    config: dev.config,
    secretKeys: dev.secretKeys,
    region: "us-east-1",
    accountId: "111122223333",
    program: async () => {
      const monitoringSecrets = readMonitoringSecrets(dev.platform.monitoring!, (key) => pulumi.secret(`sample-${key}`));
      new ModelServingPlatform("inferstack", { platform: dev.platform, coreDnsConfigurationValues: pulumi.output(COREDNS_VALUES), monitoringSecrets });
      return {};
    },
  });
});

const all = (plan: string, type: string): RecordedResource[] => plans.get(plan)!.run.resources.filter((r) => r.type === type);
const one = (plan: string, type: string, name: string): RecordedResource => {
  const found = all(plan, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} ${name} in ${plan}: ${all(plan, type).map((r) => r.name).join(", ")}`);
  return found;
};
const json = (value: unknown): unknown => JSON.parse(String(value));
const outputs = (plan: string) => plans.get(plan)!.run.outputs as Record<string, Record<string, unknown>>;
const F = "inferstack-foundation";

describe("the prod foundation under the mock engine", () => {
  it("sits under the platform, each resource under its component, all on the platform's AWS provider", () => {
    const urns = plans.get("prod")!.run.resources.map((r) => r.urn);
    for (const fragment of [
      "inferstack:platform:ModelServingPlatform$inferstack:foundation:AwsFoundation::inferstack-foundation",
      "inferstack:foundation:AwsFoundation$inferstack:network:Network::inferstack-foundation-network",
      "inferstack:foundation:AwsFoundation$inferstack:compute:EksCluster::inferstack-foundation-eks",
      "inferstack:compute:EksCluster$aws:eks/cluster:Cluster::inferstack-foundation-eks-cluster",
      "inferstack:foundation:AwsFoundation$inferstack:compute:ManagedNodeGroup::inferstack-foundation-a10g-nodes",
      "inferstack:compute:ManagedNodeGroup$aws:eks/nodeGroup:NodeGroup::inferstack-foundation-a10g-nodes-node-group",
      "inferstack:compute:ManagedNodeGroup$aws:ec2/launchTemplate:LaunchTemplate::inferstack-foundation-system-nodes-launch-template",
      "inferstack:compute:EksAddons$aws:eks/addon:Addon::inferstack-foundation-networking-addons-vpc-cni",
      "inferstack:registry:ContainerRegistry$aws:ecr/repository:Repository::inferstack-foundation-registry-tritonserver",
      "inferstack:modelstore:ModelStore$aws:s3/bucket:Bucket::inferstack-foundation-model-store-bucket",
      "inferstack:identity:ModelStoreReaders$aws:iam/role:Role::inferstack-foundation-model-readers-triton-a10g",
      "inferstack:platform:ModelServingPlatform$inferstack:compute:NvidiaDevicePlugin::inferstack-nvidia-device-plugin",
    ]) {
      expect({ fragment, found: urns.some((u) => u.includes(fragment)) }).toEqual({ fragment, found: true });
    }
    const provider = all("prod", "pulumi:providers:aws")[0]!.urn;
    const awsResources = plans.get("prod")!.run.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
    expect(awsResources.filter((r) => r.provider !== provider).map((r) => r.name)).toEqual([]);
  });

  it("creates a private EKS cluster with encrypted secrets, all control-plane logs and access entries only", () => {
    const cluster = one("prod", "aws:eks/cluster:Cluster", `${F}-eks-cluster`);
    expect(cluster.inputs).toMatchObject({
      name: "inferstack-prod",
      version: "1.35",
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      bootstrapSelfManagedAddons: false,
      enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      encryptionConfig: { provider: { keyArn: expect.stringMatching(/^arn:aws:kms:us-east-1:777788889999:key\/[0-9a-f-]{36}$/) }, resources: ["secrets"] },
      upgradePolicy: { supportType: "STANDARD" },
    });
    const vpcConfig = cluster.inputs.vpcConfig as Record<string, unknown>;
    expect([vpcConfig.endpointPrivateAccess, vpcConfig.endpointPublicAccess, vpcConfig.publicAccessCidrs]).toEqual([true, false, undefined]);
    expect(vpcConfig.subnetIds).toEqual([expect.stringMatching(/^subnet-[0-9a-f]{17}$/), expect.stringMatching(/^subnet-/), expect.stringMatching(/^subnet-/)]);
    const privateSubnets = all("prod", "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-private-"));
    expect(cluster.dependsOn.filter((d) => d.includes("aws:ec2/subnet:Subnet"))).toEqual(privateSubnets.map((s) => s.urn));
    const logGroup = one("prod", "aws:cloudwatch/logGroup:LogGroup", `${F}-eks-control-plane-logs`);
    expect(logGroup.inputs).toMatchObject({ name: "/aws/eks/inferstack-prod/cluster", retentionInDays: 365, kmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:777788889999:key\//) });
    expect(logGroup.inputs.kmsKeyId).not.toBe((cluster.inputs.encryptionConfig as { provider: { keyArn: string } }).provider.keyArn);
    expect(cluster.dependsOn).toContain(logGroup.urn);
  });

  it("rotates every customer-managed key yearly and keeps deletions cancellable for 30 days", () => {
    const keys = Object.fromEntries(
      all("prod", "aws:kms/key:Key").map((k) => [k.name, [k.inputs.enableKeyRotation, k.inputs.rotationPeriodInDays, k.inputs.deletionWindowInDays, k.inputs.bypassPolicyLockoutSafetyCheck]]),
    );
    expect(keys).toEqual({
      [`${F}-logs-key`]: [true, 365, 30, false],
      [`${F}-eks-secrets-key`]: [true, 365, 30, false],
      [`${F}-registry-key`]: [true, 365, 30, false],
      [`${F}-model-store-key`]: [true, 365, 30, false],
    });
  });

  it("runs a tainted, labelled GPU node group and a three-node system group in the private subnets", () => {
    const lt = one("prod", "aws:ec2/launchTemplate:LaunchTemplate", `${F}-a10g-nodes-launch-template`);
    const gpu = one("prod", "aws:eks/nodeGroup:NodeGroup", `${F}-a10g-nodes-node-group`);
    expect(gpu.inputs).toMatchObject({
      clusterName: "inferstack-prod",
      nodeGroupNamePrefix: "a10g-",
      amiType: "AL2023_x86_64_NVIDIA",
      capacityType: "ON_DEMAND",
      instanceTypes: ["g5.2xlarge"],
      labels: { "inferstack.io/node-pool": "a10g" },
      taints: [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }],
      scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 12 },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: expect.stringMatching(/^lt-/), version: "1" },
    });
    expect((gpu.inputs.launchTemplate as { id: string }).id).toMatch(/^lt-[0-9a-f]{17}$/);
    expect(lt.urn).toContain("ManagedNodeGroup$aws:ec2/launchTemplate");
    const privateSubnets = all("prod", "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-private-"));
    expect(privateSubnets.map((s) => s.inputs.mapPublicIpOnLaunch)).toEqual([false, false, false]);
    expect(gpu.dependsOn.filter((d) => d.includes("aws:ec2/subnet:Subnet")).sort()).toEqual(privateSubnets.map((s) => s.urn).sort());
    const system = one("prod", "aws:eks/nodeGroup:NodeGroup", `${F}-system-nodes-node-group`);
    expect(system.inputs).toMatchObject({
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      instanceTypes: ["m6i.2xlarge"],
      labels: { "inferstack.io/node-pool": "system" },
      taints: [],
      scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 6 },
    });
  });

  it("gives every node IMDSv2 with one hop and encrypted volumes, without public addresses or a custom AMI", () => {
    for (const [name, size] of [
      ["a10g", 200],
      ["system", 50],
    ] as const) {
      const lt = one("prod", "aws:ec2/launchTemplate:LaunchTemplate", `${F}-${name}-nodes-launch-template`);
      expect(lt.inputs).toMatchObject({
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: size, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
        monitoring: { enabled: true },
      });
      expect([lt.inputs.networkInterfaces, lt.inputs.imageId, lt.inputs.userData]).toEqual([undefined, undefined, undefined]);
    }
  });

  it("installs the networking add-ons before the nodes and CoreDNS and the EBS CSI driver after the system nodes", () => {
    const addon = (name: string) => one("prod", "aws:eks/addon:Addon", name);
    const vpcCni = addon(`${F}-networking-addons-vpc-cni`);
    expect(json(vpcCni.inputs.configurationValues)).toEqual({ enableNetworkPolicy: "true" });
    // CoreDNS carries the Corefile that forwards `consul` to Consul DNS (asserted in the discovery tests).
    expect(Object.keys(json(addon(`${F}-addons-coredns`).inputs.configurationValues) as object)).toEqual(["corefile"]);
    const systemGroup = one("prod", "aws:eks/nodeGroup:NodeGroup", `${F}-system-nodes-node-group`);
    expect(addon(`${F}-addons-coredns`).dependsOn).toContain(systemGroup.urn);
    expect(addon(`${F}-addons-aws-ebs-csi-driver`).dependsOn).toContain(systemGroup.urn);
    expect(systemGroup.dependsOn).toEqual(expect.arrayContaining([vpcCni.urn, addon(`${F}-networking-addons-kube-proxy`).urn]));
    const cniRole = one("prod", "aws:iam/role:Role", `${F}-networking-addons-vpc-cni-role`);
    expect(vpcCni.inputs.serviceAccountRoleArn).toMatch(/^arn:aws:iam::777788889999:role\/inferstack-prod-vpc-cni-\d{26}$/);
    const issuer = String(one("prod", "aws:iam/openIdConnectProvider:OpenIdConnectProvider", `${F}-eks-oidc-provider`).inputs.url);
    expect(json(cniRole.inputs.assumeRolePolicy)).toEqual(
      renderIrsaTrustPolicy("system:serviceaccount:kube-system:aws-node", `arn:aws:iam::777788889999:oidc-provider/${issuer.slice("https://".length)}`, issuer),
    );
  });

  it("grants cluster admin through access entries to the deploying role and the listed admins", () => {
    const associations = all("prod", "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").map((a) => a.inputs);
    expect(associations).toEqual([
      { clusterName: "inferstack-prod", principalArn: "arn:aws:iam::777788889999:role/platform-admin", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } },
      { clusterName: "inferstack-prod", principalArn: "arn:aws:iam::777788889999:role/inferstack-deployer", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } },
    ]);
    expect(all("prod", "aws:eks/accessEntry:AccessEntry").map((e) => [e.inputs.type, e.inputs.kubernetesGroups])).toEqual([
      ["STANDARD", undefined],
      ["STANDARD", undefined],
    ]);
  });

  it("builds a three-zone VPC with a NAT gateway per zone, flow logs, a closed default security group and an S3 endpoint", () => {
    expect(all("prod", "aws:ec2/subnet:Subnet").map((s) => [s.name.slice(`${F}-network-`.length), s.inputs.cidrBlock, s.inputs.mapPublicIpOnLaunch])).toEqual([
      ["private-us-east-1a", "10.0.0.0/18", false],
      ["private-us-east-1b", "10.0.64.0/18", false],
      ["private-us-east-1c", "10.0.128.0/18", false],
      ["public-us-east-1a", "10.0.192.0/20", false],
      ["public-us-east-1b", "10.0.208.0/20", false],
      ["public-us-east-1c", "10.0.224.0/20", false],
    ]);
    const nats = all("prod", "aws:ec2/natGateway:NatGateway");
    expect(nats.map((n) => n.name)).toEqual([`${F}-network-nat-us-east-1a`, `${F}-network-nat-us-east-1b`, `${F}-network-nat-us-east-1c`]);
    const egress = all("prod", "aws:ec2/route:Route").filter((r) => r.name.endsWith("-egress-route"));
    expect(egress.map((r) => r.dependsOn.find((d) => d.includes("natGateway"))!.split("::").pop())).toEqual(nats.map((n) => n.name));
    const defaultGroup = one("prod", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", `${F}-network-default-security-group`);
    expect([defaultGroup.inputs.ingress, defaultGroup.inputs.egress]).toEqual([undefined, undefined]);
    expect(one("prod", "aws:ec2/flowLog:FlowLog", `${F}-network-flow-log`).inputs).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: "arn:aws:logs:us-east-1:777788889999:log-group:/inferstack/inferstack-prod/vpc-flow-logs",
    });
    expect(one("prod", "aws:ec2/vpcEndpoint:VpcEndpoint", `${F}-network-s3-endpoint`).inputs).toMatchObject({ serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" });
  });

  it("hardens the model store and its access log bucket alike", () => {
    const buckets = all("prod", "aws:s3/bucket:Bucket").map((b) => b.inputs.bucket);
    expect(buckets).toEqual(["inferstack-models-777788889999-prod", "inferstack-models-777788889999-prod-logs"]);
    const keyArn = (one("prod", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `${F}-model-store-bucket-encryption`).inputs.rules as { applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }[])[0]!
      .applyServerSideEncryptionByDefault.kmsMasterKeyId;
    for (const [prefix, bucket] of [
      ["bucket", buckets[0]],
      ["log-bucket", buckets[1]],
    ] as const) {
      const of = (type: string, role: string) => one("prod", type, `${F}-model-store-${prefix}-${role}`).inputs;
      expect(of("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "public-access-block")).toEqual({ bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      expect(of("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "ownership")).toEqual({ bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
      expect(of("aws:s3/bucketVersioning:BucketVersioning", "versioning")).toEqual({ bucket, versioningConfiguration: { status: "Enabled" } });
      expect(of("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "encryption")).toEqual({
        bucket,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }],
      });
    }
    const store = plans.get("prod")!.platform.foundation!.modelStore;
    expect(json(one("prod", "aws:s3/bucketPolicy:BucketPolicy", `${F}-model-store-bucket-policy`).inputs.policy)).toEqual(renderModelStorePolicy(store.bucket));
    expect(one("prod", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${F}-model-store-bucket-lifecycle`).inputs.rules).toEqual(renderModelStoreLifecycle(store));
    expect(one("prod", "aws:s3/bucketLogging:BucketLogging", `${F}-model-store-access-logging`).inputs).toEqual({ bucket: buckets[0], targetBucket: buckets[1], targetPrefix: "access-logs/" });
  });

  it("gives each server pool a role only its ServiceAccount can assume, reading only its models", () => {
    const { foundation } = plans.get("prod")!.platform;
    const issuer = String(one("prod", "aws:iam/openIdConnectProvider:OpenIdConnectProvider", `${F}-eks-oidc-provider`).inputs.url);
    const provider = `arn:aws:iam::777788889999:oidc-provider/${issuer.slice("https://".length)}`;
    // The bucket's encryption names the model store key; readers may decrypt with that key only.
    const encryption = one("prod", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `${F}-model-store-bucket-encryption`);
    const keyArn = (encryption.inputs.rules as { applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }[])[0]!.applyServerSideEncryptionByDefault.kmsMasterKeyId;
    for (const identity of foundation!.identities) {
      const role = one("prod", "aws:iam/role:Role", `${F}-model-readers-${identity.serverPool}`);
      expect(json(role.inputs.assumeRolePolicy)).toEqual(renderIrsaTrustPolicy(`system:serviceaccount:inferstack:${identity.serverPool}-server`, provider, issuer));
      const policy = one("prod", "aws:iam/rolePolicy:RolePolicy", `${F}-model-readers-${identity.serverPool}-read`);
      expect(json(policy.inputs.policy)).toEqual(renderModelReaderPolicy(identity, { bucket: "inferstack-models-777788889999-prod", keyArn, region: "us-east-1" }));
    }
    expect((json(one("prod", "aws:iam/rolePolicy:RolePolicy", `${F}-model-readers-triton-a10g-read`).inputs.policy) as PolicyDocument).Statement[0]).toEqual({
      Sid: "ReadModelsInferstackModels777788889999Prod",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: ["arn:aws:s3:::inferstack-models-777788889999-prod/nlp/bert-encoder/*", "arn:aws:s3:::inferstack-models-777788889999-prod/vision/resnet50/*"],
    });
    const roleArns = outputs("prod").foundation!.modelStoreRoleArns as Record<string, string>;
    expect(Object.keys(roleArns)).toEqual(["ctr-ranker", "triton-a10g"]);
    expect(roleArns["triton-a10g"]).toMatch(/^arn:aws:iam::777788889999:role\/inferstack-prod-triton-a10g-\d{26}$/);
  });

  it("creates immutable, scanned, KMS-encrypted repositories whose lifecycle keeps the tags the pools run", () => {
    const { registry } = plans.get("prod")!.platform.foundation!;
    const registryKey = all("prod", "aws:ecr/repository:Repository")[0]!.inputs.encryptionConfigurations as { kmsKey: string }[];
    for (const repo of registry.repositories) {
      const short = repo.name.slice("inferstack/prod/".length);
      expect(one("prod", "aws:ecr/repository:Repository", `${F}-registry-${short}`).inputs).toMatchObject({
        name: repo.name,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: registryKey[0]!.kmsKey }],
      });
      expect(json(one("prod", "aws:ecr/lifecyclePolicy:LifecyclePolicy", `${F}-registry-${short}-lifecycle`).inputs.policy)).toEqual(renderLifecyclePolicy(repo, registry));
    }
    expect(registry.repositories.map((r) => [r.name, r.keepTags])).toEqual([
      // The AWS CLI image that syncs TF Serving's models into its pods, mirrored like the runtimes.
      ["inferstack/prod/aws-cli", ["2.34.24"]],
      ["inferstack/prod/tensorflow-serving", ["2.20.0-gpu"]],
      // The custom image's content tag, which this stack pushes.
      ["inferstack/prod/triton-python", [registry.customImages[0]!.tag]],
      ["inferstack/prod/tritonserver", ["26.07-py3"]],
    ]);
    expect(all("prod", "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration")).toEqual([]);
    expect(plans.get("prod")!.platform.serverPools.map((p) => [p.name, p.image])).toEqual([
      ["ctr-ranker", "777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tensorflow-serving:2.20.0-gpu"],
      ["triton-a10g", "777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tritonserver:26.07-py3"],
    ]);
  });

  it("installs the pinned NVIDIA device plugin chart on the AL2023 GPU pool through the cluster's provider", () => {
    const release = one("prod", "kubernetes:helm.sh/v3:Release", "inferstack-nvidia-device-plugin-release");
    expect(release.inputs).toMatchObject({
      name: "nvidia-device-plugin",
      chart: "nvidia-device-plugin",
      version: "0.20.0",
      repositoryOpts: { repo: "https://nvidia.github.io/k8s-device-plugin" },
      namespace: "kube-system",
      values: renderDevicePluginValues(["a10g"]),
    });
    const kubernetes = all("prod", "pulumi:providers:kubernetes")[0]!;
    expect(release.provider).toBe(kubernetes.urn);
    expect(kubernetes.inputs.kubeconfig).toBe("[secret]");
    expect(kubernetes.dependsOn).toEqual(expect.arrayContaining(all("prod", "aws:eks/nodeGroup:NodeGroup").map((g) => g.urn)));
  });

  it("summarizes the foundation and its cost in summary.md", () => {
    const summary = plans.get("prod")!.artifacts.files.get("summary.md")!;
    expect(summary).toContain(
      "| `a10g` | AL2023_x86_64_NVIDIA | ON_DEMAND | g5.2xlarge | 3/3/12 | us-east-1a, us-east-1b, us-east-1c | 200 | nvidia.com/gpu=true:NoSchedule | Helm chart |",
    );
    expect(summary).toContain("| a10g | g5.2xlarge | ON_DEMAND | 3 – 12 | 1.212 | 2,654.28 | 10,617.12 |");
    expect(summary).toContain("| **Total** |  |  |  |  | **3,677.74** | **12,481.54** |");
  });

  it("exports the foundation and the cost estimate", () => {
    expect(outputs("prod").foundation).toMatchObject({
      clusterName: "inferstack-prod",
      kubeconfig: "[secret]",
      registryUrl: "777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod",
      modelStoreBucket: "inferstack-models-777788889999-prod",
      mirrorCommands: [
        "crane copy amazon/aws-cli:2.34.24 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/aws-cli:2.34.24",
        "crane copy tensorflow/serving:2.20.0-gpu 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tensorflow-serving:2.20.0-gpu",
        "crane copy nvcr.io/nvidia/tritonserver:26.07-py3 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tritonserver:26.07-py3",
      ],
    });
    expect(outputs("prod").cost).toEqual(JSON.parse(JSON.stringify(estimateCost(plans.get("prod")!.platform))));
  });
});

describe("dev versus prod", () => {
  const facts = (plan: string) => {
    const cluster = one(plan, "aws:eks/cluster:Cluster", `${F}-eks-cluster`).inputs as { vpcConfig: Record<string, unknown>; enabledClusterLogTypes: string[] };
    const gpuPool = plan === "dev" ? "t4" : "a10g";
    return {
      publicEndpoint: cluster.vpcConfig.endpointPublicAccess,
      publicAccessCidrs: cluster.vpcConfig.publicAccessCidrs,
      logTypes: cluster.enabledClusterLogTypes.length,
      logRetention: one(plan, "aws:cloudwatch/logGroup:LogGroup", `${F}-eks-control-plane-logs`).inputs.retentionInDays,
      natGateways: all(plan, "aws:ec2/natGateway:NatGateway").length,
      flowLogs: all(plan, "aws:ec2/flowLog:FlowLog").length,
      buckets: all(plan, "aws:s3/bucket:Bucket").length,
      keyDeletionDays: [...new Set(all(plan, "aws:kms/key:Key").map((k) => k.inputs.deletionWindowInDays))],
      gpuCapacity: one(plan, "aws:eks/nodeGroup:NodeGroup", `${F}-${gpuPool}-nodes-node-group`).inputs.capacityType,
      detailedMonitoring: (one(plan, "aws:ec2/launchTemplate:LaunchTemplate", `${F}-${gpuPool}-nodes-launch-template`).inputs.monitoring as { enabled: boolean }).enabled,
      systemNodes: (one(plan, "aws:eks/nodeGroup:NodeGroup", `${F}-system-nodes-node-group`).inputs.scalingConfig as { minSize: number }).minSize,
    };
  };

  it("dev is public behind its CIDRs, lightly logged, on spot, with one NAT gateway; prod is none of these", () => {
    expect(facts("dev")).toEqual({
      publicEndpoint: true,
      publicAccessCidrs: ["203.0.113.0/24"],
      logTypes: 3,
      logRetention: 30,
      natGateways: 1,
      flowLogs: 0,
      buckets: 1,
      keyDeletionDays: [7],
      gpuCapacity: "SPOT",
      detailedMonitoring: false,
      systemNodes: 2,
    });
    expect(facts("prod")).toEqual({
      publicEndpoint: false,
      publicAccessCidrs: undefined,
      logTypes: 5,
      logRetention: 365,
      natGateways: 3,
      flowLogs: 1,
      buckets: 2,
      keyDeletionDays: [30],
      gpuCapacity: "ON_DEMAND",
      detailedMonitoring: true,
      systemNodes: 3,
    });
  });
});

describe("bring your own cluster (staging)", () => {
  it("creates no AWS foundation, no device plugin and exports none", () => {
    const resources = plans.get("staging")!.run.resources;
    // The only AWS objects are the Triton configs serving writes next to the artifacts in the existing bucket.
    expect(resources.filter((r) => r.type.startsWith("aws:") || r.type.startsWith("inferstack:foundation") || r.type.startsWith("inferstack:compute")).map((r) => [r.type, r.inputs.bucket])).toEqual([
      ["aws:s3/bucketObjectv2:BucketObjectv2", "inferstack-models-444455556666-staging"],
      ["aws:s3/bucketObjectv2:BucketObjectv2", "inferstack-models-444455556666-staging"],
    ]);
    expect(outputs("staging").foundation).toBeUndefined();
    expect(plans.get("staging")!.artifacts.files.get("summary.md")).toContain(
      "## AWS foundation\n\nBring your own cluster (`cluster.mode: existing`): inferstack creates no AWS foundation here.",
    );
  });

  it("pulls the upstream images, having no registry mirror", () => {
    expect([...new Set(plans.get("staging")!.platform.serverPools.map((p) => p.image))].sort()).toEqual(["nvcr.io/nvidia/tritonserver:26.07-py3", "tensorflow/serving:2.20.0-gpu"]);
  });
});

describe("a created cluster in an existing VPC with Bottlerocket GPU nodes", () => {
  it("creates no network and places the cluster and each pool in the given private subnets", () => {
    expect(all("variant", "aws:ec2/vpc:Vpc")).toEqual([]);
    expect(plans.get("variant")!.run.resources.filter((r) => r.type === "inferstack:network:Network")).toEqual([]);
    expect((one("variant", "aws:eks/cluster:Cluster", `${F}-eks-cluster`).inputs.vpcConfig as { subnetIds: string[] }).subnetIds).toEqual([
      "subnet-0aaaaaaaaaaaaaaaa",
      "subnet-0bbbbbbbbbbbbbbbb",
    ]);
    expect(one("variant", "aws:eks/nodeGroup:NodeGroup", `${F}-t4-nodes-node-group`).inputs.subnetIds).toEqual(["subnet-0bbbbbbbbbbbbbbbb"]);
  });

  it("gives Bottlerocket nodes two encrypted volumes and no Helm device plugin", () => {
    expect(one("variant", "aws:eks/nodeGroup:NodeGroup", `${F}-t4-nodes-node-group`).inputs.amiType).toBe("BOTTLEROCKET_x86_64_NVIDIA");
    expect(one("variant", "aws:ec2/launchTemplate:LaunchTemplate", `${F}-t4-nodes-launch-template`).inputs.blockDeviceMappings).toEqual([
      { deviceName: "/dev/xvda", ebs: { volumeSize: 4, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
      { deviceName: "/dev/xvdb", ebs: { volumeSize: 200, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
    ]);
    expect(all("variant", "kubernetes:helm.sh/v3:Release").filter((r) => r.name.includes("device-plugin"))).toEqual([]);
  });

  it("scans the environment's repositories at registry level and keeps the custom image's pushed tag", () => {
    expect(one("variant", "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", `${F}-registry-scanning`).inputs).toEqual({
      scanType: "BASIC",
      rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "inferstack/dev/*", filterType: "WILDCARD" }] }],
    });
    const custom = json(one("variant", "aws:ecr/lifecyclePolicy:LifecyclePolicy", `${F}-registry-triton-python-lifecycle`).inputs.policy) as { rules: { selection: { tagStatus: string } }[] };
    expect(custom.rules.map((r) => r.selection.tagStatus)).toEqual(["tagged", "untagged", "tagged"]);
  });
});

describe("the CoreDNS add-on of a created cluster", () => {
  it("takes extra configurationValues, such as the discovery area's Corefile", () => {
    const coredns = composed.resources.find((r) => r.type === "aws:eks/addon:Addon" && r.name === `${F}-addons-coredns`)!;
    expect(json(coredns.inputs.configurationValues)).toEqual(COREDNS_VALUES);
    const vpcCni = composed.resources.find((r) => r.type === "aws:eks/addon:Addon" && r.name === `${F}-networking-addons-vpc-cni`)!;
    expect(json(vpcCni.inputs.configurationValues)).toEqual({ enableNetworkPolicy: "true" });
  });
});

describe.each(["dev", "prod", "variant"])("documents planned for %s", (plan) => {
  it("are accepted by IAM's grammar and quotas and by ECR's lifecycle rules", () => {
    const counted = ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:s3/bucketPolicy:BucketPolicy", "aws:kms/key:Key", "aws:ecr/lifecyclePolicy:LifecyclePolicy"];
    expect(counted.map((type) => all(plan, type).length).every((n) => n > 0)).toBe(true);
    const errors: string[] = [];
    const check = (name: string, document: unknown, kind: "identity" | "trust" | "resource") =>
      validatePolicyDocument(json(document) as PolicyDocument, kind).forEach((e) => errors.push(`${name}: ${e}`));
    for (const r of all(plan, "aws:iam/role:Role")) check(r.name, r.inputs.assumeRolePolicy, "trust");
    for (const r of all(plan, "aws:iam/rolePolicy:RolePolicy")) check(r.name, r.inputs.policy, "identity");
    for (const r of [...all(plan, "aws:s3/bucketPolicy:BucketPolicy"), ...all(plan, "aws:kms/key:Key")]) check(r.name, r.inputs.policy, "resource");
    for (const r of all(plan, "aws:ecr/lifecyclePolicy:LifecyclePolicy")) {
      validateLifecyclePolicy(json(r.inputs.policy) as Parameters<typeof validateLifecyclePolicy>[0]).forEach((e) => errors.push(`${r.name}: ${e}`));
    }
    expect(errors).toEqual([]);
  });
});

describe("inferstack plan with a bad foundation setting", () => {
  it("exits 2 naming the path and writes nothing", async () => {
    const prod = fs.readFileSync(path.join(REPO, "stacks/Pulumi.prod.yaml"), "utf8").replace("      mode: create\n", "      mode: create\n      endpointAccess: public\n      publicAccessCidrs: [0.0.0.0/0]\n");
    const root = tempProject({ "stacks/Pulumi.prod.yaml": prod });
    const err: string[] = [];
    expect(await main(["plan", "prod"], { out: () => undefined, err: (line) => err.push(line) }, root)).toBe(2);
    expect(err).toEqual([
      "inferstack plan prod",
      'stacks/Pulumi.prod.yaml:20: inferstack:environment.cluster.endpointAccess: prod keeps the Kubernetes API private; got "public". Remove endpointAccess (private is the default) and reach the API from inside the VPC (VPN, SSM or a CI runner there).',
      'stacks/Pulumi.prod.yaml:21: inferstack:environment.cluster.publicAccessCidrs[0]: opens the Kubernetes API to the whole internet; got "0.0.0.0/0". List only the networks that need the API.',
      "2 problems found; nothing was written.",
    ]);
    expect(fs.existsSync(path.join(root, "out"))).toBe(false);
  });
});
