import { describe, expect, it } from "vitest";
import type { LookedUpUser } from "@/lib/schemas/lookup";
import { diagnoseLookedUpUser } from "./diagnose-user";

// What support reads on the card about a looked-up service user: each finding in the credential page's codes.

const NOW = Date.parse("2026-06-01T00:00:00Z");
const ACME = { id: "200000000000000001", name: "ACME Corporation", primaryDomain: "acme.localhost" };
const OWNER = { scope: "org" as const, id: ACME.id, name: ACME.name, roles: ["ORG_OWNER"] };

function user(overrides: Partial<LookedUpUser> = {}): LookedUpUser {
  return {
    id: "300000000000000001",
    loginName: "acme-reporter",
    state: "active",
    isMachine: true,
    hasSecret: true,
    org: ACME,
    keys: [],
    pats: [],
    memberships: [OWNER],
    grants: [],
    unread: [],
    ...overrides,
  };
}

const codes = (found: LookedUpUser) => diagnoseLookedUpUser(found, NOW).map((finding) => [finding.code, finding.title]);

describe("diagnosing a looked-up service user", () => {
  it("finds nothing wrong with an active user that has a secret and a manager role", () => {
    expect(diagnoseLookedUpUser(user(), NOW)).toEqual([]);
  });

  it("says a deactivated or locked user gets no token", () => {
    expect(codes(user({ state: "inactive" }))).toEqual([["user_inactive", "Deactivated: ZITADEL issues it no token (deactivated)"]]);
    expect(codes(user({ state: "locked" }))[0]?.[1]).toMatch(/locked/);
  });

  it("says a user without a secret, a key or a PAT cannot get a token at all", () => {
    expect(codes(user({ hasSecret: false }))).toEqual([["no_secret", "No secret and no key: it cannot get a token"]]);
  });

  it("says when every key has expired, and that a key-only user then has nothing left", () => {
    const expired = [{ id: "1", expiresAt: "2025-01-01T00:00:00Z" }];
    expect(codes(user({ keys: expired }))).toEqual([["jwt_profile_rejected", "Every key has expired"]]);
    expect(codes(user({ hasSecret: false, keys: expired }))).toEqual([["no_secret", "No secret, and every key has expired"]]);
    const oneLive = [...expired, { id: "2", expiresAt: "2099-01-01T00:00:00Z" }];
    expect(diagnoseLookedUpUser(user({ hasSecret: false, keys: oneLive }), NOW)).toEqual([]);
  });

  it("says when every PAT has expired", () => {
    const finding = diagnoseLookedUpUser(user({ pats: [{ id: "9", expiresAt: "2025-01-01T00:00:00Z" }] }), NOW);
    expect(finding.map((item) => item.code)).toEqual(["pat_expired"]);
    expect(finding[0]?.explanation).toContain("2025-01-01");
  });

  it("explains that orgs/me will answer 403 without a manager role in its own org", () => {
    const [finding] = diagnoseLookedUpUser(user({ memberships: [] }), NOW);
    expect(finding).toMatchObject({ code: "missing_permission", title: "No manager role: orgs/me will answer 403" });
    expect(finding?.explanation).toContain("ACME Corporation");
    // A role elsewhere, or one that does not grant org.read, does not help; an instance role does.
    const elsewhere = { ...OWNER, id: "200000000000000002", name: "Globex" };
    expect(codes(user({ memberships: [elsewhere] }))[0]?.[0]).toBe("missing_permission");
    expect(diagnoseLookedUpUser(user({ memberships: [{ ...OWNER, roles: ["ORG_PROJECT_CREATOR"] }] }), NOW)[0]?.explanation).toMatch(
      /only ORG_PROJECT_CREATOR, none of which grants org.read/,
    );
    expect(diagnoseLookedUpUser(user({ memberships: [{ scope: "instance", id: null, name: null, roles: ["IAM_OWNER"] }] }), NOW)).toEqual(
      [],
    );
  });

  it("claims nothing about what ZITADEL would not list", () => {
    expect(diagnoseLookedUpUser(user({ hasSecret: false, keys: null, pats: null, memberships: null }), NOW)).toEqual([]);
  });

  it("says a human user is not a service user, and nothing else", () => {
    expect(codes(user({ isMachine: false, memberships: [] }))).toEqual([["client_not_found", "A human user, not a service user"]]);
  });
});
