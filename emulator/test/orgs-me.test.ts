import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken, ACME_ID, call, demo, GLOBEX_ID, serviceUser, startTestEmulator, ZITADEL_AUD } from "./support";
import type { RunningEmulator } from "../src/server";

// GET /management/v1/orgs/me: every error in docs/zitadel-notes.md#organization-errors and the exact protojson body.

let emulator: RunningEmulator;
let orgsMe: string;

beforeAll(async () => {
  emulator = await startTestEmulator((seed) => {
    // A cross-org membership, so x-zitadel-orgid can succeed (the demo seed has none).
    serviceUser(seed, "acme-reporter").memberships.push({ orgId: GLOBEX_ID, roles: ["ORG_OWNER_VIEWER"] });
    // IAM_* roles are instance memberships: they grant org.read in every org.
    serviceUser(seed, "globex-sync").memberships.push({ orgId: GLOBEX_ID, roles: ["IAM_ORG_MANAGER"] });
  });
  orgsMe = `${emulator.url}/management/v1/orgs/me`;
});
afterAll(() => emulator.close());

const detail = (id: string, message: string) => ({ "@type": "type.googleapis.com/zitadel.v1.ErrorDetail", id, message });
const TOKEN_INVALID = JSON.stringify({
  code: 16,
  message: "Errors.Token.Invalid (AUTH-7fs1e)",
  details: [detail("AUTH-7fs1e", "Errors.Token.Invalid")],
});
const NO_PERMISSION = JSON.stringify({
  code: 7,
  message: "No matching permissions found (AUTH-5mWD2)",
  details: [detail("AUTH-5mWD2", "No matching permissions found")],
});
const ORG_MISSING = JSON.stringify({
  code: 7,
  message: "Organisation doesn't exist (AUTH-Bs7Ds)",
  details: [detail("AUTH-Bs7Ds", "Organisation doesn't exist")],
});
const ACME_BODY =
  '{"org":{"id":"200000000000000001","details":{"sequence":"42","creationDate":"2025-03-04T09:12:45.318204Z",' +
  '"changeDate":"2026-01-12T16:40:03.500Z","resourceOwner":"200000000000000001"},"state":"ORG_STATE_ACTIVE",' +
  '"name":"ACME Corporation","primaryDomain":"acme.localhost"}}';
const GLOBEX_BODY =
  '{"org":{"id":"200000000000000002","details":{"sequence":"17","creationDate":"2025-05-20T14:03:11Z",' +
  '"changeDate":"2025-11-28T07:55:19.042Z","resourceOwner":"200000000000000002"},"state":"ORG_STATE_ACTIVE",' +
  '"name":"Globex Industries","primaryDomain":"globex.localhost"}}';

function get(headers: Record<string, string> = {}) {
  return call(orgsMe, { headers });
}

describe("orgs/me", () => {
  it("returns the caller's org as exact protojson", async () => {
    const answer = await get({ authorization: `Bearer ${await accessToken(emulator.url, demo.reporter)}` });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.text).toBe(ACME_BODY);
  });

  it("accepts a JWT access token verified against the emulator's key", async () => {
    const answer = await get({ authorization: `Bearer ${await accessToken(emulator.url, demo.jwtBot)}` });
    expect([answer.status, answer.text]).toEqual([200, ACME_BODY]);
  });

  it("accepts an org-read role other than ORG_OWNER", async () => {
    const answer = await get({ authorization: `Bearer ${await accessToken(emulator.url, demo.billing)}` });
    expect([answer.status, answer.text]).toEqual([200, ACME_BODY]);
  });

  it("answers a missing Authorization header with 401 code 16, no details key, and the message in WWW-Authenticate", async () => {
    const answer = await get();
    expect([answer.status, answer.text]).toEqual([401, '{"code":16,"message":"auth header missing"}']);
    expect(answer.headers.get("www-authenticate")).toBe("auth header missing");
  });

  it("refuses a lowercase bearer scheme, or Basic, with AUTH-toLo1", async () => {
    const INVALID_HEADER = JSON.stringify({
      code: 16,
      message: "invalid auth header (AUTH-toLo1)",
      details: [detail("AUTH-toLo1", "invalid auth header")],
    });
    const token = await accessToken(emulator.url, demo.reporter);
    for (const authorization of [`bearer ${token}`, `Basic ${token}`, `Bearer ${token} Bearer ${token}`]) {
      const answer = await get({ authorization });
      expect([answer.status, answer.text]).toEqual([401, INVALID_HEADER]);
      expect(answer.headers.get("www-authenticate")).toBe("invalid auth header (AUTH-toLo1)");
    }
  });

  it("answers an invalid token untranslated (the auth interceptor runs before translation)", async () => {
    const answer = await get({ authorization: "Bearer not-a-token" });
    expect([answer.status, answer.text]).toEqual([401, TOKEN_INVALID]);
    expect(answer.headers.get("www-authenticate")).toBe("Errors.Token.Invalid (AUTH-7fs1e)");
  });

  it("refuses a token without the ZITADEL project audience", async () => {
    const answer = await get({ authorization: `Bearer ${await accessToken(emulator.url, demo.reporter, "openid profile")}` });
    expect([answer.status, answer.text]).toEqual([401, TOKEN_INVALID]);
  });

  it("refuses unknown and tampered tokens", async () => {
    const jwt = await accessToken(emulator.url, demo.jwtBot);
    const [header, payload, signature] = jwt.split(".");
    const forged = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;
    for (const token of ["not-a-token", forged]) {
      const answer = await get({ authorization: `Bearer ${token}` });
      expect([answer.status, answer.text]).toEqual([401, TOKEN_INVALID]);
    }
  });

  it("refuses a user without an org.read membership with 403 AUTH-5mWD2", async () => {
    const answer = await get({ authorization: `Bearer ${await accessToken(emulator.url, demo.noRole)}` });
    expect([answer.status, answer.text]).toEqual([403, NO_PERMISSION]);
  });

  it("lets an instance (IAM_*) role read any org", async () => {
    const answer = await get({ authorization: `Bearer ${await accessToken(emulator.url, demo.globex)}`, "x-zitadel-orgid": ACME_ID });
    expect([answer.status, answer.text]).toEqual([200, ACME_BODY]);
  });

  it("honours x-zitadel-orgid where the user has a membership", async () => {
    const answer = await get({ authorization: `Bearer ${await accessToken(emulator.url, demo.reporter)}`, "x-zitadel-orgid": GLOBEX_ID });
    expect([answer.status, answer.text]).toEqual([200, GLOBEX_BODY]);
  });

  it("refuses x-zitadel-orgid of an org the user has no role in", async () => {
    const answer = await get({ authorization: `Bearer ${await accessToken(emulator.url, demo.jwtBot)}`, "x-zitadel-orgid": GLOBEX_ID });
    expect([answer.status, answer.text]).toEqual([403, NO_PERMISSION]);
  });

  it("refuses an unknown or non-numeric x-zitadel-orgid with 403 AUTH-Bs7Ds", async () => {
    const token = await accessToken(emulator.url, demo.reporter);
    for (const orgId of ["999999999999999999", "acme"]) {
      const answer = await get({ authorization: `Bearer ${token}`, "x-zitadel-orgid": orgId });
      expect([answer.status, answer.text]).toEqual([403, ORG_MISSING]);
    }
  });

  it("serves the same token again: tokens are not single-use", async () => {
    const token = await accessToken(emulator.url, demo.globex, `${ZITADEL_AUD}`);
    for (let i = 0; i < 2; i++) {
      const answer = await get({ authorization: `Bearer ${token}` });
      expect([answer.status, answer.text]).toEqual([200, GLOBEX_BODY]);
    }
  });
});
