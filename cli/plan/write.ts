import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Replaces `dir` with exactly `files`, atomically: the files are written to a sibling temporary
 * directory which then takes the place of `dir`, so a failed run never leaves partial output.
 */
export function writeDirectory(dir: string, files: ReadonlyMap<string, string>): void {
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  const temporary = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}.tmp-`));
  try {
    for (const [file, content] of files) {
      const target = path.join(temporary, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(temporary, dir);
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}
