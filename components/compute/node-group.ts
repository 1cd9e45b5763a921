import * as aws from "../aws-sdk";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedNodeGroup } from "../resolve/foundation-types";
import { nodeGroupNamePrefix } from "../identity/names";
import { TOKENS } from "../tokens";
import { renderLaunchTemplate, renderNodeGroup } from "./render";

/** Arguments of {@link ManagedNodeGroup}. */
export interface ManagedNodeGroupArgs {
  /** The resolved node group (system or one node pool's). */
  readonly group: ResolvedNodeGroup;
  /** Name of the cluster, as typed (descriptions and instance tags). */
  readonly clusterName: string;
  /** The cluster resource's name output (orders the group after the cluster). */
  readonly cluster: pulumi.Input<string>;
  readonly nodeRoleArn: pulumi.Input<string>;
  /** Private subnets of the group's zones. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One EKS managed node group with its own launch template: the group's AMI type, capacity type,
 * instance types, scaling bounds, `inferstack.io/node-pool` label and (GPU groups) the
 * `nvidia.com/gpu=true:NoSchedule` taint of `components/compute/scheduling.ts`.
 */
export class ManagedNodeGroup extends pulumi.ComponentResource {
  readonly nodeGroupName: pulumi.Output<string>;
  readonly launchTemplateId: pulumi.Output<string>;

  constructor(name: string, args: ManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.nodeGroup, name, {}, opts);
    const template = new aws.ec2.LaunchTemplate(`${name}-launch-template`, renderLaunchTemplate(args.clusterName, args.group, args.tags), { parent: this });
    const settings = renderNodeGroup(args.group, args.tags);
    const group = new aws.eks.NodeGroup(
      `${name}-node-group`,
      {
        clusterName: args.cluster,
        nodeGroupNamePrefix: nodeGroupNamePrefix(args.group.pool),
        nodeRoleArn: args.nodeRoleArn,
        subnetIds: [...args.subnetIds],
        launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
        ...settings,
      },
      // The cluster autoscaler owns the current size between the bounds.
      { parent: this, ignoreChanges: ["scalingConfig.desiredSize"] },
    );
    this.nodeGroupName = group.nodeGroupName;
    this.launchTemplateId = template.id;
    this.registerOutputs({ nodeGroupName: this.nodeGroupName, launchTemplateId: this.launchTemplateId });
  }
}
