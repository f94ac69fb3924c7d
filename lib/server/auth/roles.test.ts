import { beforeAll, describe, expect, it } from "vitest";

// Which role a sign-in gets: ZITADEL project roles (mapped), the static map, the highest of them; and an admin's cap.

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
  process.env.SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
  process.env.AUTH_ROLE_MAP = "console.admin=admin,console.support=operator,viewer=viewer";
  process.env.AUTH_STATIC_ROLES = "Ada@Example.com=admin,vera=operator";
  process.env.AUTH_ZITADEL_PROJECT_ID = "111";
});

const { resolveSignInRole } = await import("./roles");
const { effectiveRole } = await import("./sessions");

const ROLES = "urn:zitadel:iam:org:project:roles";
const grant = { "300000000000000001": "acme.localhost" };

describe("resolveSignInRole", () => {
  it("maps the console project's role keys, highest first", () => {
    expect(resolveSignInRole({ sub: "1", [ROLES]: { viewer: grant, "console.support": grant } })).toEqual({
      role: "operator",
      source: "zitadel",
    });
    expect(resolveSignInRole({ sub: "1", "urn:zitadel:iam:org:project:111:roles": { "console.admin": grant } })).toEqual({
      role: "admin",
      source: "zitadel",
    });
  });

  it("gives nothing for unknown keys, another project's roles or a malformed claim", () => {
    expect(resolveSignInRole({ sub: "1", [ROLES]: { "billing.admin": grant } })).toEqual({ role: null, source: null });
    expect(resolveSignInRole({ sub: "1", "urn:zitadel:iam:org:project:999:roles": { "console.admin": grant } })).toEqual({
      role: null,
      source: null,
    });
    expect(resolveSignInRole({ sub: "1", [ROLES]: ["console.admin"] })).toEqual({ role: null, source: null });
    expect(resolveSignInRole({ sub: "1", [ROLES]: "console.admin" })).toEqual({ role: null, source: null });
  });

  it("uses the static map by login or e-mail (any case) when it gives more", () => {
    expect(resolveSignInRole({ sub: "1", email: "ada@example.com" })).toEqual({ role: "admin", source: "static" });
    expect(resolveSignInRole({ sub: "1", preferred_username: "vera", [ROLES]: { viewer: grant } })).toEqual({
      role: "operator",
      source: "static",
    });
    expect(resolveSignInRole({ sub: "1", preferred_username: "vera", [ROLES]: { "console.admin": grant } })).toEqual({
      role: "admin",
      source: "zitadel",
    });
  });
});

describe("effectiveRole", () => {
  it("is the sign-in role, lowered by an admin's cap, and nothing when disabled", () => {
    expect(effectiveRole({ signInRole: "operator", roleCap: null, isDisabled: false })).toBe("operator");
    expect(effectiveRole({ signInRole: "operator", roleCap: "viewer", isDisabled: false })).toBe("viewer");
    expect(effectiveRole({ signInRole: "viewer", roleCap: "admin", isDisabled: false })).toBe("viewer");
    expect(effectiveRole({ signInRole: "admin", roleCap: null, isDisabled: true })).toBeNull();
  });
});
