// Compiles inferstack's TypeScript when Node loads it, with swc (bin/swc-options.js): there is no build
// step. `node -r ./bin/register.js file.ts` runs a TypeScript file; bin/inferstack.js requires it.
//
// Compiled files are kept in a cache on disk (node_modules/.cache/inferstack-swc, or the directory
// INFERSTACK_COMPILE_CACHE names; `npm ci` fills it, see bin/warm-compile-cache.js), under a hash of the
// compiler's version and options, the file's path and its text: an edited file is compiled again, an
// unchanged one is read back. The compiler loads only when a file is missing from the cache. When the
// cache cannot be written, files are compiled in memory, as if there were none.
//
// Stack traces point into the TypeScript. A file's source map is read only when a stack that passes
// through the file is formatted (source-map-support); Node's own source-map support decodes every
// file's map as the file loads, 0.2 s and 20 MiB of a command's start. Nothing loads TypeScript's own
// compiler: @swc-node/register, which this replaces, did (to read tsconfig.json), for another 0.2 s.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { addHook } = require("pirates");
const sourceMapSupport = require("source-map-support");
const { swcOptions } = require("./swc-options");

const CACHE_DIR = process.env.INFERSTACK_COMPILE_CACHE || path.join(__dirname, "..", "node_modules", ".cache", "inferstack-swc");
const CACHE_SALT = `${require("@swc/core/package.json").version}\0${JSON.stringify(swcOptions())}`;

/** The cache entry of each loaded file (its map is beside its code), or its map when it was compiled in memory. */
const loaded = new Map();
let swc;

/** The cache key of one file's text at one path. */
function cacheKey(code, filename) {
  return crypto.createHash("sha256").update(CACHE_SALT).update("\0").update(filename).update("\0").update(code).digest("hex");
}

/** Compiles a file: `{ code, map }`. */
function transform(code, filename) {
  swc ??= require("@swc/core");
  return swc.transformSync(code, { ...swcOptions(), filename, sourceMaps: true });
}

/** Writes `content` to `file` whole or not at all (another process may be reading or writing it). */
function writeAtomically(file, content) {
  const partial = `${file}.${process.pid}.partial`;
  try {
    fs.writeFileSync(partial, content);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Compiles a file, or reads it from the cache; compiles and caches it when missing. */
function compile(code, filename) {
  const entry = path.join(CACHE_DIR, cacheKey(code, filename));
  try {
    const cached = fs.readFileSync(`${entry}.js`, "utf8");
    loaded.set(filename, { entry });
    return cached;
  } catch {
    // Not cached yet.
  }
  const output = transform(code, filename);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    writeAtomically(`${entry}.map`, output.map);
    writeAtomically(`${entry}.js`, output.code);
    loaded.set(filename, { entry });
  } catch {
    loaded.set(filename, { map: output.map });
  }
  return output.code;
}

/** The source map of a file this hook compiled, for source-map-support; null for any other file. */
function sourceMapOf(filename) {
  const file = loaded.get(filename);
  if (file === undefined) return null;
  try {
    return { url: filename, map: file.map ?? fs.readFileSync(`${file.entry}.map`, "utf8") };
  } catch {
    return null;
  }
}

// Only inferstack's files are mapped: frames in packages keep their JavaScript positions, and no
// package's map is read from disk.
sourceMapSupport.install({ environment: "node", handleUncaughtExceptions: false, overrideRetrieveSourceMap: true, retrieveSourceMap: sourceMapOf });
addHook(compile, { exts: [".ts"], ignoreNodeModules: true });

module.exports = { CACHE_DIR, compile };
