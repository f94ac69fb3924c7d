import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".cache/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error, and one handed to a void callback (an onClick, a
    // setInterval) runs unobserved. `void promise` marks the fire-and-forget ones that handle their own errors.
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    languageOptions: {
      parserOptions: {
        // vitest.config.mts is outside tsconfig's **/*.ts: the project service types it on its own.
        projectService: { allowDefaultProject: ["vitest.config.mts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // One import order everywhere (node builtins, packages, @/ paths, then relative), so a diff shows only what changed.
      "import/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", ["parent", "sibling", "index"]],
          pathGroups: [{ pattern: "@/**", group: "internal" }],
          pathGroupsExcludedImportTypes: ["builtin"],
          "newlines-between": "never",
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
    },
  },
  {
    // One direction of travel: browser code and the schemas it shares never pull in server code or server settings.
    files: ["components/**", "lib/client/**", "lib/schemas/**", "lib/api-error.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/lib/server|(\\.\\.?/)+(lib/)?server)(/.*)?$",
              message: "Browser code and shared schemas must not import lib/server: call the JSON API through an SWR hook.",
            },
            {
              regex: "^(@/lib/env|(\\.\\.?/)+(lib/)?env)$",
              message: "Settings are server-only: lib/env reads process.env, which the browser does not have.",
            },
            {
              regex: "^zod$",
              message: 'Import z from "@/lib/zod": pages allow no eval, and only that copy has zod\'s compiled parsers off.',
            },
          ],
        },
      ],
    },
  },
  {
    // The hooks and the vocabularies every page loads type the API's answers with the schemas' types and never load zod
    // itself: it would come back on every page's first load (forms import it themselves).
    files: ["lib/client/**", "lib/api-error.ts", "lib/roles.ts", "lib/health-statuses.ts", "lib/manager-roles.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/zod", "@/lib/schemas/*"],
              allowTypeImports: true,
              message: "Import only types here: the schemas would bring zod onto every page's first load.",
            },
          ],
        },
      ],
    },
  },
  {
    // The ZITADEL client knows the vendor, not our database: callers pass it what it needs.
    files: ["lib/server/zitadel/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/lib/server/store|(\\.\\.?/)+((lib/)?server/)?store)(/.*)?$",
              message: "lib/server/zitadel must not import the store: take plain values or types from lib/schemas.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call their continuation `use`, which is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
