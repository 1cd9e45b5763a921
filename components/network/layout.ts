/**
 * How a new VPC's address block is divided: a large private subnet per zone for nodes and pods (the
 * VPC CNI gives every pod a VPC address) and a small public subnet per zone for NAT gateways and
 * load balancers. Pure; used by resolve and by both engines.
 */
import { type ResolvedZone } from "../resolve/foundation-types";

/** Prefix lengths a new VPC may have: /16 gives 16,384 addresses per private subnet, /20 gives 1,024. */
export const VPC_PREFIX_RANGE = Object.freeze({ min: 16, max: 20 });

/** Most zones a new VPC spans: three private quarters plus the quarter split into public subnets. */
export const MAX_ZONES = 3;

/** An IPv4 CIDR block as numbers. */
export interface Cidr {
  /** The address as an unsigned 32-bit number. */
  readonly address: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/p` (already validated by the spec's `ipv4Cidr`). */
export function parseCidr(text: string): Cidr {
  const [ip, prefix] = text.split("/");
  const address = ip!.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
  return { address, prefix: Number(prefix) };
}

/** Renders a CIDR block as `a.b.c.d/p`. */
export function formatCidr(cidr: Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(cidr.address / 2 ** shift) % 256);
  return `${octets.join(".")}/${cidr.prefix}`;
}

/** True when the block's address is its network address (no host bits set). */
export function isNetworkAddress(cidr: Cidr): boolean {
  return cidr.address % 2 ** (32 - cidr.prefix) === 0;
}

/** True for a block that covers the whole internet (`/0`). */
export function isOpenCidr(text: string): boolean {
  return parseCidr(text).prefix === 0;
}

/**
 * Subnets of a new VPC: zone i gets private quarter i (prefix + 2) and public sixteenth i of the last
 * quarter (prefix + 4). With 10.0.0.0/16: private 10.0.0.0/18, 10.0.64.0/18, 10.0.128.0/18; public
 * 10.0.192.0/20, 10.0.208.0/20, 10.0.224.0/20.
 * @param zones zone names in the order their subnets are allocated (at most {@link MAX_ZONES})
 */
export function subnetLayout(vpcCidr: string, zones: readonly string[]): ResolvedZone[] {
  const vpc = parseCidr(vpcCidr);
  const quarter = 2 ** (32 - (vpc.prefix + 2));
  const sixteenth = 2 ** (32 - (vpc.prefix + 4));
  const publicBase = vpc.address + 3 * quarter;
  return zones.map((name, i) => ({
    name,
    privateCidr: formatCidr({ address: vpc.address + i * quarter, prefix: vpc.prefix + 2 }),
    publicCidr: formatCidr({ address: publicBase + i * sixteenth, prefix: vpc.prefix + 4 }),
  }));
}
