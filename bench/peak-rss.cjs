// Preloaded (`node -r`) into processes the bench does not instrument itself (the CLI, the bare SDK
// load): writes the peak resident memory, in KiB, to the file named by BENCH_PEAK_RSS_FILE. A process
// started by one of them with the same preload (the CLI re-executing itself with its V8 flags) shares
// the file: the larger peak stays.
const fs = require("node:fs");

process.on("exit", () => {
  const file = process.env.BENCH_PEAK_RSS_FILE;
  if (!file) return;
  const earlier = fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : 0;
  fs.writeFileSync(file, String(Math.max(earlier, process.resourceUsage().maxRSS)));
});
