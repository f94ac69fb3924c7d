import { describe, expect, it } from "vitest";
import { looksLikeUserId } from "@/lib/schemas/credential";
import { serviceUserIdentity } from "./service-user";
import { outcomeLabel, outcomeTone } from "../diagnostics/outcome-labels";

describe("serviceUserIdentity", () => {
  it("names a client secret by its client ID, which is the login name", () => {
    expect(serviceUserIdentity({ kind: "client_secret", clientId: "acme-reporter", serviceUser: null })).toEqual({
      name: "acme-reporter",
      detail: null,
    });
  });

  it("names a key by the login name ZITADEL gave, with its user id beside it, and by the user id alone until then", () => {
    const key = { kind: "jwt_profile" as const, clientId: "300000000000000013" };
    expect(serviceUserIdentity({ ...key, serviceUser: "acme-key-bot" })).toEqual({
      name: "acme-key-bot",
      detail: "user 300000000000000013",
    });
    expect(serviceUserIdentity({ ...key, serviceUser: null })).toEqual({ name: null, detail: "user 300000000000000013" });
  });

  it("never shows a PAT's internal client ID", () => {
    expect(serviceUserIdentity({ kind: "pat", clientId: "pat-abc", serviceUser: null })).toEqual({ name: null, detail: "none (token)" });
    expect(serviceUserIdentity({ kind: "pat", clientId: "pat-abc", serviceUser: "acme-reporter" }).name).toBe("acme-reporter");
  });
});

describe("a PAT token test that checked nothing", () => {
  it("reads as not checked, in a neutral tone, never as OK", () => {
    expect(outcomeLabel("not_checked")).toBe("Not checked: a PAT is sent as is");
    expect(outcomeTone("not_checked")).toBe("neutral");
    expect(outcomeTone("ok")).toBe("success");
    expect(outcomeLabel("pat_expired")).toBe("PAT expired");
    expect(outcomeTone("pat_expired")).toBe("danger");
  });
});

describe("looksLikeUserId", () => {
  it("warns about digits only, six or more, and not about user names", () => {
    expect(looksLikeUserId(" 300000000000000001 ")).toBe(true);
    expect(looksLikeUserId("12345")).toBe(false);
    expect(looksLikeUserId("acme-reporter")).toBe(false);
    expect(looksLikeUserId("3000000000x")).toBe(false);
  });
});
