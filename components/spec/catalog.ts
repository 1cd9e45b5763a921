import { parseWith, problemAt, type Origin } from "./issues";
import { closest, describeValue, listChoices, type Problem } from "./problems";
import { ModelSpec } from "./model";
import { parseYaml } from "./source";

/** One file of the model catalog. */
export interface CatalogFile {
  /** Path relative to the project root, e.g. `catalog/vision/resnet50.yaml`. */
  readonly file: string;
  readonly text: string;
}

/** A model of the catalog with the place it was typed. */
export interface CatalogModel {
  readonly spec: ModelSpec;
  readonly origin: Origin;
}

/**
 * Parses every catalog file. Checks that need the whole catalog happen here: duplicate model names
 * and environment keys that name no stack.
 */
export function parseCatalog(files: readonly CatalogFile[], stacks: readonly string[]): { models: CatalogModel[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const models: CatalogModel[] = [];
  for (const { file, text } of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    const parsed = parseYaml(file, text);
    problems.push(...parsed.problems);
    if (!parsed.source) continue;
    const origin: Origin = { file, basePath: "", source: parsed.source };
    const model = parseWith(ModelSpec, parsed.source.value ?? {}, origin);
    problems.push(...model.problems);
    if (model.value) models.push({ spec: model.value, origin });
  }

  const firstByName = new Map<string, CatalogModel>();
  const unique: CatalogModel[] = [];
  for (const model of models) {
    const first = firstByName.get(model.spec.name);
    if (first) {
      const where = `${first.origin.file}${lineSuffix(first.origin)}`;
      problems.push(
        problemAt(model.origin, ["name"], `duplicate model name; got ${describeValue(model.spec.name)}, already defined in ${where}. Rename one of them or delete the copy.`),
      );
      continue;
    }
    firstByName.set(model.spec.name, model);
    unique.push(model);
    for (const environment of Object.keys(model.spec.environments).sort()) {
      if (stacks.includes(environment)) continue;
      const hint = closest(environment, stacks);
      problems.push(
        problemAt(
          model.origin,
          ["environments", environment],
          `names no stack; got ${describeValue(environment)}. ${hint ? `Did you mean "${hint}"?` : `Use one of ${listChoices(stacks)}, or add stacks/Pulumi.${environment}.yaml.`}`,
        ),
      );
    }
  }
  return { models: unique, problems };
}

function lineSuffix(origin: Origin): string {
  const line = origin.source?.lineOf(["name"]);
  return line === undefined ? "" : `:${line}`;
}
