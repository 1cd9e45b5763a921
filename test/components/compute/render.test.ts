import { parse } from "yaml";
import { DevicePluginValues, devicePluginPools, renderDevicePluginValues } from "../../../components/compute/device-plugin-values";
import { renderKubeconfig } from "../../../components/compute/kubeconfig";
import { addonConfiguration, renderAddons, renderClusterSettings, renderLaunchTemplate, renderNodeGroup, renderServiceTrustPolicy } from "../../../components/compute/render";
import { validatePolicyDocument } from "../../../components/identity/validate";
import { loadPlatform, type ResolvedNodeGroup } from "../../../components/resolve";
import { inputFrom } from "../../helpers/input";
import { CREATE_DEV_STACK } from "../../helpers/foundation-samples";
import { ONNX_MODEL } from "../../helpers/samples";

const TAGS = { "inferstack.io/environment": "dev" };
const { foundation } = loadPlatform(
  inputFrom("dev", CREATE_DEV_STACK.replace("      cpu:\n        instanceTypes: [m6i.xlarge]\n", "      l4:\n        instanceTypes: [g6.xlarge]\n        amiType: BOTTLEROCKET_x86_64_NVIDIA\n"), {
    "catalog/resnet50.yaml": ONNX_MODEL,
  }),
);
const group = (pool: string): ResolvedNodeGroup => foundation!.nodeGroups.find((g) => g.pool === pool)!;

describe("launch templates", () => {
  it("require IMDSv2 with one hop, encrypt a gp3 root volume sized for images and assign no public IPs", () => {
    expect(renderLaunchTemplate("inferstack-dev", group("t4"), TAGS)).toEqual({
      description: "inferstack t4 nodes of EKS cluster inferstack-dev",
      updateDefaultVersion: true,
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 200, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
      monitoring: { enabled: false },
      tagSpecifications: [
        { resourceType: "instance", tags: { ...TAGS, Name: "inferstack-dev-t4", "inferstack.io/node-pool": "t4" } },
        { resourceType: "volume", tags: { ...TAGS, Name: "inferstack-dev-t4", "inferstack.io/node-pool": "t4" } },
      ],
      tags: TAGS,
    });
  });

  it("encrypt both of Bottlerocket's volumes and size the data volume that holds images", () => {
    expect(renderLaunchTemplate("inferstack-dev", group("l4"), TAGS).blockDeviceMappings).toEqual([
      { deviceName: "/dev/xvda", ebs: { volumeSize: 4, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
      { deviceName: "/dev/xvdb", ebs: { volumeSize: 200, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
    ]);
  });
});

describe("node groups", () => {
  it("taint GPU groups and label every group with its pool", () => {
    expect(renderNodeGroup(group("t4"), TAGS)).toEqual({
      amiType: "AL2023_x86_64_NVIDIA",
      capacityType: "SPOT",
      instanceTypes: ["g4dn.xlarge"],
      labels: { "inferstack.io/node-pool": "t4" },
      taints: [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }],
      scalingConfig: { minSize: 1, desiredSize: 1, maxSize: 2 },
      updateConfig: { maxUnavailable: 1 },
      tags: { ...TAGS, "inferstack.io/node-pool": "t4" },
    });
    expect(renderNodeGroup(group("system"), TAGS)).toMatchObject({ capacityType: "ON_DEMAND", labels: { "inferstack.io/node-pool": "system" }, taints: [] });
  });
});

describe("the cluster", () => {
  it("uses access entries only, pins its version and restricts a public endpoint to its CIDRs", () => {
    expect(renderClusterSettings(foundation!.cluster)).toEqual({
      name: "inferstack-dev",
      version: "1.35",
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      bootstrapSelfManagedAddons: false,
      enabledClusterLogTypes: ["api", "audit", "authenticator"],
      upgradePolicy: { supportType: "STANDARD" },
      kubernetesNetworkConfig: { serviceIpv4Cidr: "10.100.0.0/16" },
      endpoint: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
    });
    const privateCluster = { ...foundation!.cluster, endpoint: { privateAccess: true as const, publicAccess: false, publicAccessCidrs: [] } };
    expect(renderClusterSettings(privateCluster).endpoint).toEqual({ endpointPrivateAccess: true, endpointPublicAccess: false });
  });

  it.each([
    ["eks.amazonaws.com", undefined, ["sts:AssumeRole", "sts:TagSession"], undefined],
    ["ec2.amazonaws.com", undefined, "sts:AssumeRole", undefined],
    ["vpc-flow-logs.amazonaws.com", "111122223333", "sts:AssumeRole", { StringEquals: { "aws:SourceAccount": "111122223333" } }],
  ] as const)("lets %s assume its role", (service, account, action, condition) => {
    const policy = renderServiceTrustPolicy(service, account);
    expect(policy.Statement).toEqual([{ Sid: "AssumeByService", Effect: "Allow", Principal: { Service: service }, Action: action, ...(condition ? { Condition: condition } : {}) }]);
    expect(validatePolicyDocument(policy, "trust")).toEqual([]);
  });

  it("installs the VPC CNI with network policy and the EBS CSI driver, each with its own IRSA service account", () => {
    expect(renderAddons()).toEqual([
      {
        addonName: "vpc-cni",
        beforeNodes: true,
        configurationValues: { enableNetworkPolicy: "true" },
        serviceAccount: { namespace: "kube-system", name: "aws-node", managedPolicies: ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"] },
      },
      { addonName: "kube-proxy", beforeNodes: true },
      { addonName: "coredns", beforeNodes: false },
      {
        addonName: "aws-ebs-csi-driver",
        beforeNodes: false,
        serviceAccount: { namespace: "kube-system", name: "ebs-csi-controller-sa", managedPolicies: ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"] },
      },
    ]);
  });

  it("merges extra add-on configuration over the add-on's own and sends nothing when both are empty", () => {
    expect(addonConfiguration({ replicaCount: 2 }, { corefile: ".:53 {}\n" })).toBe('{"replicaCount":2,"corefile":".:53 {}\\n"}');
    expect(addonConfiguration(undefined, undefined)).toBeUndefined();
  });

  it("renders a kubeconfig that authenticates through aws eks get-token", () => {
    const text = renderKubeconfig({ clusterName: "inferstack-dev", endpoint: "https://ABC.gr7.us-east-1.eks.amazonaws.com", certificateAuthorityData: "Q0E=", region: "us-east-1" });
    expect(parse(text)).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "inferstack-dev", cluster: { server: "https://ABC.gr7.us-east-1.eks.amazonaws.com", "certificate-authority-data": "Q0E=" } }],
      users: [
        {
          name: "inferstack-dev",
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "aws",
              args: ["eks", "get-token", "--cluster-name", "inferstack-dev", "--region", "us-east-1", "--output", "json"],
              interactiveMode: "Never",
            },
          },
        },
      ],
      contexts: [{ name: "inferstack-dev", context: { cluster: "inferstack-dev", user: "inferstack-dev" } }],
      "current-context": "inferstack-dev",
    });
  });
});

describe("NVIDIA device plugin values", () => {
  it("go only to AL2023 GPU pools, whose nodes carry no NFD labels", () => {
    expect(devicePluginPools(foundation!.nodeGroups)).toEqual(["t4"]);
    expect(renderDevicePluginValues(["t4"])).toEqual({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "inferstack.io/node-pool", operator: "In", values: ["t4"] }] }],
          },
        },
      },
      tolerations: [
        { key: "CriticalAddonsOnly", operator: "Exists" },
        { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" },
      ],
      priorityClassName: "system-node-critical",
      gfd: { enabled: false },
      resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } },
    });
  });

  it("refuse values that would schedule the plugin nowhere or carry unknown keys", () => {
    expect(() => renderDevicePluginValues([])).toThrow();
    const values = renderDevicePluginValues(["t4"]);
    expect(DevicePluginValues.safeParse({ ...values, nodeSelector: {} }).success).toBe(false);
  });
});
