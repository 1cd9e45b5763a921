// Modules the Pulumi SDK requires when it loads but inferstack's commands never use: what the SDK
// needs only to serialize a function's code (`pulumi.runtime.serializeFunction`, behind dynamic
// providers and callbacks), namely TypeScript's compiler, which parses the function's text, and npm's
// arborist and normalize-package-data, which read the package tree for the function's code paths;
// and the Automation API (`pulumi.automation`), which drives the Pulumi CLI. They are four fifths of
// `require("@pulumi/pulumi")`: 0.48-0.56 s with them, 0.09-0.11 s without (bench machine).
//
// deferSdkModules() puts a stand-in for each into Node's module cache before the SDK loads. The SDK
// gets the stand-in; the first time anything reads from it, the real module loads and every read is
// passed on to it, so code that serializes a function or automates a stack still works, only later. A
// stand-in says it is an ES module (`__esModule`), so that TypeScript's and swc's import helpers hand
// it on as it is instead of copying (and so reading) every export. An SDK release that requires them
// from elsewhere, or reads them as it loads, only makes this a no-op. Only the `inferstack` command and
// the bench use it: under `pulumi up` the language host loads the SDK.
const Module = require("node:module");
const path = require("node:path");

const DEFERRED_MODULES = Object.freeze(["typescript", "@npmcli/arborist", "normalize-package-data", "@pulumi/pulumi/automation"]);

/** Replaces each of DEFERRED_MODULES, as the SDK resolves it, by a stand-in that loads it when first used. */
function deferSdkModules() {
  let sdk;
  try {
    sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  } catch {
    return;
  }
  for (const request of DEFERRED_MODULES) {
    let file;
    try {
      file = require.resolve(request, { paths: [sdk] });
    } catch {
      continue;
    }
    if (require.cache[file] === undefined) require.cache[file] = standIn(file);
  }
}

/** A loaded module whose exports load `file` on first use and then read from it. */
function standIn(file) {
  const module = new Module(file, null);
  let real;
  const load = () => {
    if (real === undefined) {
      // The real module replaces the stand-in in the cache (unless something loaded it already):
      // later requires get it directly.
      if (require.cache[file] === module) delete require.cache[file];
      real = require(file);
    }
    return real;
  };
  const exports = new Proxy(
    {},
    {
      get: (_, key) => {
        if (key === "__esModule") return true;
        const target = load();
        // A CommonJS module's default import is the module itself.
        return key === "default" && !target.__esModule ? target : target[key];
      },
      has: (_, key) => key === "__esModule" || key in load(),
      set: (_, key, value) => Reflect.set(load(), key, value),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        // The proxy's own target has no properties: report every property as configurable, as proxies must.
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  module.filename = file;
  module.loaded = true;
  module.exports = exports;
  return module;
}

module.exports = { DEFERRED_MODULES, deferSdkModules };
