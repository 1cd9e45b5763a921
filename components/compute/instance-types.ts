/**
 * The pinned EC2 instance table: what each instance type offers and costs.
 *
 * GPU rows: EC2 DescribeInstanceTypes data as rendered in aws/karpenter-provider-aws
 * `website/content/en/preview/reference/instance-types.md` (HEAD 2026-08-21). GPU memory is EC2's
 * figure in MiB (a "24 GB" A10G reports 22888 MiB), which is what the device actually offers.
 * GPU prices: us-east-1 on-demand Linux, aws/karpenter-provider-aws
 * `pkg/providers/pricing/zz_generated.pricing_aws.go`, generated 2026-07-20 from the AWS pricing API.
 * CPU prices: us-east-1 on-demand Linux list prices from the AWS EC2 on-demand pricing page, as
 * repeated in several public price tables; checked 2026-11-28.
 * Prices are estimates for planning, not quotes: verify before relying on them.
 */

/** One GPU model. */
export interface GpuSpec {
  /** Marketing name, e.g. `A10G`. */
  readonly model: string;
  /** GPUs per instance. */
  readonly count: number;
  /** Memory per GPU in MiB, as EC2 reports it. */
  readonly memoryMiB: number;
}

/** One EC2 instance type. */
export interface InstanceType {
  readonly name: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** Absent for CPU-only types. */
  readonly gpu?: GpuSpec;
  /** On-demand Linux price per hour in us-east-1, USD. */
  readonly onDemandHourlyUsd: number;
}

/** Region the prices in this table were taken for. */
export const PRICE_REGION = "us-east-1";
/** Date the table was last checked. */
export const PRICES_CHECKED = "2026-11-28";

const gpu = (model: string, count: number, memoryMiB: number): GpuSpec => ({ model, count, memoryMiB });

const ROWS: readonly InstanceType[] = [
  { name: "g4dn.xlarge", vcpu: 4, memoryGiB: 16, gpu: gpu("T4", 1, 16384), onDemandHourlyUsd: 0.526 },
  { name: "g4dn.2xlarge", vcpu: 8, memoryGiB: 32, gpu: gpu("T4", 1, 16384), onDemandHourlyUsd: 0.752 },
  { name: "g4dn.12xlarge", vcpu: 48, memoryGiB: 192, gpu: gpu("T4", 4, 16384), onDemandHourlyUsd: 3.912 },
  { name: "g5.xlarge", vcpu: 4, memoryGiB: 16, gpu: gpu("A10G", 1, 22888), onDemandHourlyUsd: 1.006 },
  { name: "g5.2xlarge", vcpu: 8, memoryGiB: 32, gpu: gpu("A10G", 1, 22888), onDemandHourlyUsd: 1.212 },
  { name: "g5.12xlarge", vcpu: 48, memoryGiB: 192, gpu: gpu("A10G", 4, 22888), onDemandHourlyUsd: 5.672 },
  { name: "g5.48xlarge", vcpu: 192, memoryGiB: 768, gpu: gpu("A10G", 8, 22888), onDemandHourlyUsd: 16.288 },
  { name: "g6.xlarge", vcpu: 4, memoryGiB: 16, gpu: gpu("L4", 1, 22888), onDemandHourlyUsd: 0.8048 },
  { name: "g6.12xlarge", vcpu: 48, memoryGiB: 192, gpu: gpu("L4", 4, 22888), onDemandHourlyUsd: 4.6016 },
  { name: "g6e.xlarge", vcpu: 4, memoryGiB: 32, gpu: gpu("L40S", 1, 45776), onDemandHourlyUsd: 1.861 },
  { name: "g6e.12xlarge", vcpu: 48, memoryGiB: 384, gpu: gpu("L40S", 4, 45776), onDemandHourlyUsd: 10.49264 },
  { name: "p4d.24xlarge", vcpu: 96, memoryGiB: 1152, gpu: gpu("A100", 8, 40960), onDemandHourlyUsd: 21.957642 },
  { name: "p5.48xlarge", vcpu: 192, memoryGiB: 2048, gpu: gpu("H100", 8, 81920), onDemandHourlyUsd: 55.04 },
  { name: "m6i.large", vcpu: 2, memoryGiB: 8, onDemandHourlyUsd: 0.096 },
  { name: "m6i.xlarge", vcpu: 4, memoryGiB: 16, onDemandHourlyUsd: 0.192 },
  { name: "m6i.2xlarge", vcpu: 8, memoryGiB: 32, onDemandHourlyUsd: 0.384 },
  { name: "m7i.large", vcpu: 2, memoryGiB: 8, onDemandHourlyUsd: 0.1008 },
  { name: "m7i.xlarge", vcpu: 4, memoryGiB: 16, onDemandHourlyUsd: 0.2016 },
  { name: "m7i.2xlarge", vcpu: 8, memoryGiB: 32, onDemandHourlyUsd: 0.4032 },
];

/** Every instance type inferstack knows, by name. */
export const INSTANCE_TYPES: ReadonlyMap<string, InstanceType> = new Map(ROWS.map((row) => [row.name, Object.freeze(row)]));

/** Memory of one GPU in GiB. */
export function gpuMemoryGiB(type: InstanceType): number {
  return type.gpu ? type.gpu.memoryMiB / 1024 : 0;
}

/**
 * EKS control plane per cluster-hour in standard support ($0.60 in extended support, which a pinned,
 * supported version avoids). Source: AWS Containers blog "Amazon EKS extended support for Kubernetes
 * versions pricing" (standard support unchanged at $0.10), and the EKS pricing page as quoted by
 * cloudburn.io ("Amazon EKS Pricing", March 2026, us-east-1). Checked 2026-11-28.
 */
export const EKS_CONTROL_PLANE_HOURLY_USD = 0.1;

/**
 * NAT gateway per hour in us-east-1, before data processing ($0.045 per GB, not estimated). Source:
 * the AWS VPC pricing page as quoted by basavytix.com ("AWS NAT Gateway pricing") and cloudburn.io
 * (February 2026). Checked 2026-11-28.
 */
export const NAT_GATEWAY_HOURLY_USD = 0.045;

/** Public IPv4 address per hour (each NAT gateway's Elastic IP); same sources as the NAT gateway. */
export const PUBLIC_IPV4_HOURLY_USD = 0.005;

/** Hours in the average month that monthly estimates use (8,760 / 12). */
export const HOURS_PER_MONTH = 730;
