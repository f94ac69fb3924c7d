import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The import boundaries in eslint.config.mjs, proven on planted files: if a pattern stopped matching, lint would let
// browser code pull in the store or server settings, or the ZITADEL client reach into the database.

const ROOT = fileURLToPath(new URL("..", import.meta.url));

let eslint: ESLint;
// Loading the Next.js and TypeScript lint plugins takes seconds on a busy machine: once, before the tests.
beforeAll(async () => {
  // The planted files exist only in memory, where the TypeScript project cannot type them: the boundary rules need
  // no types, so the type-aware ones are off here.
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: { "@typescript-eslint/no-floating-promises": "off", "@typescript-eslint/no-misused-promises": "off" },
    },
  });
  await eslint.lintText("export {};\n", { filePath: "lib/client/warm-up.ts" });
}, 60_000);

/** The rules that fire on a file at `filePath` that imports `source` and uses it. */
async function rulesFiredBy(filePath: string, source: string): Promise<(string | null)[]> {
  const code = `import * as planted from "${source}";\nexport const used = planted;\n`;
  const results = await eslint.lintText(code, { filePath });
  return results.flatMap((result) => result.messages.map((message) => message.ruleId));
}

describe("browser code and shared schemas cannot import server code", () => {
  it.each([
    ["components/credentials/planted.tsx", "@/lib/server/store"],
    ["lib/client/planted.ts", "@/lib/server/store"],
    ["lib/schemas/planted.ts", "@/lib/server/store"],
    ["components/credentials/planted.tsx", "../../lib/server/store"],
    ["lib/client/planted.ts", "../server/logger"],
    ["lib/schemas/planted.ts", "@/lib/env"],
    ["lib/client/planted.ts", "../env"],
  ])("lint fails on %s importing %s", async (filePath, source) => {
    expect(await rulesFiredBy(filePath, source)).toEqual(["no-restricted-imports"]);
  });

  it.each([
    ["components/credentials/planted.tsx", "@/lib/client/use-credentials"],
    ["components/credentials/planted.tsx", "@/lib/schemas/credential"],
  ])("lint passes on %s importing %s", async (filePath, source) => {
    expect(await rulesFiredBy(filePath, source)).toEqual([]);
  });
});

describe("the hooks every page loads keep zod off the first load", () => {
  it.each(["@/lib/schemas/credential", "@/lib/zod"])("lint fails on lib/client importing the values of %s", async (source) => {
    expect(await rulesFiredBy("lib/client/planted.ts", source)).toEqual(["@typescript-eslint/no-restricted-imports"]);
  });

  it("lint passes on lib/client importing only the schemas' types", async () => {
    const code = `import type { CredentialListItem } from "@/lib/schemas/credential";\nexport type Used = CredentialListItem;\n`;
    const results = await eslint.lintText(code, { filePath: "lib/client/planted.ts" });
    expect(results.flatMap((result) => result.messages.map((message) => message.ruleId))).toEqual([]);
  });
});

describe("the ZITADEL client cannot import the store", () => {
  it.each(["@/lib/server/store", "@/lib/server/store/types", "../store/types"])(
    "lint fails on lib/server/zitadel importing %s",
    async (source) => {
      expect(await rulesFiredBy("lib/server/zitadel/planted.ts", source)).toEqual(["no-restricted-imports"]);
    },
  );

  it.each(["@/lib/schemas/credential", "@/lib/server/http"])("lint passes on lib/server/zitadel importing %s", async (source) => {
    expect(await rulesFiredBy("lib/server/zitadel/planted.ts", source)).toEqual([]);
  });
});
