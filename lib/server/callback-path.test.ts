import { describe, expect, it } from "vitest";
import { DEFAULT_CALLBACK_PATH, safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it.each(["/credentials", "/credentials/0b5d0a3e-8f0e-4d4c-9f62-3c2b1a0d9e8f?saved=updated", "/audit?credentialId=x#top"])(
    "keeps the in-app path %s",
    (path) => {
      expect(safeCallbackPath(path)).toBe(path);
    },
  );

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "credentials",
    "",
  ])("sends %j to the default page instead of off-site", (value) => {
    expect(safeCallbackPath(value)).toBe(DEFAULT_CALLBACK_PATH);
  });

  it("falls back when the parameter is missing or repeated", () => {
    expect(safeCallbackPath(undefined)).toBe(DEFAULT_CALLBACK_PATH);
    expect(safeCallbackPath(["/credentials", "//evil.example"])).toBe(DEFAULT_CALLBACK_PATH);
  });
});
