import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as eks from "aws-cdk-lib/aws-eks-v2";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { renderLaunchTemplate, renderNodeGroup } from "../../components/compute/render";
import { type ResolvedNodeGroup } from "../../components/resolve/foundation-types";
import { cfnLaunchTemplateData, cfnTags } from "../render";

/** Properties of {@link ManagedNodeGroup}. */
export interface ManagedNodeGroupProps {
  /** The resolved node group (system or one node pool's). */
  readonly group: ResolvedNodeGroup;
  /** Name of the cluster, as resolved (instance names and the template's description). */
  readonly clusterName: string;
  readonly cluster: eks.ICluster;
  readonly nodeRole: iam.IRole;
  /** Private subnets of the group's zones. */
  readonly subnets: readonly ec2.ISubnet[];
  /** Tags of the instances and volumes the launch template starts. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One EKS managed node group with its own launch template, both rendered by the functions the Pulumi
 * `ManagedNodeGroup` uses: IMDSv2 required with a hop limit of 1 (RULES NODE-01/02), encrypted gp3
 * volumes (NODE-03), detailed monitoring where the tier asks (NODE-08), no AMI and no user data (EKS
 * picks the AMI of `amiType`); the group's AMI type, capacity type, instance types, scaling bounds,
 * `inferstack.io/node-pool` label and (GPU groups) the `nvidia.com/gpu=true:NoSchedule` taint.
 */
export class ManagedNodeGroup extends Construct {
  readonly nodegroup: eks.Nodegroup;
  readonly launchTemplate: ec2.CfnLaunchTemplate;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const { group } = props;
    const template = renderLaunchTemplate(props.clusterName, group, props.tags);
    this.launchTemplate = new ec2.CfnLaunchTemplate(this, "LaunchTemplate", {
      versionDescription: template.description,
      launchTemplateData: cfnLaunchTemplateData(template),
      tagSpecifications: [{ resourceType: "launch-template", tags: cfnTags(template.tags) }],
    });
    const settings = renderNodeGroup(group, props.tags);
    this.nodegroup = new eks.Nodegroup(this, "NodeGroup", {
      cluster: props.cluster,
      nodeRole: props.nodeRole,
      subnets: { subnets: [...props.subnets] },
      // The resolved values are EKS API strings, the enums' values.
      amiType: settings.amiType as eks.NodegroupAmiType,
      capacityType: settings.capacityType as eks.CapacityType,
      instanceTypes: settings.instanceTypes.map((type) => new ec2.InstanceType(type)),
      labels: settings.labels,
      taints: settings.taints.map((taint) => ({ key: taint.key, value: taint.value, effect: taint.effect as eks.TaintEffect })),
      minSize: settings.scalingConfig.minSize,
      desiredSize: settings.scalingConfig.desiredSize,
      maxSize: settings.scalingConfig.maxSize,
      maxUnavailable: settings.updateConfig.maxUnavailable,
      // Every template change is a new version; the group follows the latest one.
      launchTemplateSpec: { id: this.launchTemplate.ref, version: this.launchTemplate.attrLatestVersionNumber },
      tags: settings.tags,
    });
  }
}
