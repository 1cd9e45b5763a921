import { estimateCost } from "../../../components/cost/estimate";
import { renderCostSection, usd } from "../../../components/cost/summary";
import { loadPlatform } from "../../../components/resolve";
import { inputFrom, shippedPlatform } from "../../helpers/input";
import { CREATE_DEV_STACK } from "../../helpers/foundation-samples";
import { ONNX_MODEL } from "../../helpers/samples";

/** Monthly figures per item, [min, max]. */
const monthly = (stack: string) => Object.fromEntries(estimateCost(shippedPlatform(stack)).lines.map((l) => [l.item, [l.monthlyUsd.min, l.monthlyUsd.max]]));

describe("monthly cost of the shipped stacks (730 hours, us-east-1 prices)", () => {
  it("dev: spot pools at half price, two to three system nodes, one cluster, one NAT gateway", () => {
    expect(monthly("dev")).toEqual({
      system: [280.32, 420.48], // m6i.xlarge 0.192 × 2 and × 3
      cpu: [70.08, 140.16], // m6i.xlarge spot 0.192 × 0.5 = 0.096, × 1 and × 2
      t4: [191.99, 383.98], // g4dn.xlarge spot 0.526 × 0.5 = 0.263, × 1 and × 2
      "control plane": [73, 73],
      "NAT gateways": [36.5, 36.5], // (0.045 + 0.005) × 730
    });
    expect(estimateCost(shippedPlatform("dev")).monthlyUsd).toEqual({ min: 651.89, max: 1054.12 });
  });

  it("prod: on-demand A10G nodes from 3 to 12, six system nodes at most, a NAT gateway per zone", () => {
    expect(monthly("prod")).toEqual({
      system: [840.96, 1681.92], // m6i.2xlarge 0.384 × 3 and × 6
      a10g: [2654.28, 10617.12], // g5.2xlarge 1.212 × 3 and × 12
      "control plane": [73, 73],
      "NAT gateways": [109.5, 109.5], // 3 × 36.5
    });
    expect(estimateCost(shippedPlatform("prod")).monthlyUsd).toEqual({ min: 3677.74, max: 12481.54 });
  });

  it("staging (bring your own cluster): only the node pool the models need", () => {
    const estimate = estimateCost(shippedPlatform("staging"));
    expect(estimate.scope).toBe("node-pools");
    expect(monthly("staging")).toEqual({ a10g: [734.38, 2937.52] }); // g5.xlarge 1.006 × 1 and × 4
    expect(estimate.monthlyUsd).toEqual({ min: 734.38, max: 2937.52 });
  });
});

describe("cost estimate", () => {
  const resolve = (stackYaml: string) => loadPlatform(inputFrom("dev", stackYaml, { "catalog/resnet50.yaml": ONNX_MODEL }));

  it("prices a pool of several instance types at its cheapest at minimum and its dearest at maximum", () => {
    const estimate = estimateCost(resolve(CREATE_DEV_STACK.replace("[g4dn.xlarge]", "[g4dn.xlarge, g5.xlarge]").replace("    nodePools:", "    cost:\n      spotDiscountRatio: 0.6\n    nodePools:")));
    expect(estimate.lines.find((l) => l.item === "t4")).toEqual({
      item: "t4",
      kind: "node-pool",
      unit: "g4dn.xlarge | g5.xlarge",
      capacityType: "SPOT",
      units: { min: 1, max: 2 },
      hourlyUsd: { min: 0.2104, max: 0.4024 }, // 0.526 × 0.4 and 1.006 × 0.4
      monthlyUsd: { min: 153.59, max: 587.5 },
    });
    expect(estimate.notes[0]).toBe("Prices: us-east-1 on-demand list prices checked 2026-11-28, 730 hours a month; spot nodes assume 60% off on-demand (cost.spotDiscountRatio).");
  });

  it("says when the environment's region is not the price table's", () => {
    const estimate = estimateCost(resolve(CREATE_DEV_STACK.replace(/us-east-1/g, "eu-west-1")));
    expect(estimate.notes[1]).toBe("The environment runs in eu-west-1; its prices differ from us-east-1's.");
  });

  it("renders a summary table with a total row", () => {
    expect(renderCostSection(estimateCost(shippedPlatform("staging")))).toBe(
      [
        "| Item | Unit | Capacity | Units (min – max) | USD per unit-hour | USD/month at min | USD/month at max |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| a10g | g5.xlarge | ON_DEMAND | 1 – 4 | 1.006 | 734.38 | 2,937.52 |",
        "| **Total** |  |  |  |  | **734.38** | **2,937.52** |",
        "",
        "- Prices: us-east-1 on-demand list prices checked 2026-11-28, 730 hours a month; spot nodes assume 50% off on-demand (cost.spotDiscountRatio).",
        "- Bring-your-own cluster: only the node pools the models need are estimated; the control plane, NAT and system nodes are the cluster owner's.",
        "- Not included: EBS volumes, data transfer and NAT data processing, CloudWatch Logs, KMS keys, ECR and S3 storage and requests, load balancers.",
      ].join("\n"),
    );
    expect([usd(0.5), usd(1234567.891)]).toEqual(["0.50", "1,234,567.89"]);
  });
});
