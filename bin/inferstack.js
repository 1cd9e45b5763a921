#!/usr/bin/env node
// The `inferstack` command. TypeScript sources are compiled on load by swc (no build step).
const { applyV8Flags } = require("./node-flags");
const { deferSdkModules } = require("./sdk-modules");

applyV8Flags();
deferSdkModules();
require("./register");
let finished = false;
process.on("exit", () => {
  // The event loop ran dry while the command still waited on a promise nothing would settle.
  if (finished) return;
  process.stderr.write("internal error: the command stopped before it finished: it was waiting on a promise that nothing settles (an Output that never resolves?)\n");
  process.exitCode = 3;
});
require("../cli/main")
  .main(process.argv.slice(2))
  .then(
    (code) => {
      finished = true;
      process.exitCode = code;
    },
    (error) => {
      finished = true;
      throw error;
    },
  );
