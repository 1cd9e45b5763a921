// V8 flags the heavy commands run with, set at start-up (Node reads heap flags only then). The Pulumi
// SDK allocates several promises and closures per resource property, nearly all dead a few microtask
// rounds later; with V8's default 16 MiB semi-spaces many are promoted to the old generation first,
// and a 1,000-model plan spent over a third of its time collecting garbage. 64 MiB semi-spaces cut the
// plan's time by about a fifth for some 50 MiB more memory (docs/benchmarks.md).
module.exports = {
  /** Commands that run the Pulumi program under the mock engine. */
  HEAVY_COMMANDS: ["plan", "policy"],
  NODE_FLAGS: ["--max-semi-space-size=64"],
};
