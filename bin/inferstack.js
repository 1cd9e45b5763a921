#!/usr/bin/env node
// The `inferstack` command. TypeScript sources are compiled on load by swc (no build step).
const path = require("node:path");
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, "..", "tsconfig.json");
require("@swc-node/register");
require("../cli/main")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
