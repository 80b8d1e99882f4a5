import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "dist", "build", "native/build", "native/.cache", ".cache", "resources/bin"] },
  js.configs.recommended,
  { files: ["**/*.mjs", "scripts/**"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The shared folder is pure: importable from main, preload, core, CLI and the renderer alike.
    files: ["electron/shared/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "electron", "fs", "path", "child_process", "better-sqlite3", "node-llama-cpp"] }],
    },
  },
  {
    files: ["electron/core/**/*.ts", "electron/cli/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: ["electron"], patterns: ["**/main/**", "**/preload/**", "**/renderer/**"] }] },
  },
  {
    // One road: the CLI reaches core only through the app's handlers (createHandlers' dispatch),
    // the workspace opener (openApi, the data folder) and shared code; commands parse flags and
    // format output, nothing else.
    files: ["electron/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["electron"],
          patterns: [
            { group: ["**/main/**", "**/preload/**", "**/renderer/**"] },
            {
              regex: "/core/(?!(api/openApi|api/createHandlers|workspace/appDataDir)$)",
              message: "the CLI calls core through the handlers (context.ts: call); add what it needs to the contract and a handler",
            },
          ],
        },
      ],
    },
  },
);
