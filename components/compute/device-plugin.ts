import * as k8s from "../kubernetes-sdk";
import * as pulumi from "@pulumi/pulumi";
import { TOKENS } from "../tokens";
import { DEVICE_PLUGIN_CHART, renderDevicePluginValues } from "./device-plugin-values";

/** Arguments of {@link NvidiaDevicePlugin}. */
export interface NvidiaDevicePluginArgs {
  /** Node pools whose nodes run AL2023 NVIDIA AMIs (`devicePluginPools`); never Bottlerocket ones. */
  readonly pools: readonly string[];
}

/**
 * The NVIDIA device plugin from its official Helm chart (pinned 0.20.0), on the GPU node pools whose
 * AMI does not ship it, so that GPU containers can request `nvidia.com/gpu`.
 */
export class NvidiaDevicePlugin extends pulumi.ComponentResource {
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: NvidiaDevicePluginArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOKENS.devicePlugin, name, {}, opts);
    this.release = new k8s.helm.v3.Release(
      `${name}-release`,
      {
        name: DEVICE_PLUGIN_CHART.releaseName,
        chart: DEVICE_PLUGIN_CHART.chart,
        version: DEVICE_PLUGIN_CHART.version,
        repositoryOpts: { repo: DEVICE_PLUGIN_CHART.repository },
        namespace: DEVICE_PLUGIN_CHART.namespace,
        values: renderDevicePluginValues(args.pools),
      },
      { parent: this },
    );
    this.registerOutputs({ release: this.release.status.name });
  }
}
