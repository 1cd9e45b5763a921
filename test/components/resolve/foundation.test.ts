import { loadPlatform } from "../../../components/resolve";
import { inputFrom, problemsOf } from "../../helpers/input";
import { CREATE_DEV_STACK, CREATE_PROD_STACK } from "../../helpers/foundation-samples";
import { DEV_STACK, ONNX_MODEL, withEnvironmentKeys } from "../../helpers/samples";

const MODEL_FILE = "catalog/resnet50.yaml";
/** The content tag of the repository's images/triton-python (derived from its files: test/components/resolve/custom-images.test.ts). */
const TAG = expect.stringMatching(/^26\.07-py3-[0-9a-f]{12}$/);
const resolve = (stack: string, stackYaml: string, catalog: Record<string, string> = { [MODEL_FILE]: ONNX_MODEL }) => loadPlatform(inputFrom(stack, stackYaml, catalog));
const problems = (stack: string, stackYaml: string, model: string = ONNX_MODEL) => problemsOf(() => resolve(stack, stackYaml, { [MODEL_FILE]: model }));
/** Inserts `lines` (already indented for the cluster block) after `mode: create`. */
const withCluster = (stackYaml: string, lines: string) => stackYaml.replace("      mode: create\n", `      mode: create\n${lines}`);

const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
const systemGroup = {
  pool: "system",
  system: true,
  gpu: false,
  amiType: "AL2023_x86_64_STANDARD",
  capacityType: "ON_DEMAND",
  zones: ZONES,
  labels: { "inferstack.io/node-pool": "system" },
  taints: [],
  blockDevices: [{ deviceName: "/dev/xvda", volumeSizeGiB: 50 }],
  devicePlugin: "none",
};

describe("foundation defaults", () => {
  it("makes dev cheap and reachable: one NAT gateway, no flow logs, public endpoint behind its CIDRs, spot pools", () => {
    const platform = resolve("dev", CREATE_DEV_STACK);
    expect(platform.environment.cluster).toEqual({ mode: "create", name: "inferstack-dev" });
    expect(platform.environment.modelStore).toEqual({ bucket: "inferstack-models-111122223333-dev" });
    expect(platform.foundation).toEqual({
      tags: { "inferstack.io/environment": "dev", "inferstack.io/managed-by": "pulumi" },
      kmsDeletionWindowDays: 7,
      network: {
        mode: "create",
        cidr: "10.0.0.0/16",
        zones: [
          { name: "us-east-1a", privateCidr: "10.0.0.0/18", publicCidr: "10.0.192.0/20" },
          { name: "us-east-1b", privateCidr: "10.0.64.0/18", publicCidr: "10.0.208.0/20" },
          { name: "us-east-1c", privateCidr: "10.0.128.0/18", publicCidr: "10.0.224.0/20" },
        ],
        natGateways: "single",
        flowLogs: { enabled: false, retentionDays: 30 },
      },
      cluster: {
        name: "inferstack-dev",
        kubernetesVersion: "1.35",
        endpoint: { privateAccess: true, publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
        logging: { types: ["api", "audit", "authenticator"], retentionDays: 30 },
        admins: [],
        deployerAdmin: true,
        serviceCidr: "10.100.0.0/16",
      },
      nodeGroups: [
        { ...systemGroup, instanceTypes: ["m6i.xlarge"], minNodes: 2, desiredNodes: 2, maxNodes: 3, detailedMonitoring: false },
        {
          pool: "cpu",
          system: false,
          gpu: false,
          instanceTypes: ["m6i.xlarge"],
          amiType: "AL2023_x86_64_STANDARD",
          capacityType: "SPOT",
          minNodes: 1,
          desiredNodes: 1,
          maxNodes: 2,
          zones: ZONES,
          labels: { "inferstack.io/node-pool": "cpu" },
          taints: [],
          blockDevices: [{ deviceName: "/dev/xvda", volumeSizeGiB: 50 }],
          detailedMonitoring: false,
          devicePlugin: "none",
        },
        {
          pool: "t4",
          system: false,
          gpu: true,
          instanceTypes: ["g4dn.xlarge"],
          amiType: "AL2023_x86_64_NVIDIA",
          capacityType: "SPOT",
          minNodes: 1,
          desiredNodes: 1,
          maxNodes: 2,
          zones: ZONES,
          labels: { "inferstack.io/node-pool": "t4" },
          taints: [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }],
          blockDevices: [{ deviceName: "/dev/xvda", volumeSizeGiB: 200 }],
          detailedMonitoring: false,
          devicePlugin: "helm",
        },
      ],
      registry: {
        host: "111122223333.dkr.ecr.us-east-1.amazonaws.com",
        prefix: "inferstack/dev",
        repositories: [{ name: "inferstack/dev/tritonserver", mirrorOf: "nvcr.io/nvidia/tritonserver", keepTags: ["26.07-py3"] }],
        keepTaggedImages: 30,
        untaggedImageDays: 14,
        customImages: [],
      },
      modelStore: { bucket: "inferstack-models-111122223333-dev", noncurrentVersionDays: 30, abortIncompleteUploadDays: 7, accessLogDays: 365 },
      identities: [
        {
          serverPool: "resnet50",
          namespace: "inferstack",
          serviceAccount: "resnet50-server",
          subject: "system:serviceaccount:inferstack:resnet50-server",
          reads: [{ bucket: "inferstack-models-111122223333-dev", prefixes: ["vision/resnet50"] }],
        },
      ],
    });
  });

  it("makes prod private, fully logged and highly available", () => {
    const stack = CREATE_PROD_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        minNodes: 2").replace("[m6i.xlarge]", "[m6i.xlarge]\n        minNodes: 2");
    const { foundation } = resolve("prod", stack);
    expect(foundation!.kmsDeletionWindowDays).toBe(30);
    expect(foundation!.network).toMatchObject({ natGateways: "per-zone", flowLogs: { enabled: true, retentionDays: 365 } });
    expect(foundation!.cluster).toMatchObject({
      endpoint: { privateAccess: true, publicAccess: false, publicAccessCidrs: [] },
      logging: { types: ["api", "audit", "authenticator", "controllerManager", "scheduler"], retentionDays: 365 },
    });
    expect(foundation!.nodeGroups.map((g) => [g.pool, g.instanceTypes, g.capacityType, g.minNodes, g.maxNodes, g.detailedMonitoring])).toEqual([
      ["system", ["m6i.2xlarge"], "ON_DEMAND", 3, 6, true],
      ["cpu", ["m6i.xlarge"], "ON_DEMAND", 2, 6, true],
      ["t4", ["g4dn.xlarge"], "ON_DEMAND", 2, 6, true],
    ]);
    expect(foundation!.modelStore).toEqual({
      bucket: "inferstack-models-111122223333-prod",
      logBucket: "inferstack-models-111122223333-prod-logs",
      noncurrentVersionDays: 90,
      abortIncompleteUploadDays: 7,
      accessLogDays: 365,
    });
  });

  it("gives Bottlerocket pools an OS and a data volume and leaves the device plugin to the AMI", () => {
    const stack = CREATE_DEV_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        amiType: BOTTLEROCKET_x86_64_NVIDIA\n        diskSizeGiB: 300");
    const t4 = resolve("dev", stack).foundation!.nodeGroups.find((g) => g.pool === "t4")!;
    expect([t4.amiType, t4.blockDevices, t4.devicePlugin]).toEqual([
      "BOTTLEROCKET_x86_64_NVIDIA",
      [
        { deviceName: "/dev/xvda", volumeSizeGiB: 4 },
        { deviceName: "/dev/xvdb", volumeSizeGiB: 300 },
      ],
      "ami",
    ]);
  });

  it("places the cluster in an existing VPC's private subnets and a pool in the zones it names", () => {
    const stack = withCluster(
      CREATE_DEV_STACK,
      "      network:\n        mode: existing\n        vpcId: vpc-0a1b2c3d4e5f60718\n        privateSubnetIds:\n          us-east-1b: subnet-0bbbbbbbbbbbbbbbb\n          us-east-1a: subnet-0aaaaaaaaaaaaaaaa\n",
    ).replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        zones: [us-east-1b]");
    const { foundation } = resolve("dev", stack);
    expect(foundation!.network).toEqual({
      mode: "existing",
      vpcId: "vpc-0a1b2c3d4e5f60718",
      zones: [
        { name: "us-east-1a", privateSubnetId: "subnet-0aaaaaaaaaaaaaaaa" },
        { name: "us-east-1b", privateSubnetId: "subnet-0bbbbbbbbbbbbbbbb" },
      ],
    });
    expect(foundation!.nodeGroups.map((g) => [g.pool, g.zones])).toEqual([
      ["system", ["us-east-1a", "us-east-1b"]],
      ["cpu", ["us-east-1a", "us-east-1b"]],
      ["t4", ["us-east-1b"]],
    ]);
  });

  it("honours cluster, registry, model store and cost settings", () => {
    const stack = withCluster(
      CREATE_DEV_STACK,
      '      name: ml-dev\n      kubernetesVersion: "1.34"\n      logTypes: [audit]\n      logRetentionDays: 14\n      admins: ["arn:aws:iam::111122223333:role/b", "arn:aws:iam::111122223333:role/a"]\n      deployerAdmin: false\n      network:\n        mode: create\n        cidr: 10.20.0.0/20\n        zones: [us-east-1c, us-east-1a]\n        natGateways: per-zone\n        flowLogs: true\n',
    ).replace(
      "    nodePools:",
      "    registry:\n      repositoryPrefix: ml\n      customImages:\n        triton-python: { runtime: triton }\n      scanType: ENHANCED\n      keepTaggedImages: 5\n      untaggedImageDays: 3\n    modelStore:\n      bucket: ml-models-dev\n      noncurrentVersionDays: 7\n      accessLogging: true\n    cost:\n      spotDiscountRatio: 0.7\n    nodePools:",
    );
    const { environment, foundation, serverPools } = resolve("dev", stack);
    expect(environment.cluster).toEqual({ mode: "create", name: "ml-dev" });
    expect(environment.cost).toEqual({ spotDiscountRatio: 0.7 });
    expect(serverPools[0]!.image).toBe("111122223333.dkr.ecr.us-east-1.amazonaws.com/ml/tritonserver:26.07-py3");
    expect(foundation!.cluster).toEqual({
      name: "ml-dev",
      kubernetesVersion: "1.34",
      endpoint: { privateAccess: true, publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
      logging: { types: ["audit"], retentionDays: 14 },
      admins: ["arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/b"],
      deployerAdmin: false,
      serviceCidr: "10.100.0.0/16",
    });
    expect(foundation!.network).toEqual({
      mode: "create",
      cidr: "10.20.0.0/20",
      zones: [
        { name: "us-east-1a", privateCidr: "10.20.0.0/22", publicCidr: "10.20.12.0/24" },
        { name: "us-east-1c", privateCidr: "10.20.4.0/22", publicCidr: "10.20.13.0/24" },
      ],
      natGateways: "per-zone",
      flowLogs: { enabled: true, retentionDays: 14 },
    });
    expect(foundation!.registry).toEqual({
      host: "111122223333.dkr.ecr.us-east-1.amazonaws.com",
      prefix: "ml",
      repositories: [
        { name: "ml/triton-python", keepTags: [TAG] },
        { name: "ml/tritonserver", mirrorOf: "nvcr.io/nvidia/tritonserver", keepTags: ["26.07-py3"] },
      ],
      scanType: "ENHANCED",
      keepTaggedImages: 5,
      untaggedImageDays: 3,
      customImages: [
        {
          name: "triton-python",
          repository: "ml/triton-python",
          runtime: "triton",
          gpu: true,
          context: "images/triton-python",
          dockerfile: "images/triton-python/Dockerfile",
          buildArgs: { BASE_IMAGE: "nvcr.io/nvidia/tritonserver:26.07-py3" },
          platform: "linux/amd64",
          digest: expect.stringMatching(/^[0-9a-f]{64}$/),
          tag: TAG,
          imageName: expect.stringMatching(/^111122223333\.dkr\.ecr\.us-east-1\.amazonaws\.com\/ml\/triton-python:26\.07-py3-[0-9a-f]{12}$/),
        },
      ],
    });
    const [image] = foundation!.registry.customImages;
    expect([image!.tag, image!.imageName, foundation!.registry.repositories[0]!.keepTags]).toEqual([
      `26.07-py3-${image!.digest.slice(0, 12)}`,
      `111122223333.dkr.ecr.us-east-1.amazonaws.com/ml/triton-python:${image!.tag}`,
      [image!.tag],
    ]);
    expect(foundation!.modelStore).toEqual({ bucket: "ml-models-dev", logBucket: "ml-models-dev-logs", noncurrentVersionDays: 7, abortIncompleteUploadDays: 7, accessLogDays: 365 });
    expect(foundation!.identities[0]!.reads).toEqual([{ bucket: "ml-models-dev", prefixes: ["vision/resnet50"] }]);
  });

  it("scopes a shared pool's identity to each of its models, grouped by bucket", () => {
    const second = ONNX_MODEL.replace("name: resnet50", "name: mobilenet")
      .replace("uri: vision/resnet50", "uri: s3://shared-models/vision/mobilenet")
      .replace("    nodePool: t4\n  prod", "    nodePool: t4\n    serverPool: resnet50\n  prod");
    const { foundation } = resolve("dev", CREATE_DEV_STACK, { [MODEL_FILE]: ONNX_MODEL, "catalog/mobilenet.yaml": second });
    expect(foundation!.identities).toEqual([
      {
        serverPool: "resnet50",
        namespace: "inferstack",
        serviceAccount: "resnet50-server",
        subject: "system:serviceaccount:inferstack:resnet50-server",
        reads: [
          { bucket: "inferstack-models-111122223333-dev", prefixes: ["vision/resnet50"] },
          { bucket: "shared-models", prefixes: ["vision/mobilenet"] },
        ],
      },
    ]);
  });
});

describe("registry mirror of the pools' images", () => {
  it.each([
    ["create mode pulls from the created registry", "dev", CREATE_DEV_STACK, "111122223333.dkr.ecr.us-east-1.amazonaws.com/inferstack/dev/tritonserver:26.07-py3"],
    ["create mode with mirrorRuntimeImages off pulls upstream", "dev", CREATE_DEV_STACK.replace("    nodePools:", "    registry:\n      mirrorRuntimeImages: false\n    nodePools:"), "nvcr.io/nvidia/tritonserver:26.07-py3"],
    ["an existing cluster pulls upstream by default", "dev", DEV_STACK, "nvcr.io/nvidia/tritonserver:26.07-py3"],
    [
      "an existing cluster pulls from its mirror",
      "dev",
      DEV_STACK.replace("    nodePools:", "    registry:\n      mirror: 111122223333.dkr.ecr.us-east-1.amazonaws.com/mirror\n    nodePools:"),
      "111122223333.dkr.ecr.us-east-1.amazonaws.com/mirror/tritonserver:26.07-py3",
    ],
  ])("%s", (_case, stack, stackYaml, image) => {
    const platform = resolve(stack, stackYaml);
    expect(platform.serverPools.map((p) => p.image)).toEqual([image]);
  });

  it("creates no foundation for an existing cluster", () => {
    expect(resolve("dev", DEV_STACK).foundation).toBeUndefined();
  });
});

describe("foundation checks", () => {
  it.each([
    [
      "a reader role next to a created cluster",
      "dev",
      withEnvironmentKeys(CREATE_DEV_STACK, "    modelStore:\n      readerRoleArn: arn:aws:iam::111122223333:role/reader\n"),
      'stacks/Pulumi.dev.yaml:16: inferstack:environment.modelStore.readerRoleArn: is for an existing cluster; got "arn:aws:iam::111122223333:role/reader". Remove it: with cluster.mode create, inferstack creates one read-only role per server pool.',
    ],
    [
      "a per-pool reader role for a pool the stack does not have",
      "dev",
      DEV_STACK.replace("      bucket: models-dev\n", "      bucket: models-dev\n      readerRoleArns:\n        resnet5: arn:aws:iam::111122223333:role/r\n"),
      'stacks/Pulumi.dev.yaml:14: inferstack:environment.modelStore.readerRoleArns.resnet5: names no server pool of this stack; got "resnet5". Use one of: resnet50.',
    ],
    [
      "a reader role that is not a role ARN",
      "dev",
      DEV_STACK.replace("      bucket: models-dev\n", "      bucket: models-dev\n      readerRoleArn: model-reader\n"),
      'stacks/Pulumi.dev.yaml:13: inferstack:environment.modelStore.readerRoleArn: must be an IAM role ARN such as "arn:aws:iam::123456789012:role/model-reader"; got "model-reader". Copy it from `aws iam get-role`.',
    ],
    [
      "more Consul servers than the system nodes can hold",
      "prod",
      withEnvironmentKeys(CREATE_PROD_STACK, "    discovery:\n      servers: 5\n"),
      "stacks/Pulumi.prod.yaml:15: inferstack:environment.discovery.servers: runs 5 Consul servers, one per system node, on a system node group that may shrink to 3; got servers 5 and systemNodes.minNodes 3. Raise cluster.systemNodes.minNodes to 5 or run fewer servers.",
    ],
    [
      "a system node group set smaller than the Consul servers",
      "staging",
      withCluster(CREATE_PROD_STACK.replace("tier: prod", "tier: staging"), "      systemNodes:\n        minNodes: 2\n"),
      "stacks/Pulumi.staging.yaml:10: inferstack:environment.cluster.systemNodes.minNodes: runs 3 Consul servers, one per system node, on a system node group that may shrink to 2; got servers 3 and systemNodes.minNodes 2. Raise cluster.systemNodes.minNodes to 3 or run fewer servers.",
    ],
    [
      "a VPC block overlapping the cluster's Service CIDR",
      "dev",
      withCluster(CREATE_DEV_STACK, "      network:\n        mode: create\n        cidr: 10.100.0.0/16\n"),
      'stacks/Pulumi.dev.yaml:11: inferstack:environment.cluster.network.cidr: overlaps the cluster\'s Service CIDR 10.100.0.0/16 (discovery.dns.serviceCidr), which EKS refuses; got "10.100.0.0/16". Choose a VPC block outside 10.100.0.0/16, or set discovery.dns.serviceCidr to another block.',
    ],
    [
      "a CoreDNS patch asked of a cluster inferstack creates",
      "dev",
      withEnvironmentKeys(CREATE_DEV_STACK, "    discovery:\n      dns:\n        patchCoreDns: true\n"),
      "stacks/Pulumi.dev.yaml:17: inferstack:environment.discovery.dns.patchCoreDns: is for an existing cluster; got true. Remove it: a cluster inferstack creates gets the forwarding through its EKS CoreDNS add-on configuration.",
    ],
    [
      "an unknown system instance type",
      "dev",
      withCluster(CREATE_DEV_STACK, "      systemNodes:\n        instanceTypes: [m6i.xlarg]\n"),
      'stacks/Pulumi.dev.yaml:10: inferstack:environment.cluster.systemNodes.instanceTypes[0]: unknown instance type; got "m6i.xlarg". Did you mean "m6i.xlarge"?',
    ],
    [
      "GPU instances for the system nodes",
      "dev",
      withCluster(CREATE_DEV_STACK, "      systemNodes:\n        instanceTypes: [g5.xlarge]\n"),
      'stacks/Pulumi.dev.yaml:10: inferstack:environment.cluster.systemNodes.instanceTypes[0]: system nodes run Consul, Prometheus and controllers, which need no GPU; got "g5.xlarge" with 1 A10G. Use a CPU instance type such as "m6i.xlarge".',
    ],
    [
      "an NVIDIA AMI on instances without GPUs",
      "dev",
      CREATE_DEV_STACK.replace("[m6i.xlarge]", "[m6i.xlarge]\n        amiType: AL2023_x86_64_NVIDIA"),
      'stacks/Pulumi.dev.yaml:15: inferstack:environment.nodePools.cpu.amiType: is an NVIDIA AMI for GPU instances but m6i.xlarge has no GPU; got "AL2023_x86_64_NVIDIA". Use GPU instance types (e.g. g5.xlarge) or the AMI type "AL2023_x86_64_STANDARD".',
    ],
    [
      "an AMI without the NVIDIA driver on GPU instances",
      "dev",
      CREATE_DEV_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        amiType: BOTTLEROCKET_x86_64"),
      'stacks/Pulumi.dev.yaml:13: inferstack:environment.nodePools.t4.amiType: has no NVIDIA driver but g4dn.xlarge is a GPU instance; got "BOTTLEROCKET_x86_64". Use "AL2023_x86_64_NVIDIA" or "BOTTLEROCKET_x86_64_NVIDIA".',
    ],
    [
      "system nodes with min above max",
      "dev",
      withCluster(CREATE_DEV_STACK, "      systemNodes:\n        minNodes: 3\n        maxNodes: 2\n"),
      "stacks/Pulumi.dev.yaml:10: inferstack:environment.cluster.systemNodes.minNodes: must not exceed maxNodes (2); got 3. Lower minNodes or raise maxNodes.",
    ],
    [
      "fewer than two zones for a prod node pool",
      "prod",
      CREATE_PROD_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        zones: [us-east-1a]"),
      'stacks/Pulumi.prod.yaml:12: inferstack:environment.nodePools.t4.zones: prod spreads every node pool over at least 2 zones so one zone\'s outage leaves capacity; got ["us-east-1a"]. Add a zone from "us-east-1a", "us-east-1b" or "us-east-1c".',
    ],
    [
      "a pool zone outside the cluster",
      "dev",
      CREATE_DEV_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        zones: [us-east-1d]"),
      'stacks/Pulumi.dev.yaml:13: inferstack:environment.nodePools.t4.zones[0]: is not a zone of the cluster; got "us-east-1d". Use one of "us-east-1a", "us-east-1b" or "us-east-1c".',
    ],
    [
      "a public endpoint in prod",
      "prod",
      withCluster(CREATE_PROD_STACK, "      endpointAccess: public\n      publicAccessCidrs: [198.51.100.0/24]\n"),
      'stacks/Pulumi.prod.yaml:9: inferstack:environment.cluster.endpointAccess: prod keeps the Kubernetes API private; got "public". Remove endpointAccess (private is the default) and reach the API from inside the VPC (VPN, SSM or a CI runner there).',
    ],
    [
      "an open 0.0.0.0/0 CIDR",
      "dev",
      CREATE_DEV_STACK.replace("[203.0.113.0/24]", "[203.0.113.0/24, 0.0.0.0/0]"),
      'stacks/Pulumi.dev.yaml:9: inferstack:environment.cluster.publicAccessCidrs[1]: opens the Kubernetes API to the whole internet; got "0.0.0.0/0". List only the networks that need the API.',
    ],
    [
      "a public endpoint without CIDRs",
      "dev",
      CREATE_DEV_STACK.replace("      publicAccessCidrs: [203.0.113.0/24]\n", ""),
      "stacks/Pulumi.dev.yaml:7: inferstack:environment.cluster.publicAccessCidrs: is required with a public endpoint, which EKS would otherwise open to 0.0.0.0/0; got nothing. List your office, VPN or CI egress CIDRs, or set endpointAccess: private.",
    ],
    [
      "CIDRs on a private endpoint",
      "dev",
      withCluster(CREATE_DEV_STACK, "      endpointAccess: private\n"),
      'stacks/Pulumi.dev.yaml:10: inferstack:environment.cluster.publicAccessCidrs: has no effect on a private endpoint; got ["203.0.113.0/24"]. Remove it, or set endpointAccess: "public".',
    ],
    [
      "a spot pool in prod",
      "prod",
      CREATE_PROD_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        capacityType: SPOT\n        minNodes: 2"),
      'stacks/Pulumi.prod.yaml:12: inferstack:environment.nodePools.t4.capacityType: spot capacity is not allowed in prod; got "SPOT". Use "ON_DEMAND": a spot interruption would take serving capacity away without notice.',
    ],
    [
      "a prod node pool that can shrink to one node",
      "prod",
      CREATE_PROD_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        minNodes: 1").replace("[m6i.xlarge]", "[m6i.xlarge]\n        minNodes: 2"),
      "stacks/Pulumi.prod.yaml:12: inferstack:environment.nodePools.t4.minNodes: prod keeps at least 2 nodes in every node pool so one node loss keeps its models serving; got 1. Set minNodes to 2 or more.",
    ],
    [
      "two system nodes in prod",
      "prod",
      withCluster(CREATE_PROD_STACK, "      systemNodes:\n        minNodes: 2\n").replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        minNodes: 2").replace("[m6i.xlarge]", "[m6i.xlarge]\n        minNodes: 2"),
      "stacks/Pulumi.prod.yaml:10: inferstack:environment.cluster.systemNodes.minNodes: prod runs at least 3 system nodes so Consul's servers keep their quorum on separate nodes; got 2. Set minNodes to 3 or more.",
    ],
    [
      "a kubeconfig secret next to a created cluster",
      "dev",
      CREATE_DEV_STACK.replace("config:\n", "config:\n  inferstack:kubeconfig:\n    secure: v1:abc\n"),
      "stacks/Pulumi.dev.yaml:10: inferstack:environment.cluster.mode: creates the cluster, so its kubeconfig comes from the cluster itself; got an inferstack:kubeconfig secret as well. Remove it: pulumi config rm inferstack:kubeconfig --stack dev.",
    ],
    [
      "a registry mirror next to a created registry",
      "dev",
      CREATE_DEV_STACK.replace("    nodePools:", "    registry:\n      mirror: example.com/mirror\n    nodePools:"),
      'stacks/Pulumi.dev.yaml:11: inferstack:environment.registry.mirror: is for an existing cluster; got "example.com/mirror". Remove it: create mode creates the registry and pulls from it (registry.mirrorRuntimeImages: false pulls the upstream images instead).',
    ],
    [
      "a node group setting with an existing cluster",
      "dev",
      DEV_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        amiType: BOTTLEROCKET_x86_64_NVIDIA"),
      'stacks/Pulumi.dev.yaml:16: inferstack:environment.nodePools.t4.amiType: applies only when inferstack creates the cluster (cluster.mode "create"); got "BOTTLEROCKET_x86_64_NVIDIA". Remove it: with an existing cluster, your own node groups, registry and bucket keep their settings.',
    ],
    [
      "a model store without its bucket with an existing cluster",
      "dev",
      DEV_STACK.replace("    modelStore:\n      bucket: models-dev\n", "    modelStore: {}\n"),
      "stacks/Pulumi.dev.yaml:11: inferstack:environment.modelStore.bucket: is required with an existing cluster: inferstack creates no bucket there; got nothing. Name your model store bucket, or remove modelStore and give models s3:// locations.",
    ],
    [
      "a VPC block with host bits set",
      "dev",
      withCluster(CREATE_DEV_STACK, "      network:\n        mode: create\n        cidr: 10.0.1.0/16\n"),
      'stacks/Pulumi.dev.yaml:11: inferstack:environment.cluster.network.cidr: has host bits set; got "10.0.1.0/16". Use its network address "10.0.0.0/16".',
    ],
    [
      "a VPC block too small for the subnets",
      "dev",
      withCluster(CREATE_DEV_STACK, "      network:\n        mode: create\n        cidr: 10.0.0.0/24\n"),
      'stacks/Pulumi.dev.yaml:11: inferstack:environment.cluster.network.cidr: must be a /16 to /20 block; got "10.0.0.0/24". Use a block such as "10.0.0.0/16".',
    ],
    [
      "a zone of another region",
      "dev",
      withCluster(CREATE_DEV_STACK, "      network:\n        mode: create\n        zones: [us-east-1a, us-west-2b]\n"),
      'stacks/Pulumi.dev.yaml:11: inferstack:environment.cluster.network.zones[1]: is not a zone of region us-east-1; got "us-west-2b". Use zones such as "us-east-1a".',
    ],
    [
      "an existing VPC with subnets in one zone",
      "dev",
      withCluster(CREATE_DEV_STACK, "      network:\n        mode: existing\n        vpcId: vpc-0a1b2c3d4e5f60718\n        privateSubnetIds:\n          us-east-1a: subnet-0aaaaaaaaaaaaaaaa\n"),
      'stacks/Pulumi.dev.yaml:12: inferstack:environment.cluster.network.privateSubnetIds: must name private subnets in at least 2 zones: EKS needs subnets in two zones; got ["us-east-1a"]. Add a subnet of another zone.',
    ],
    [
      "a custom image named like a runtime mirror",
      "dev",
      CREATE_DEV_STACK.replace("    nodePools:", "    registry:\n      customImages:\n        tritonserver: { runtime: triton }\n    nodePools:"),
      'stacks/Pulumi.dev.yaml:12: inferstack:environment.registry.customImages.tritonserver: is the repository that mirrors a runtime image; got "tritonserver". Give the custom image another name, e.g. "tritonserver-custom".',
    ],
    [
      "a node pool named system",
      "dev",
      CREATE_DEV_STACK.replace("      cpu:\n", "      system:\n"),
      'stacks/Pulumi.dev.yaml:13: inferstack:environment.nodePools.system: is reserved for the CPU system nodes that run Consul, Prometheus and controllers; got "system". Give the node pool another name.',
    ],
    [
      "a bucket name that leaves no room for its log bucket",
      "prod",
      CREATE_PROD_STACK.replace("    nodePools:", `    modelStore:\n      bucket: ${"m".repeat(60)}\n    nodePools:`).replace("[g4dn.xlarge]", "[g4dn.xlarge]\n        minNodes: 2").replace("[m6i.xlarge]", "[m6i.xlarge]\n        minNodes: 2"),
      `stacks/Pulumi.prod.yaml:10: inferstack:environment.modelStore.bucket: leaves no room for its access log bucket "${"m".repeat(60)}-logs" (S3 allows 63 characters); got "${"m".repeat(60)}". Shorten the bucket name to 58 characters.`,
    ],
    [
      "a malformed public CIDR",
      "dev",
      CREATE_DEV_STACK.replace("[203.0.113.0/24]", "[203.0.113.0]"),
      'stacks/Pulumi.dev.yaml:9: inferstack:environment.cluster.publicAccessCidrs[0]: must be an IPv4 CIDR block such as "203.0.113.0/24"; got "203.0.113.0". Write the address and prefix length.',
    ],
    [
      "an unquoted Kubernetes version",
      "dev",
      withCluster(CREATE_DEV_STACK, "      kubernetesVersion: 1.30\n"),
      "stacks/Pulumi.dev.yaml:9: inferstack:environment.cluster.kubernetesVersion: must be a string; got 1.3. Quote it: \"1.3\".",
    ],
    [
      "a log retention CloudWatch does not offer",
      "dev",
      withCluster(CREATE_DEV_STACK, "      logRetentionDays: 10\n"),
      "stacks/Pulumi.dev.yaml:9: inferstack:environment.cluster.logRetentionDays: must be a CloudWatch Logs retention period (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653); got 10. Pick the nearest one.",
    ],
    [
      "a spot discount above 90%",
      "dev",
      CREATE_DEV_STACK.replace("    nodePools:", "    cost:\n      spotDiscountRatio: 0.95\n    nodePools:"),
      "stacks/Pulumi.dev.yaml:11: inferstack:environment.cost.spotDiscountRatio: must be at most 0.9; got 0.95. Use 0.9 or less.",
    ],
  ])("rejects %s", (_case, stack, stackYaml, expected) => {
    // Models name their bucket, so only the environment's own problem is reported.
    expect(problems(stack, stackYaml, ONNX_MODEL.replace("uri: vision/resnet50", "uri: s3://models-dev/vision/resnet50"))).toEqual([expected]);
  });
});
