// Preloaded (`node -r`) into processes the bench does not instrument itself (the CLI, the bare SDK
// load): writes the process's peak resident memory, in KiB, to the file named by BENCH_PEAK_RSS_FILE.
const fs = require("node:fs");

process.on("exit", () => {
  if (process.env.BENCH_PEAK_RSS_FILE) fs.writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
