import fc from "fast-check";
import { formatCidr, isNetworkAddress, isOpenCidr, parseCidr, subnetLayout } from "../../../components/network/layout";
import { natGatewayZones, natZoneFor, renderFlowLogPolicy, renderSubnets } from "../../../components/network/render";
import { validatePolicyDocument } from "../../../components/identity/validate";
import { type ResolvedNetwork } from "../../../components/resolve/foundation-types";

describe("subnet layout", () => {
  it("gives each zone a private quarter and a public sixteenth of the last quarter", () => {
    expect(subnetLayout("10.0.0.0/16", ["us-east-1a", "us-east-1b", "us-east-1c"])).toEqual([
      { name: "us-east-1a", privateCidr: "10.0.0.0/18", publicCidr: "10.0.192.0/20" },
      { name: "us-east-1b", privateCidr: "10.0.64.0/18", publicCidr: "10.0.208.0/20" },
      { name: "us-east-1c", privateCidr: "10.0.128.0/18", publicCidr: "10.0.224.0/20" },
    ]);
    expect(subnetLayout("172.31.16.0/20", ["eu-west-1a", "eu-west-1b"])).toEqual([
      { name: "eu-west-1a", privateCidr: "172.31.16.0/22", publicCidr: "172.31.28.0/24" },
      { name: "eu-west-1b", privateCidr: "172.31.20.0/22", publicCidr: "172.31.29.0/24" },
    ]);
  });

  it("never overlaps subnets and keeps them inside the VPC, for every allowed block and zone count", () => {
    const range = (cidr: string) => {
      const { address, prefix } = parseCidr(cidr);
      return [address, address + 2 ** (32 - prefix)] as const;
    };
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 20 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 2, max: 3 }), (prefix, raw, zones) => {
        const address = raw - (raw % 2 ** (32 - prefix));
        const vpc = formatCidr({ address, prefix });
        const [low, high] = range(vpc);
        const blocks = subnetLayout(vpc, ["a", "b", "c"].slice(0, zones)).flatMap((z) => [z.privateCidr, z.publicCidr]).map(range);
        for (const [start, end] of blocks) expect(start >= low && end <= high).toBe(true);
        const sorted = [...blocks].sort((x, y) => x[0] - y[0]);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i]![0] >= sorted[i - 1]![1]).toBe(true);
      }),
    );
  });

  it.each([
    ["10.0.0.0/16", true],
    ["10.0.1.0/16", false],
    ["10.0.0.128/25", true],
  ])("tells whether %s is a network address", (cidr, expected) => {
    expect(isNetworkAddress(parseCidr(cidr))).toBe(expected);
  });

  it("treats only /0 blocks as open to the internet", () => {
    expect([isOpenCidr("0.0.0.0/0"), isOpenCidr("203.0.113.0/24"), isOpenCidr("0.0.0.0/1")]).toEqual([true, false, false]);
  });
});

describe("network renderers", () => {
  const network: Extract<ResolvedNetwork, { mode: "create" }> = {
    mode: "create",
    cidr: "10.0.0.0/16",
    zones: subnetLayout("10.0.0.0/16", ["us-east-1a", "us-east-1b"]),
    natGateways: "single",
    flowLogs: { enabled: true, retentionDays: 30 },
  };

  it("tags private subnets for internal and public ones for internet-facing load balancers, and never maps public IPs", () => {
    expect(renderSubnets(network, "inferstack-dev", { env: "dev" })).toEqual([
      { role: "private-us-east-1a", zone: "us-east-1a", cidr: "10.0.0.0/18", public: false, tags: { env: "dev", Name: "inferstack-dev-private-us-east-1a", "kubernetes.io/role/internal-elb": "1" } },
      { role: "public-us-east-1a", zone: "us-east-1a", cidr: "10.0.192.0/20", public: true, tags: { env: "dev", Name: "inferstack-dev-public-us-east-1a", "kubernetes.io/role/elb": "1" } },
      { role: "private-us-east-1b", zone: "us-east-1b", cidr: "10.0.64.0/18", public: false, tags: { env: "dev", Name: "inferstack-dev-private-us-east-1b", "kubernetes.io/role/internal-elb": "1" } },
      { role: "public-us-east-1b", zone: "us-east-1b", cidr: "10.0.208.0/20", public: true, tags: { env: "dev", Name: "inferstack-dev-public-us-east-1b", "kubernetes.io/role/elb": "1" } },
    ]);
  });

  it("routes every zone through one NAT gateway, or each through its own", () => {
    expect([natGatewayZones(network), natZoneFor(network, "us-east-1b")]).toEqual([["us-east-1a"], "us-east-1a"]);
    const perZone = { ...network, natGateways: "per-zone" as const };
    expect([natGatewayZones(perZone), natZoneFor(perZone, "us-east-1b")]).toEqual([["us-east-1a", "us-east-1b"], "us-east-1b"]);
  });

  it("lets the flow-log role write into its own log group only", () => {
    const policy = renderFlowLogPolicy("arn:aws:logs:us-east-1:111122223333:log-group:/inferstack/x/vpc-flow-logs");
    expect(policy.Statement).toEqual([
      {
        Sid: "WriteFlowLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: ["arn:aws:logs:us-east-1:111122223333:log-group:/inferstack/x/vpc-flow-logs", "arn:aws:logs:us-east-1:111122223333:log-group:/inferstack/x/vpc-flow-logs:*"],
      },
    ]);
    expect(validatePolicyDocument(policy, "identity")).toEqual([]);
  });
});
