/** The cost section of the plan summary: one row per priced item and the total, at both scales. */
import { type CostEstimate, type CostLine } from "./estimate";

/** Formats dollars with thousands separators and cents: `1,234.50`. */
export function usd(amount: number): string {
  const [whole, fraction] = amount.toFixed(2).split(".");
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}

/** Formats an hourly unit price with up to four decimals: `0.263`, `0.1`. */
function hourly(amount: number): string {
  const text = amount.toFixed(4).replace(/0+$/, "");
  return text.endsWith(".") || /\.\d$/.test(text) ? amount.toFixed(2) : text;
}

function range(low: string, high: string): string {
  return low === high ? low : `${low} – ${high}`;
}

function row(line: CostLine): string[] {
  return [
    line.item,
    line.unit,
    line.capacityType ?? "",
    range(String(line.units.min), String(line.units.max)),
    range(hourly(line.hourlyUsd.min), hourly(line.hourlyUsd.max)),
    usd(line.monthlyUsd.min),
    usd(line.monthlyUsd.max),
  ];
}

/** Renders the section body (Markdown): the table, then the assumptions. */
export function renderCostSection(estimate: CostEstimate): string {
  const header = ["Item", "Unit", "Capacity", "Units (min – max)", "USD per unit-hour", "USD/month at min", "USD/month at max"];
  const rows = [...estimate.lines.map(row), ["**Total**", "", "", "", "", `**${usd(estimate.monthlyUsd.min)}**`, `**${usd(estimate.monthlyUsd.max)}**`]];
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line), "", ...estimate.notes.map((n) => `- ${n}`)].join("\n");
}
