// Compiles every TypeScript file the `inferstack` command and the bench can load into the compile
// cache of bin/register.js, so that the first command after `npm ci` (which runs this as the `prepare`
// script) starts as fast as the next one. Tests are compiled by jest, which has its own cache.
const fs = require("node:fs");
const path = require("node:path");
const { CACHE_DIR, compile } = require("./register");

// As Node resolves it: the cache is keyed by the path the require hook is given.
const ROOT = fs.realpathSync(path.join(__dirname, ".."));
// The directories tsconfig.json compiles, but the tests.
const SOURCE_DIRECTORIES = require("../tsconfig.json").include.filter((directory) => directory !== "test");

function typescriptFiles(directory) {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) return typescriptFiles(file);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [file] : [];
    });
}

let count = 0;
for (const directory of SOURCE_DIRECTORIES) {
  if (!fs.existsSync(path.join(ROOT, directory))) continue;
  for (const file of typescriptFiles(path.join(ROOT, directory))) {
    compile(fs.readFileSync(file, "utf8"), file);
    count += 1;
  }
}
process.stdout.write(`inferstack: ${count} TypeScript files in the compile cache (${path.relative(ROOT, CACHE_DIR)})\n`);
