import fc from "fast-check";
import type { PolicyResource } from "@pulumi/policy";
import { referring, refersTo } from "../../../policies/lib/aws";
import { selects } from "../../../policies/lib/kubernetes";
import { ofType } from "../../../policies/lib/policy";
import { derived, firstByKey, withResourceIndex } from "../../../policies/lib/resource-index";
import { LabelledIndex, SelectorIndex } from "../../../policies/lib/selectors";

/** Small alphabets, so that random labels and selectors often match. */
const KEYS = ["app", "pool", "tier"];
const VALUES = ["a", "b", "c"];
const NAMESPACES = ["inferstack", "monitoring"];

const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 });
const expression = fc.record({
  key: fc.constantFrom(...KEYS),
  operator: fc.constantFrom("In", "NotIn", "Exists", "DoesNotExist"),
  values: fc.array(fc.constantFrom(...VALUES), { maxLength: 2 }),
});
/** A plain label map (Service) or a LabelSelector (matchLabels and/or matchExpressions). */
const selector = fc.oneof(
  labels,
  fc.record({ matchLabels: labels }),
  fc.record({ matchLabels: labels, matchExpressions: fc.array(expression, { maxLength: 2 }) }),
  fc.record({ matchExpressions: fc.array(expression, { maxLength: 2 }) }),
);
const labelled = fc.array(fc.record({ id: fc.nat(), namespace: fc.constantFrom(...NAMESPACES), labels }), { maxLength: 30 });
const selecting = fc.array(fc.record({ id: fc.nat(), namespace: fc.constantFrom(...NAMESPACES), selector }), { maxLength: 30 });

describe("label selector indexes", () => {
  it("find exactly the labelled items a scan with selects finds, in the same order", () => {
    fc.assert(
      fc.property(labelled, selector, fc.constantFrom(...NAMESPACES), (items, query, namespace) => {
        const index = new LabelledIndex(items, (i) => i.namespace, (i) => i.labels);
        expect(index.selectedBy(namespace, query)).toEqual(items.filter((i) => i.namespace === namespace && selects(query, i.labels)));
      }),
      { numRuns: 500 },
    );
  });

  it("find exactly the selectors that select some labels, per namespace and across namespaces, in the same order", () => {
    fc.assert(
      fc.property(selecting, labels, fc.constantFrom(...NAMESPACES), (items, query, namespace) => {
        const perNamespace = new SelectorIndex(items, (i) => i.selector, (i) => i.namespace);
        expect(perNamespace.selecting(query, namespace)).toEqual(items.filter((i) => i.namespace === namespace && selects(i.selector, query)));
        const anywhere = new SelectorIndex(items, (i) => i.selector);
        expect(anywhere.selecting(query)).toEqual(items.filter((i) => selects(i.selector, query)));
      }),
      { numRuns: 500 },
    );
  });

  it("treat a non-string selector value as never matching a label, as selects does", () => {
    const items = [{ namespace: "inferstack", labels: { pool: "1" } }];
    const index = new LabelledIndex(items, (i) => i.namespace, (i) => i.labels);
    expect(index.selectedBy("inferstack", { matchLabels: { pool: 1 } })).toEqual([]);
    expect(new SelectorIndex([{ selector: { pool: 1 } }], (i) => i.selector).selecting({ pool: "1" })).toEqual([]);
  });
});

/** A resource with the fields `refersTo` reads. */
function resource(urn: string, props: Record<string, unknown>, dependencies: readonly string[] = []): PolicyResource {
  return { urn, type: "aws:iam/rolePolicy:RolePolicy", name: urn, props, dependencies: dependencies.map((d) => ({ urn: d })) } as unknown as PolicyResource;
}

describe("referring", () => {
  const targets = [resource("urn:role-a", { id: "role-a", arn: "arn:aws:iam::1:role/role-a", name: "role-a" }), resource("urn:role-b", { id: "role-b", name: "role-b" })];
  const reference = fc.oneof(
    fc.constantFrom("role-a", "role-b", "arn:aws:iam::1:role/role-a", "urn:role-a", "[unknown]", "other"),
    fc.constantFrom({ urn: "urn:role-a" }, { urn: "urn:role-b" }, { urn: 7 }, null),
    fc.constant(undefined),
  );
  const candidates = fc.array(
    fc.record({ role: reference, dependencies: fc.subarray(["urn:role-a", "urn:role-b", "urn:role-a"]) }),
    { maxLength: 20 },
  );

  it("finds exactly the candidates refersTo accepts, in their order, inside and outside a policy run", () => {
    fc.assert(
      fc.property(candidates, (specs) => {
        const list = Object.freeze(specs.map((s, i) => resource(`urn:policy-${i}`, s.role === undefined ? {} : { role: s.role }, s.dependencies)));
        for (const target of targets) {
          const scan = list.filter((c) => refersTo(c, "role", target));
          expect(referring(list, "role", target)).toEqual(scan);
          expect(withResourceIndex(list, () => referring(list, "role", target))).toEqual(scan);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("lookups shared within a policy run", () => {
  const resources = [resource("urn:a", {}), resource("urn:b", {})];

  it("are built once per list inside withResourceIndex, for the run's list and frozen lists, and on every call outside it", () => {
    let builds = 0;
    const build = () => ++builds;
    const frozen = Object.freeze([...resources]);
    const unfrozen = [...resources];
    withResourceIndex(resources, () => {
      expect([derived(resources, "k", build), derived(resources, "k", build), derived(frozen, "k", build), derived(frozen, "k", build)]).toEqual([1, 1, 2, 2]);
      expect([derived(unfrozen, "k", build), derived(unfrozen, "k", build)]).toEqual([3, 4]);
    });
    expect([derived(resources, "k", build), derived(resources, "k", build)]).toEqual([5, 6]);
  });

  it("return ofType's list frozen, so that sharing it is safe", () => {
    const list = ofType(resources, "aws:iam/rolePolicy:RolePolicy");
    expect(list).toEqual(resources);
    expect(Object.isFrozen(list)).toBe(true);
  });

  it("index the first item of each key, as find does", () => {
    const items = [{ k: "x", n: 1 }, { k: undefined, n: 2 }, { k: "x", n: 3 }, { k: "y", n: 4 }];
    expect([...firstByKey(items, (i) => i.k)]).toEqual([
      ["x", { k: "x", n: 1 }],
      ["y", { k: "y", n: 4 }],
    ]);
  });
});
