import { parser } from "@prometheus-io/lezer-promql";

/**
 * PromQL syntax check with Prometheus' own Lezer grammar (the one its web UI uses). The parser never
 * throws: it recovers from errors by inserting error nodes, so the tree is walked for them. Syntax
 * only: type errors (a range vector where an instant vector belongs) need promtool.
 * @see https://github.com/prometheus/prometheus/tree/main/web/ui/module/lezer-promql
 * @returns one message per syntax error, with its offset and the text around it; empty when valid
 */
export function promqlSyntaxErrors(expr: string): string[] {
  const errors: string[] = [];
  if (expr.trim() === "") return ["empty expression"];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) {
        const near = expr.slice(Math.max(0, node.from - 10), node.to + 10);
        errors.push(`syntax error at offset ${node.from} near ${JSON.stringify(near)}`);
      }
    },
  });
  return errors;
}
