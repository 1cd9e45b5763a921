// How inferstack's TypeScript becomes JavaScript, in one place: the `inferstack` command's require
// hook (bin/register.js) and jest (jest.config.js) compile with these options. swc strips the types
// and checks nothing: `npm run typecheck` (tsc --noEmit) type-checks once. The target and module
// format follow tsconfig.json.

/** The swc options, as a new object each time (a caller may add to it). */
function swcOptions() {
  return { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } };
}

module.exports = { swcOptions };
