import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "out/", "cdk.out/", "dist/", "bench/results/", "**/*.generated.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      eqeqeq: ["error", "always"],
      "no-restricted-syntax": [
        "error",
        { selector: "LogicalExpression[operator='||'][right.type=/Literal|ObjectExpression|ArrayExpression/]", message: "Use ?? for defaults, never ||." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Every command loads what these import: a package index would load every namespace of it, and
    // zod must be configured (components/zod.ts) before a schema is created.
    files: ["stacks/**/*.ts", "components/**/*.ts", "policies/**/*.ts", "cli/**/*.ts", "cdk/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@pulumi/aws", message: "Import AWS from components/aws-sdk.ts (each class from its own module).", allowTypeImports: true },
            { name: "@pulumi/kubernetes", message: "Import Kubernetes from components/kubernetes-sdk.ts (each kind from its own module).", allowTypeImports: true },
            { name: "zod", message: "Import z from components/zod.ts (zod configured once, before any schema is created).", allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
