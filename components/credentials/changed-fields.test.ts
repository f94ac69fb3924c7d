import { describe, expect, it } from "vitest";
import type { CredentialDto } from "@/lib/schemas/credential";
import { changedFields, describeSaved } from "./changed-fields";

const before = {
  label: "ACME reporter",
  issuer: "https://acme.zitadel.cloud",
  clientId: "acme-reporter",
  scopes: "openid",
  orgId: null,
  authMethod: "basic",
  tags: ["prod"],
  notes: "",
} as unknown as CredentialDto;

describe("the banner after an edit", () => {
  it("names the fields that changed, in the form's order", () => {
    const after = { ...before, tags: ["prod", "billing"], label: "ACME billing" } as CredentialDto;
    expect(changedFields(before, after)).toEqual(["label", "tags"]);
    expect(describeSaved(changedFields(before, after))).toBe("Saved: label, tags.");
  });

  it("says so when nothing changed, and ignores names it does not know", () => {
    expect(describeSaved(changedFields(before, { ...before }))).toBe("Saved: nothing changed.");
    expect(describeSaved(["clientSecret", "orgId"])).toBe("Saved: organization ID.");
  });
});
