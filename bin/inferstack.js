#!/usr/bin/env node
// The `inferstack` command. TypeScript sources are compiled on load by swc (no build step).
const path = require("node:path");
const { HEAVY_COMMANDS, NODE_FLAGS } = require("./node-flags");

const args = process.argv.slice(2);
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
const missing = NODE_FLAGS.filter((flag) => !given.includes(flag));
if (missing.length > 0 && args.some((arg) => HEAVY_COMMANDS.includes(arg))) {
  // Heap flags take effect only when a process starts: run the command in one started with them.
  const { spawnSync } = require("node:child_process");
  const child = spawnSync(process.execPath, [...process.execArgv, ...missing, process.argv[1], ...args], { stdio: "inherit" });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 1;
} else {
  process.env.SWC_NODE_PROJECT ??= path.join(__dirname, "..", "tsconfig.json");
  require("@swc-node/register");
  require("../cli/main")
    .main(args)
    .then((code) => {
      process.exitCode = code;
    });
}
