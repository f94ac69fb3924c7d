import { describe, expect, it } from "vitest";
import { serviceUserName, serviceUserOf } from "./service-user";

describe("serviceUserOf", () => {
  const base = {
    kind: "opaque" as const,
    fingerprint: "f",
    masked: "m",
    length: 10,
    audience: [],
    signature: "not_applicable" as const,
    zitadel: {},
  };

  it("takes preferred_username from the token's own claims, else from the ID token's", () => {
    expect(serviceUserOf({ ...base, expiresAt: null, claims: { preferred_username: "acme-pat-bot" } })).toBe("acme-pat-bot");
    const idToken = { claims: { preferred_username: "acme-key-bot" }, signature: "verified" as const, remarks: [] };
    const token = { ...base, tokenType: "Bearer", expiresIn: 60, expiresAt: "2099-01-01T00:00:00Z", scopesRequested: [], idToken };
    expect(serviceUserOf(token)).toBe("acme-key-bot");
    expect(serviceUserOf(undefined)).toBeNull();
  });

  it("keeps nothing that is not a plausible login name", () => {
    expect(serviceUserName(42)).toBeNull();
    expect(serviceUserName("  ")).toBeNull();
    expect(serviceUserName("a\nb")).toBeNull();
    expect(serviceUserName("x".repeat(201))).toBeNull();
    expect(serviceUserName(" acme-key-bot ")).toBe("acme-key-bot");
  });
});
