/** Tests are transformed by swc (fast, no type-checking); `npm run typecheck` type-checks once. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // Each mock-engine test file loads @pulumi/pulumi (1-2 s); two workers match the 2-core build machines.
  maxWorkers: 2,
  testTimeout: 120000,
};
