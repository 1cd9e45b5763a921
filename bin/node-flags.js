// V8 flags inferstack's commands run with, set when the process starts its work. They take effect at
// run time (v8.setFlagsFromString), so no second process is needed; Node would refuse them in
// NODE_OPTIONS. Under the mock engine every resource's registration is pending at once: at 1,000
// models the live heap passes 1 GB, and V8's own growth rule let the heap grow to 2.7 GiB around it.
// Growing it by 25% at most after each full collection holds the plan to about 1.3 GiB, for more
// garbage collection: about a fifth more wall time at 1,000 models (docs/benchmarks.md).
const v8 = require("node:v8");

const V8_FLAGS = ["--heap-growing-percent=25"];

/** Sets V8_FLAGS in this process. */
function applyV8Flags() {
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}

module.exports = { V8_FLAGS, applyV8Flags };
