import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { CUSTOM_IMAGE_SETTINGS, type ImageFile } from "./registry/build";
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

/**
 * Every file under `images/` (the custom images' build contexts, recursively) with the SHA-256 of its
 * bytes, sorted by path; [] when the directory does not exist. Resolve derives each image's content
 * tag from these and checks that each build context has its Dockerfile.
 */
export function readImageFiles(root: string): ImageFile[] {
  const dir = path.join(root, CUSTOM_IMAGE_SETTINGS.contextsDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  const files: ImageFile[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push({ path: path.relative(root, full).split(path.sep).join("/"), sha256: createHash("sha256").update(fs.readFileSync(full)).digest("hex") });
    }
  };
  walk(dir);
  return files;
}
