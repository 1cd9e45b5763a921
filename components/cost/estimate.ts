/**
 * The monthly cost of an environment at minimum and at maximum scale, from the pinned price table
 * (`components/compute/instance-types.ts`): node pools, the system node group, the EKS control plane
 * and the NAT gateways. Pure: the same estimate feeds the plan summary and the stack output.
 */
import {
  EKS_CONTROL_PLANE_HOURLY_USD,
  HOURS_PER_MONTH,
  INSTANCE_TYPES,
  NAT_GATEWAY_HOURLY_USD,
  PRICE_REGION,
  PRICES_CHECKED,
  PUBLIC_IPV4_HOURLY_USD,
} from "../compute/instance-types";
import { natGatewayZones } from "../network/render";
import { type ResolvedPlatform } from "../resolve/types";
import { type CapacityType } from "../spec/environment";

/** A minimum and a maximum. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** One priced item. */
export interface CostLine {
  /** Node pool name, `system`, `control plane` or `NAT gateways`. */
  readonly item: string;
  readonly kind: "node-pool" | "system-nodes" | "control-plane" | "nat-gateways";
  /** What one unit is (instance types, `EKS cluster`, `NAT gateway + IPv4 address`). */
  readonly unit: string;
  readonly capacityType?: CapacityType;
  /** Units at minimum and maximum scale. */
  readonly units: Range;
  /** Price of one unit per hour: the cheapest instance type at minimum, the dearest at maximum. */
  readonly hourlyUsd: Range;
  readonly monthlyUsd: Range;
}

/** The estimate of one environment. */
export interface CostEstimate {
  readonly currency: "USD";
  readonly hoursPerMonth: number;
  /** Region the price table was taken for, and the environment's region. */
  readonly priceRegion: string;
  readonly region: string;
  readonly pricesChecked: string;
  readonly spotDiscountRatio: number;
  /** `foundation`: everything inferstack creates; `node-pools`: a bring-your-own cluster's node pools only. */
  readonly scope: "foundation" | "node-pools";
  readonly lines: readonly CostLine[];
  readonly monthlyUsd: Range;
  readonly notes: readonly string[];
}

/** Rounds to cents. */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** The monthly cost estimate of a resolved platform. */
export function estimateCost(platform: ResolvedPlatform): CostEstimate {
  const { environment, foundation } = platform;
  const { spotDiscountRatio } = environment.cost;
  const lines: CostLine[] = [];
  const nodeLine = (item: string, kind: CostLine["kind"], instanceTypes: readonly string[], capacityType: CapacityType, units: Range): CostLine => {
    const factor = capacityType === "SPOT" ? 1 - spotDiscountRatio : 1;
    const prices = instanceTypes.map((t) => INSTANCE_TYPES.get(t)!.onDemandHourlyUsd * factor);
    const hourlyUsd = { min: cents4(Math.min(...prices)), max: cents4(Math.max(...prices)) };
    return {
      item,
      kind,
      unit: instanceTypes.join(" | "),
      capacityType,
      units,
      hourlyUsd,
      monthlyUsd: { min: cents(units.min * hourlyUsd.min * HOURS_PER_MONTH), max: cents(units.max * hourlyUsd.max * HOURS_PER_MONTH) },
    };
  };
  if (foundation) {
    for (const group of foundation.nodeGroups) {
      lines.push(nodeLine(group.pool, group.system ? "system-nodes" : "node-pool", group.instanceTypes, group.capacityType, { min: group.minNodes, max: group.maxNodes }));
    }
    lines.push(fixedLine("control plane", "control-plane", "EKS cluster", 1, EKS_CONTROL_PLANE_HOURLY_USD));
    if (foundation.network.mode === "create") {
      lines.push(fixedLine("NAT gateways", "nat-gateways", "NAT gateway + IPv4 address", natGatewayZones(foundation.network).length, NAT_GATEWAY_HOURLY_USD + PUBLIC_IPV4_HOURLY_USD));
    }
  } else {
    for (const pool of environment.nodePools) lines.push(nodeLine(pool.name, "node-pool", pool.instanceTypes, pool.capacityType, { min: pool.minNodes, max: pool.maxNodes }));
  }
  const notes = [
    `Prices: ${PRICE_REGION} on-demand list prices checked ${PRICES_CHECKED}, ${HOURS_PER_MONTH} hours a month; spot nodes assume ${Math.round(spotDiscountRatio * 100)}% off on-demand (cost.spotDiscountRatio).`,
    ...(environment.aws.region === PRICE_REGION ? [] : [`The environment runs in ${environment.aws.region}; its prices differ from ${PRICE_REGION}'s.`]),
    ...(foundation ? [] : ["Bring-your-own cluster: only the node pools the models need are estimated; the control plane, NAT and system nodes are the cluster owner's."]),
    "Not included: EBS volumes, data transfer and NAT data processing, CloudWatch Logs, KMS keys, ECR and S3 storage and requests, load balancers.",
  ];
  return {
    currency: "USD",
    hoursPerMonth: HOURS_PER_MONTH,
    priceRegion: PRICE_REGION,
    region: environment.aws.region,
    pricesChecked: PRICES_CHECKED,
    spotDiscountRatio,
    scope: foundation ? "foundation" : "node-pools",
    lines,
    monthlyUsd: { min: cents(lines.reduce((sum, l) => sum + l.monthlyUsd.min, 0)), max: cents(lines.reduce((sum, l) => sum + l.monthlyUsd.max, 0)) },
    notes,
  };
}

function fixedLine(item: string, kind: CostLine["kind"], unit: string, count: number, hourly: number): CostLine {
  const hourlyUsd = cents4(hourly);
  const monthly = cents(count * hourlyUsd * HOURS_PER_MONTH);
  return { item, kind, unit, units: { min: count, max: count }, hourlyUsd: { min: hourlyUsd, max: hourlyUsd }, monthlyUsd: { min: monthly, max: monthly } };
}

/** Rounds an hourly price to 1/10,000 USD (the table's precision), removing float noise. */
function cents4(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
