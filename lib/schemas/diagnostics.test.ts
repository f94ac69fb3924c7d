import { describe, expect, it } from "vitest";
import { tokenTestRequestSchema } from "@/lib/schemas/diagnostics";

describe("tokenTestRequestSchema", () => {
  it("takes other scopes for one test as OAuth writes them", () => {
    expect(tokenTestRequestSchema.parse({ scopes: "  openid   urn:zitadel:iam:org:project:id:zitadel:aud " }).scopes).toEqual([
      "openid",
      "urn:zitadel:iam:org:project:id:zitadel:aud",
    ]);
    expect(tokenTestRequestSchema.parse({}).scopes).toBeUndefined();
  });

  it("refuses an empty override instead of asking ZITADEL for no scopes", () => {
    expect(tokenTestRequestSchema.safeParse({ scopes: "  " }).success).toBe(false);
  });

  it("refuses a scope that is not a valid scope token", () => {
    expect(tokenTestRequestSchema.safeParse({ scopes: 'openid "profile"' }).success).toBe(false);
  });
});
