import { type RecordedResource } from "./engine";
import { plural } from "../io";

/** A resource with its children, for trees and diagrams. */
export interface TreeNode {
  readonly resource: RecordedResource;
  readonly children: TreeNode[];
}

/** Builds the resource tree rooted at the stack resource. Children sorted by type, then name. */
export function resourceTree(resources: readonly RecordedResource[]): TreeNode | undefined {
  const nodes = new Map(resources.map((r) => [r.urn, { resource: r, children: [] as TreeNode[] }]));
  let root: TreeNode | undefined;
  for (const node of nodes.values()) {
    const parent = node.resource.parent ? nodes.get(node.resource.parent) : undefined;
    if (parent) parent.children.push(node);
    else if (node.resource.type === "pulumi:pulumi:Stack") root = node;
  }
  for (const node of nodes.values()) {
    node.children.sort((a, b) => a.resource.type.localeCompare(b.resource.type) || a.resource.name.localeCompare(b.resource.name));
  }
  return root;
}

/** Number of resources under `node`, itself excluded. */
export function countDescendants(node: TreeNode): number {
  return node.children.reduce((sum, child) => sum + 1 + countDescendants(child), 0);
}

/**
 * Renders the tree as text lines. With `componentsOnly`, leaf resources are summarized as a count on
 * their component, which keeps the tree readable for catalogs of hundreds of models.
 */
export function renderTree(root: TreeNode, componentsOnly: boolean): string[] {
  const lines: string[] = [];
  const walk = (node: TreeNode, prefix: string, last: boolean, depth: number): void => {
    const r = node.resource;
    const leaves = node.children.filter((c) => c.children.length === 0 && c.resource.custom).length;
    const label = componentsOnly && !r.custom ? `${r.name}  ${r.type}  (${plural(leaves, "resource")})` : `${r.name}  ${r.type}`;
    lines.push(depth === 0 ? label : `${prefix}${last ? "└─ " : "├─ "}${label}`);
    const shown = componentsOnly ? node.children.filter((c) => !c.resource.custom) : node.children;
    const childPrefix = depth === 0 ? "" : `${prefix}${last ? "   " : "│  "}`;
    shown.forEach((child, i) => walk(child, childPrefix, i === shown.length - 1, depth + 1));
  };
  walk(root, "", true, 0);
  return lines;
}
