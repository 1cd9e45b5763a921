/** Mutations of the compliant fixture's EKS cluster, node groups, launch templates and network, one per way each of those policies can fail. */
import { recorded } from "../fixtures/build";
import { type PolicyCase } from "./case";

const json = (value: unknown) => JSON.stringify(value);

export const AWS_COMPUTE_CASES: readonly PolicyCase[] = [
  // EKS control plane
  {
    policy: "inferstack-aws-eks-cluster-require-private-endpoint",
    breaks: "a public endpoint",
    mutate: (s) => s.set("cluster", "vpcConfig.endpointPublicAccess", true),
    expected: [
      "cluster: serves the Kubernetes API on a public endpoint; got endpointPublicAccess true. Set vpcConfig.endpointPublicAccess: false.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-require-private-endpoint",
    breaks: "no private endpoint (and public by default)",
    mutate: (s) => s.unset("cluster", "vpcConfig.endpointPublicAccess").set("cluster", "vpcConfig.endpointPrivateAccess", false),
    expected: [
      "cluster: has no private API endpoint; got endpointPrivateAccess false. Set vpcConfig.endpointPrivateAccess: true.",
      "cluster: serves the Kubernetes API on a public endpoint; got endpointPublicAccess unset (public). Set vpcConfig.endpointPublicAccess: false.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-restrict-public-endpoint-cidrs",
    breaks: "a public endpoint with the default CIDRs",
    mutate: (s) => s.set("cluster", "vpcConfig.endpointPublicAccess", true),
    expected: [
      "cluster: lets the whole internet reach the Kubernetes API; got publicAccessCidrs 0.0.0.0/0 (the default). List the CIDR blocks that need the API in vpcConfig.publicAccessCidrs.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-restrict-public-endpoint-cidrs",
    breaks: "a public endpoint open to 0.0.0.0/0",
    mutate: (s) => s.set("cluster", "vpcConfig.endpointPublicAccess", true).set("cluster", "vpcConfig.publicAccessCidrs", ["203.0.113.0/24", "0.0.0.0/0"]),
    expected: [
      "cluster: lets the whole internet reach the Kubernetes API; got publicAccessCidrs 0.0.0.0/0. List the CIDR blocks that need the API in vpcConfig.publicAccessCidrs.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-require-control-plane-logs",
    breaks: "a missing log type in prod",
    mutate: (s) => s.set("cluster", "enabledClusterLogTypes", ["api", "audit", "authenticator", "controllerManager"]),
    expected: [
      "cluster: does not log scheduler; got enabledClusterLogTypes [api, audit, authenticator, controllerManager]. Enable api, audit, authenticator, controllerManager, scheduler in prod.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-require-control-plane-logs",
    breaks: "no audit log in dev",
    tier: "dev",
    mutate: (s) => s.set("cluster", "enabledClusterLogTypes", ["api"]),
    expected: [
      "cluster: does not log audit; got enabledClusterLogTypes [api]. Enable audit in dev.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-require-secrets-encryption",
    breaks: "no secrets encryption",
    mutate: (s) => s.unset("cluster", "encryptionConfig"),
    expected: [
      "cluster: does not encrypt Secrets with a key of its own; got no encryptionConfig for \"secrets\". Add encryptionConfig with a customer-managed KMS key ARN.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-require-secrets-encryption",
    breaks: "a secrets key that does not rotate",
    mutate: (s) => s.set("models-key", "enableKeyRotation", false),
    expected: [
      "cluster: encrypts Secrets with key models-key, which does not rotate; got enableKeyRotation false. Enable rotation on the key.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-require-supported-version",
    breaks: "a version out of standard support",
    mutate: (s) => s.set("cluster", "version", "1.29"),
    expected: [
      "cluster: runs a version outside EKS standard support; got version \"1.29\". Pin one of 1.34, 1.35, 1.36.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-require-supported-version",
    breaks: "an unpinned version",
    mutate: (s) => s.unset("cluster", "version"),
    expected: [
      "cluster: runs an unpinned version; got no version. Pin one of 1.34, 1.35, 1.36.",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-restrict-admin-access",
    breaks: "aws-auth ConfigMap authentication",
    mutate: (s) => s.unset("cluster", "accessConfig"),
    expected: [
      "cluster: authenticates through the aws-auth ConfigMap only; got authenticationMode unset (CONFIG_MAP). Set accessConfig.authenticationMode to \"API\".",
    ],
  },
  {
    policy: "inferstack-aws-eks-cluster-restrict-admin-access",
    breaks: "an access entry in system:masters",
    mutate: (s) => s.set("platform-admins", "kubernetesGroups", ["system:masters"]),
    expected: [
      "platform-admins: maps its principal into system:masters, which no RBAC rule can restrict; got kubernetesGroups including \"system:masters\". Use an access policy association with a scoped policy.",
    ],
  },
  {
    policy: "inferstack-aws-eks-addon-require-network-policy",
    breaks: "the VPC CNI without network policy",
    mutate: (s) => s.set("vpc-cni", "configurationValues", json({ enableNetworkPolicy: "false" })),
    expected: [
      "cluster: does not enforce NetworkPolicies; got enableNetworkPolicy \"false\". Install the vpc-cni add-on with enableNetworkPolicy \"true\".",
    ],
  },
  {
    policy: "inferstack-aws-eks-addon-require-network-policy",
    breaks: "no VPC CNI add-on",
    mutate: (s) => s.remove("vpc-cni"),
    expected: [
      "cluster: does not enforce NetworkPolicies; got no vpc-cni add-on. Install the vpc-cni add-on with enableNetworkPolicy \"true\".",
    ],
  },
  {
    policy: "inferstack-aws-cloudwatch-loggroup-require-eks-log-retention",
    breaks: "no control-plane log group",
    mutate: (s) => s.remove("cluster-logs"),
    expected: [
      "cluster: logs into a log group EKS creates without retention or encryption; got no aws.cloudwatch.LogGroup /aws/eks/inferstack-fixture/cluster. Create it in the stack first.",
    ],
  },
  {
    policy: "inferstack-aws-cloudwatch-loggroup-require-eks-log-retention",
    breaks: "a log group without retention or key",
    mutate: (s) => s.unset("cluster-logs", "retentionInDays").unset("cluster-logs", "kmsKeyId"),
    expected: [
      "cluster-logs: keeps the cluster's control-plane logs without retentionInDays and kmsKeyId; got retentionInDays unset, kmsKeyId unset. Set retentionInDays and kmsKeyId.",
    ],
  },
  // Node groups and launch templates
  {
    policy: "inferstack-aws-eks-nodegroup-require-private-subnets",
    breaks: "a subnet that maps public IPs",
    mutate: (s) => s.set("private-a", "mapPublicIpOnLaunch", true),
    expected: [
      "a10g: launches nodes into public subnet private-a; got mapPublicIpOnLaunch true. Use the VPC's private subnets.",
      "system: launches nodes into public subnet private-a; got mapPublicIpOnLaunch true. Use the VPC's private subnets.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-require-multiple-zones",
    breaks: "both subnets in one zone",
    mutate: (s) => s.set("private-b", "availabilityZone", "us-east-1a"),
    expected: [
      "a10g: runs in one availability zone; got zones [us-east-1a]. Add private subnets of a second zone.",
      "system: runs in one availability zone; got zones [us-east-1a]. Add private subnets of a second zone.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-require-gpu-taint",
    breaks: "an untainted GPU node group",
    mutate: (s) => s.unset("a10g", "taints"),
    expected: [
      "a10g: lets pods without GPUs onto GPU nodes (g5.2xlarge); got no nvidia.com/gpu=true:NO_SCHEDULE taint. Add the taint.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-require-gpu-taint",
    breaks: "a node group without its pool label",
    mutate: (s) => s.unset("system", "labels"),
    expected: [
      "system: does not label its nodes with their pool; got no \"inferstack.io/node-pool\" label. Add labels { \"inferstack.io/node-pool\": <pool name> }: workloads select nodes by it.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-require-system-pool",
    breaks: "no system pool",
    mutate: (s) => s.remove("system"),
    expected: [
      "stack: has no system node pool for Consul, Prometheus and Elasticsearch; got node pools [a10g]. Add a CPU node group labelled inferstack.io/node-pool=system.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-require-system-pool",
    breaks: "a system pool of one node in prod",
    mutate: (s) => s.set("system", "scalingConfig.minSize", 1),
    expected: [
      "system: can shrink below 3 nodes in prod; got scalingConfig.minSize 1. Keep at least 3 so Consul's servers keep their quorum on separate nodes.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-require-system-pool",
    breaks: "a system pool on GPU instances",
    mutate: (s) => s.set("system", "instanceTypes", ["g5.xlarge"]),
    expected: [
      "system: runs platform services on GPU instances; got g5.xlarge. Use CPU instance types for the system pool.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-require-gpu-capacity",
    breaks: "one GPU node at minimum in prod",
    mutate: (s) => s.set("a10g", "scalingConfig.minSize", 1),
    expected: [
      "a10g: can shrink to 1 GPU node in prod; got scalingConfig.minSize 1. Keep at least 2.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-require-gpu-capacity",
    breaks: "fewer GPU nodes than the autoscaler's maximum needs",
    mutate: (s) => s.set("a10g", "scalingConfig.maxSize", 4),
    expected: [
      "a10g: cannot fit its serving pods at full scale: they need 6 GPUs (resnet50-server 6 × 1), 6 nodes of 1 GPU; got scalingConfig.maxSize 4. Raise maxSize to 6 or lower the models' maxReplicas.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-restrict-instance-types",
    breaks: "an 8-GPU instance type in dev",
    tier: "dev",
    mutate: (s) => s.set("a10g", "instanceTypes", ["p5.48xlarge"]),
    expected: [
      "a10g: uses instance types outside fixture's allow-list; got p5.48xlarge. Use one of g4dn.2xlarge, g4dn.xlarge, g5.2xlarge, g5.xlarge, g6.xlarge, g6e.xlarge, m6i.2xlarge, m6i.large, m6i.xlarge, m7i.2xlarge, m7i.large, m7i.xlarge, or extend inferstack:environment.policy.allowedInstanceTypes.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-restrict-instance-types",
    breaks: "a launch template of a type outside the table",
    mutate: (s) => s.set("gpu-nodes", "instanceType", "p3.2xlarge"),
    expected: [
      "gpu-nodes: uses instance types outside fixture's allow-list; got p3.2xlarge. Use one of g4dn.12xlarge, g4dn.2xlarge, g4dn.xlarge, g5.12xlarge, g5.2xlarge, g5.48xlarge, g5.xlarge, g6.12xlarge, g6.xlarge, g6e.12xlarge, g6e.xlarge, m6i.2xlarge, m6i.large, m6i.xlarge, m7i.2xlarge, m7i.large, m7i.xlarge, p4d.24xlarge, p5.48xlarge, or extend inferstack:environment.policy.allowedInstanceTypes.",
    ],
  },
  {
    policy: "inferstack-aws-eks-nodegroup-limit-gpu-budget",
    breaks: "a GPU node group far over budget",
    mutate: (s) => s.set("a10g", "scalingConfig.maxSize", 40),
    expected: [
      "stack: GPU node groups at maxSize cost 35390 USD a month on demand but the budget allows 12000; got 35390. Lower their maxSize or raise budget.maxMonthlyUsd.",
      "stack: GPU node groups can grow to 40 GPUs (a10g 40) but the budget allows 16; got 40. Lower their maxSize or raise budget.maxGpus.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-launchtemplate-require-imdsv2",
    breaks: "optional IMDS tokens",
    mutate: (s) => s.set("gpu-nodes", "metadataOptions.httpTokens", "optional"),
    expected: [
      "gpu-nodes: allows IMDSv1 requests without a token; got httpTokens \"optional\". Set metadataOptions.httpTokens: \"required\".",
    ],
  },
  {
    policy: "inferstack-aws-ec2-launchtemplate-limit-metadata-hops",
    breaks: "a hop limit of 2",
    mutate: (s) => s.set("gpu-nodes", "metadataOptions.httpPutResponseHopLimit", 2),
    expected: [
      "gpu-nodes: lets pods reach the node's instance credentials; got httpPutResponseHopLimit 2. Set it to 1.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-launchtemplate-require-encrypted-volumes",
    breaks: "an unencrypted root volume",
    mutate: (s) => s.set("gpu-nodes", "blockDeviceMappings.0.ebs.encrypted", "false"),
    expected: [
      "gpu-nodes: leaves EBS volumes unencrypted; got /dev/xvda without ebs.encrypted \"true\". Encrypt every block device.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-launchtemplate-require-encrypted-volumes",
    breaks: "no block device declared",
    mutate: (s) => s.unset("gpu-nodes", "blockDeviceMappings"),
    expected: [
      "gpu-nodes: declares no block device, so the root volume follows the AMI unencrypted; got no blockDeviceMappings. Declare the root device with ebs { encrypted: \"true\" }.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-launchtemplate-forbid-public-ip",
    breaks: "a network interface with a public IP",
    mutate: (s) => s.set("gpu-nodes", "networkInterfaces", [{ deviceIndex: 0, associatePublicIpAddress: "true" }]),
    expected: [
      "gpu-nodes: gives nodes public IP addresses; got associatePublicIpAddress \"true\" on 1 network interface(s). Remove it.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-launchtemplate-require-detailed-monitoring",
    breaks: "basic monitoring",
    mutate: (s) => s.set("gpu-nodes", "monitoring.enabled", false),
    expected: [
      "gpu-nodes: reports EC2 metrics every five minutes only; got monitoring.enabled false. Set monitoring.enabled: true.",
    ],
  },
  // Network
  {
    policy: "inferstack-aws-ec2-securitygroup-forbid-public-ingress",
    breaks: "SSH open to the internet inline",
    mutate: (s) => s.set("nodes", "ingress", [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "ssh" }]),
    expected: [
      "nodes: allows ingress from anywhere on port 22; got 0.0.0.0/0. Allow the CIDRs or security groups that need it.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-securitygroup-forbid-public-ingress",
    breaks: "a SecurityGroupRule open over IPv6",
    mutate: (s) =>
      s.add(recorded("aws:ec2/securityGroupRule:SecurityGroupRule", "nodes-any-v6", { type: "ingress", securityGroupId: "nodes-id", protocol: "tcp", fromPort: 0, toPort: 65535, ipv6CidrBlocks: ["::/0"], description: "any" })),
    expected: [
      "nodes-any-v6: allows ingress from anywhere on ports 0-65535; got ::/0. Allow the CIDRs or security groups that need it.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-securitygroup-forbid-public-ingress",
    breaks: "a SecurityGroupIngressRule from 0.0.0.0/0",
    mutate: (s) => s.set("nodes-from-nodes", "cidrIpv4", "0.0.0.0/0").set("nodes-from-nodes", "fromPort", 443).set("nodes-from-nodes", "toPort", 443),
    expected: [
      "nodes-from-nodes: allows ingress from anywhere on port 443; got 0.0.0.0/0. Allow the CIDRs or security groups that need it.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-securitygroup-forbid-mixed-rules",
    breaks: "inline rules next to a rule resource",
    mutate: (s) => s.set("nodes", "egress", [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"], description: "vpc" }]),
    expected: [
      "nodes: has 1 inline rule(s) and rule resources nodes-from-nodes; got both. Keep one way of defining rules: the other's rules are removed on every update.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-securitygroup-forbid-mixed-rules",
    breaks: "an egress rule resource next to inline rules",
    mutate: (s) =>
      s
        .set("nodes", "ingress", [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"], description: "api" }])
        .remove("nodes-from-nodes")
        .add(recorded("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "nodes-egress", { securityGroupId: "nodes-id", ipProtocol: "-1", cidrIpv4: "10.0.0.0/16" })),
    expected: [
      "nodes: has 1 inline rule(s) and rule resources nodes-egress; got both. Keep one way of defining rules: the other's rules are removed on every update.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-securitygroup-require-description",
    breaks: "a group with Pulumi's default description",
    mutate: (s) => s.unset("nodes", "description"),
    expected: [
      "nodes: does not say what it allows; got description unset (\"Managed by Pulumi\"). Describe what the group is for.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-securitygroup-require-description",
    breaks: "an inline rule and a rule resource without descriptions",
    mutate: (s) => s.set("nodes", "egress", [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }]).unset("nodes-from-nodes", "description"),
    expected: [
      "nodes: has 1 inline rule(s) without a description; got no description. Describe each rule.",
      "nodes-from-nodes: does not say what it allows; got description unset (\"Managed by Pulumi\"). Describe what the rule is for.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-vpc-require-flow-logs",
    breaks: "no flow log",
    mutate: (s) => s.remove("vpc-flow-logs"),
    expected: [
      "vpc: records no flow logs; got no aws.ec2.FlowLog for it. Add one with trafficType \"ALL\".",
    ],
  },
  {
    policy: "inferstack-aws-ec2-vpc-require-closed-default-security-group",
    breaks: "an unmanaged default security group",
    mutate: (s) => s.remove("vpc-default-sg"),
    expected: [
      "vpc: leaves its default security group open to its own members and all egress; got no aws.ec2.DefaultSecurityGroup. Add one without rules.",
    ],
  },
  {
    policy: "inferstack-aws-ec2-vpc-require-closed-default-security-group",
    breaks: "a default security group with rules",
    mutate: (s) => s.set("vpc-default-sg", "ingress", [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]),
    expected: [
      "vpc-default-sg: keeps 1 rule(s) on the default security group; got ingress/egress rules. Remove them: nothing should rely on the default group.",
    ],
  },
];
