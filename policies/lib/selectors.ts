/**
 * Label selectors matched in bulk. Several stack policies pair every Service, disruption budget,
 * NetworkPolicy or ServiceMonitor with the workloads or Services it selects; done pairwise, a stack
 * with a thousand server pools makes millions of `selects` calls. These indexes narrow each lookup to
 * the candidates that share one of the selector's matchLabels entries (key and value), then apply
 * `selects` to them: the result is exactly what a scan with `selects` returns, in the same order.
 */
import { obj, selects } from "./kubernetes";

/** The `matchLabels` part of a selector as `selects` reads it (a LabelSelector, or a plain label map). */
function matchLabelsOf(selector: unknown): [string, unknown][] {
  const s = obj(selector);
  const isLabelSelector = "matchLabels" in s || "matchExpressions" in s;
  return Object.entries(isLabelSelector ? obj(s.matchLabels) : s);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Labelled things (pod templates, Services), each in one namespace, found by the selectors that select them. */
export class LabelledIndex<T> {
  private readonly labels: Record<string, string>[];
  private readonly inNamespace = new Map<string, number[]>();
  /** Namespace → label key → label value → positions, in order. */
  private readonly byLabel = new Map<string, Map<string, Map<unknown, number[]>>>();

  constructor(
    private readonly items: readonly T[],
    namespaceOf: (item: T) => string,
    labelsOf: (item: T) => Record<string, string>,
  ) {
    this.labels = items.map(labelsOf);
    items.forEach((item, position) => {
      const namespace = namespaceOf(item);
      push(this.inNamespace, namespace, position);
      let keys = this.byLabel.get(namespace);
      if (keys === undefined) this.byLabel.set(namespace, (keys = new Map()));
      for (const [key, value] of Object.entries(this.labels[position]!)) {
        let values = keys.get(key);
        if (values === undefined) keys.set(key, (values = new Map()));
        push(values, value, position);
      }
    });
  }

  /** The items of `namespace` that `selector` selects, in their original order. */
  selectedBy(namespace: string, selector: unknown): T[] {
    const entries = matchLabelsOf(selector);
    // Every item the selector selects carries each of its matchLabels entries: start from the rarest.
    let candidates = entries.length === 0 ? this.inNamespace.get(namespace) : undefined;
    for (const [key, value] of entries) {
      const carrying = this.byLabel.get(namespace)?.get(key)?.get(value) ?? [];
      if (candidates === undefined || carrying.length < candidates.length) candidates = carrying;
    }
    return (candidates ?? []).filter((position) => selects(selector, this.labels[position]!)).map((position) => this.items[position]!);
  }
}

/** Things with a selector (budgets, NetworkPolicies, ServiceMonitors), found by the labels they select. */
export class SelectorIndex<T> {
  private readonly selectors: unknown[];
  /** Namespace ("" for any) → positions of items whose selector has no matchLabels entry. */
  private readonly unkeyed = new Map<string, number[]>();
  /** Namespace → a matchLabels key of the selector → its value → positions. */
  private readonly byLabel = new Map<string, Map<string, Map<unknown, number[]>>>();

  /** `namespaceOf` undefined: items select across namespaces. */
  constructor(
    private readonly items: readonly T[],
    selectorOf: (item: T) => unknown,
    private readonly namespaceOf?: (item: T) => string,
  ) {
    this.selectors = items.map(selectorOf);
    const entries = this.selectors.map(matchLabelsOf);
    // Each selector is filed under its rarest matchLabels entry, so that common labels (the runtime's
    // name, the part-of label) do not make every lookup scan every selector.
    const frequency = new Map<string, number>();
    const entryKey = ([key, value]: [string, unknown]) => JSON.stringify([key, typeof value, String(value)]);
    for (const list of entries) for (const entry of list) frequency.set(entryKey(entry), (frequency.get(entryKey(entry)) ?? 0) + 1);
    items.forEach((item, position) => {
      const namespace = namespaceOf?.(item) ?? "";
      const list = entries[position]!;
      if (list.length === 0) {
        push(this.unkeyed, namespace, position);
        return;
      }
      const rarest = list.reduce((best, entry) => (frequency.get(entryKey(entry))! < frequency.get(entryKey(best))! ? entry : best));
      let keys = this.byLabel.get(namespace);
      if (keys === undefined) this.byLabel.set(namespace, (keys = new Map()));
      let values = keys.get(rarest[0]);
      if (values === undefined) keys.set(rarest[0], (values = new Map()));
      push(values, rarest[1], position);
    });
  }

  /** The items (of `namespace`, when the index is per namespace) whose selector selects `labels`, in their original order. */
  selecting(labels: Record<string, string>, namespace?: string): T[] {
    const scope = this.namespaceOf === undefined ? "" : (namespace ?? "");
    const keys = this.byLabel.get(scope);
    const candidates = [...(this.unkeyed.get(scope) ?? [])];
    // A selector that selects `labels` has the entry it is filed under among them.
    if (keys !== undefined) for (const [key, value] of Object.entries(labels)) candidates.push(...(keys.get(key)?.get(value) ?? []));
    return candidates
      .sort((a, b) => a - b)
      .filter((position) => selects(this.selectors[position], labels))
      .map((position) => this.items[position]!);
  }
}
