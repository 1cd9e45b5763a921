import * as fs from "node:fs";
import * as path from "node:path";
import { type CatalogFile } from "./spec/catalog";
import { type Problem } from "./spec/problems";

/** Directory of the stack config files (Pulumi.yaml `stackConfigDir`). */
export const STACKS_DIR = "stacks";

/** The project-relative path of a stack's config file. */
export function stackFile(stack: string): string {
  return `${STACKS_DIR}/Pulumi.${stack}.yaml`;
}

/** Names of every stack that has a config file, sorted. */
export function listStacks(root: string): string[] {
  const dir = path.join(root, STACKS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/** Reads every `.yaml`/`.yml` file under the catalog directory (recursively), sorted by path. */
export function readCatalog(root: string, catalogDir: string): { files: CatalogFile[]; problems: Problem[] } {
  const dir = path.resolve(root, catalogDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return {
      files: [],
      problems: [
        {
          file: STACKS_DIR,
          path: "inferstack:catalog",
          message: `names no directory; got ${JSON.stringify(catalogDir)}. Create it with one YAML file per model, or point inferstack:catalog at the catalog directory.`,
        },
      ],
    };
  }
  const files: CatalogFile[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) {
        files.push({ file: path.relative(root, full).split(path.sep).join("/"), text: fs.readFileSync(full, "utf8") });
      }
    }
  };
  walk(dir);
  return { files, problems: [] };
}
