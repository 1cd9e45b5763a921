/** Tests are transformed by swc with the options of the `inferstack` command (bin/swc-options.js), without type-checking; `npm run typecheck` type-checks once. */
const { swcOptions } = require("./bin/swc-options");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", swcOptions()],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // Each mock-engine test file loads @pulumi/pulumi (1-2 s); two workers match the 2-core build machines.
  maxWorkers: 2,
  testTimeout: 120000,
};
