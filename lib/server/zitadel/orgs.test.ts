import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { lookupOrg } from "./orgs";
import { json, startFakeIssuer, type FakeIssuer, type Reply } from "./testing";

const TOKEN = "opaque-token-for-orgs-me-0123456789";
const ORG = {
  org: {
    id: "300000000000000002",
    details: { sequence: "7", creationDate: "2026-01-01T00:00:00Z" },
    state: "ORG_STATE_ACTIVE",
    name: "ACME",
    primaryDomain: "acme.localhost",
  },
};
const UNAVAILABLE = json(503, { code: 14, message: "unavailable" });

let zitadel: FakeIssuer;

beforeAll(async () => {
  zitadel = await startFakeIssuer();
  setTestEnv({ ALLOWED_ISSUERS: zitadel.issuer });
});

beforeEach(() => {
  zitadel.server.requests.length = 0;
});

afterAll(async () => {
  await closeAgents();
  await zitadel.server.close();
});

/** Answers orgs/me with each reply in turn, repeating the last. */
function script(...replies: (Reply | "drop")[]) {
  let call = 0;
  zitadel.orgsMe = () => replies[Math.min(call++, replies.length - 1)] ?? UNAVAILABLE;
}

const orgsMeCalls = () => zitadel.count("/management/v1/orgs/me");

describe("lookupOrg", () => {
  it("sends the token, the org header and Accept, and reads the org", async () => {
    script(json(200, ORG));
    const result = await lookupOrg({ issuer: zitadel.issuer, accessToken: TOKEN, orgId: "300000000000000002" });
    expect(result).toMatchObject({
      ok: true,
      httpStatus: 200,
      attempts: 1,
      org: { id: "300000000000000002", name: "ACME", state: "active", changeDate: null },
    });
    const sent = zitadel.server.requests.at(-1);
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent?.headers["x-zitadel-orgid"]).toBe("300000000000000002");
    expect(sent?.headers.accept).toBe("application/json");
  });

  it("sends no org header when the credential has no org ID", async () => {
    script(json(200, ORG));
    await lookupOrg({ issuer: zitadel.issuer, accessToken: TOKEN });
    expect(zitadel.server.requests.at(-1)?.headers["x-zitadel-orgid"]).toBeUndefined();
  });

  it("retries 503 and 502 and succeeds on the third attempt", async () => {
    script(UNAVAILABLE, json(502, { code: 14, message: "bad gateway" }), json(200, ORG));
    const result = await lookupOrg({ issuer: zitadel.issuer, accessToken: TOKEN });
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(orgsMeCalls()).toBe(3);
  });

  it("gives up after two retries", async () => {
    script(UNAVAILABLE);
    const result = await lookupOrg({ issuer: zitadel.issuer, accessToken: TOKEN });
    expect(!result.ok && result.diagnosis.code).toBe("server_error");
    expect(orgsMeCalls()).toBe(3);
  });

  it("retries a dropped connection", async () => {
    script("drop", json(200, ORG));
    const result = await lookupOrg({ issuer: zitadel.issuer, accessToken: TOKEN });
    expect(result).toMatchObject({ ok: true, attempts: 2 });
  });

  it.each([
    ["500", json(500, { code: 13, message: "Errors.Internal" }), "server_error"],
    ["401 AUTH-7fs1e", json(401, { code: 16, message: "Token is invalid (AUTH-7fs1e)", details: [{ id: "AUTH-7fs1e" }] }), "token_invalid"],
    [
      "403 AUTH-5mWD2",
      json(403, { code: 7, message: "No matching permissions found (AUTH-5mWD2)", details: [{ id: "AUTH-5mWD2" }] }),
      "missing_permission",
    ],
  ] as const)("does not retry %s", async (_case, reply, code) => {
    script(reply, json(200, ORG));
    const result = await lookupOrg({ issuer: zitadel.issuer, accessToken: TOKEN });
    expect(!result.ok && result.diagnosis.code).toBe(code);
    expect(orgsMeCalls()).toBe(1);
  });

  it("waits out a short Retry-After on 429, but not a long one", async () => {
    script(json(429, { code: 8, message: "slow down" }, { "retry-after": "1" }), json(200, ORG));
    const started = Date.now();
    expect(await lookupOrg({ issuer: zitadel.issuer, accessToken: TOKEN })).toMatchObject({ ok: true, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    zitadel.server.requests.length = 0;
    script(json(429, { code: 8, message: "slow down" }, { "retry-after": "120" }), json(200, ORG));
    const limited = await lookupOrg({ issuer: zitadel.issuer, accessToken: TOKEN });
    expect(!limited.ok && limited.diagnosis).toMatchObject({ code: "rate_limited", retryable: true });
    expect(orgsMeCalls()).toBe(1);
  });
});
