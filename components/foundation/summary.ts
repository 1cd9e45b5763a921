/** The AWS foundation section of the plan summary: cluster, node groups, registry and model store. */
import { type ResolvedPlatform } from "../resolve/types";
import { GPU_TAINT } from "../compute/scheduling";
import { type ResolvedFoundation } from "../resolve/foundation-types";

/** Renders the section body (Markdown); bring-your-own environments get one sentence instead. */
export function renderFoundationSection(foundation: ResolvedFoundation | undefined, platform?: Pick<ResolvedPlatform, "environment" | "serverPools">): string {
  if (!foundation) {
    const byo = "Bring your own cluster (`cluster.mode: existing`): inferstack creates no AWS foundation here. Label and taint its nodes as README § AWS foundation describes.";
    const store = platform?.environment.modelStore;
    if (platform === undefined || store === undefined) return byo;
    const lines = platform.serverPools.map((pool) => {
      const role = pool.readerRoleArn;
      const subject = `system:serviceaccount:${platform.environment.namespace}:${pool.serviceAccount}`;
      return role === undefined
        ? `- \`${pool.name}\`: no AWS identity (set modelStore.readerRoleArn or readerRoleArns.${pool.name}).`
        : `- \`${pool.name}\` as \`${role}\`: its trust policy must admit \`${subject}\`.`;
    });
    return `${byo}\n\nServing pods read the model store \`s3://${store.bucket}\` through IRSA:\n\n${lines.join("\n")}`;
  }
  const { cluster, network, registry, modelStore } = foundation;
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const endpoint = cluster.endpoint.publicAccess ? `private and public (${cluster.endpoint.publicAccessCidrs.join(", ")})` : "private only";
  const networkText =
    network.mode === "create"
      ? `new VPC ${network.cidr} in ${network.zones.map((z) => z.name).join(", ")}, ${network.natGateways === "single" ? "one NAT gateway" : "a NAT gateway per zone"}, flow logs ${network.flowLogs.enabled ? "on" : "off"}`
      : `existing VPC ${network.vpcId} (${network.zones.map((z) => `${z.name} ${z.privateSubnetId}`).join(", ")})`;
  const groups = [
    line(["Node group", "AMI type", "Capacity", "Instance types", "Nodes (min/desired/max)", "Zones", "Disk GiB", "GPU taint", "Device plugin"]),
    line(Array(9).fill("---")),
    ...foundation.nodeGroups.map((g) =>
      line([
        `\`${g.pool}\``,
        g.amiType,
        g.capacityType,
        g.instanceTypes.join(", "),
        `${g.minNodes}/${g.desiredNodes}/${g.maxNodes}`,
        g.zones.join(", "),
        g.blockDevices.map((d) => d.volumeSizeGiB).join(" + "),
        g.taints.length > 0 ? `${GPU_TAINT.key}=${GPU_TAINT.value}:${GPU_TAINT.effect}` : "",
        g.devicePlugin === "none" ? "" : g.devicePlugin === "ami" ? "AMI" : "Helm chart",
      ]),
    ),
  ];
  return [
    `- EKS cluster \`${cluster.name}\`, Kubernetes ${cluster.kubernetesVersion}, API endpoint ${endpoint}, control-plane logs ${cluster.logging.types.join(", ")} kept ${cluster.logging.retentionDays} days.`,
    `- Network: ${networkText}.`,
    `- Registry \`${registry.host}/${registry.prefix}\`: ${registry.repositories.length === 0 ? "no repositories" : registry.repositories.map((r) => `\`${r.name}\``).join(", ")} (immutable tags, ${registry.scanType === undefined ? "scan on push" : `${registry.scanType} registry scanning`}).`,
    `- Model store \`s3://${modelStore.bucket}\`${modelStore.logBucket === undefined ? "" : `, access logs to \`s3://${modelStore.logBucket}\``}; one read-only IRSA role per server pool (${foundation.identities.length}).`,
    "",
    ...groups,
  ].join("\n");
}
