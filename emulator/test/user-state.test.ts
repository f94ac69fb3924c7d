import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessToken,
  call,
  demo,
  keyFile,
  oauthBody,
  postForm,
  requestToken,
  signAssertion,
  startTestEmulator,
  ZITADEL_AUD,
} from "./support";
import type { RunningEmulator } from "../src/server";

// The /__emulator user-state hook: a test deactivates a service user mid-run, as an admin would in ZITADEL's
// console, and sees the answers ZITADEL gives for a deactivated user; reactivating brings the user back.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

function setActive(username: string, body: unknown) {
  return call(`${emulator.url}/__emulator/users/${encodeURIComponent(username)}/state`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const NOT_ACTIVE = oauthBody("invalid_request", "Errors.User.NotActive");

describe("user state hook", () => {
  it("deactivates a service user: token requests fail as for a deactivated user, its tokens stop working", async () => {
    const token = await accessToken(emulator.url, demo.reporter);
    const orgsMe = () => call(`${emulator.url}/management/v1/orgs/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await orgsMe()).status).toBe(200);

    const off = await setActive("acme-reporter", { active: false });
    expect([off.status, JSON.parse(off.text)]).toEqual([200, { username: "acme-reporter", state: "inactive" }]);
    const refused = await requestToken(emulator.url, demo.reporter, `openid ${ZITADEL_AUD}`);
    expect([refused.status, refused.text]).toEqual([400, NOT_ACTIVE]);
    const stale = await orgsMe();
    expect(stale.status).toBe(401);
    expect(stale.text).toContain("Errors.Token.Invalid (AUTH-7fs1e)");

    const on = await setActive("acme-reporter", { active: true });
    expect(JSON.parse(on.text)).toEqual({ username: "acme-reporter", state: "active" });
    expect((await requestToken(emulator.url, demo.reporter, `openid ${ZITADEL_AUD}`)).status).toBe(200);
    expect((await orgsMe()).status).toBe(200);
  });

  it("reactivates a user the seed has deactivated; the JWT-profile grant follows the same state", async () => {
    const retired = keyFile("acme-retired");
    const jwtProfile = async () =>
      postForm(`${emulator.url}/oauth/v2/token`, {
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: await signAssertion(retired, emulator.url),
        scope: "openid",
      });
    expect((await jwtProfile()).text).toBe(NOT_ACTIVE);
    await setActive("acme-retired", { active: true });
    expect((await jwtProfile()).status).toBe(200);
    expect((await requestToken(emulator.url, demo.retired, "openid")).status).toBe(200);
    await setActive("acme-retired", { active: false });
    expect((await jwtProfile()).text).toBe(NOT_ACTIVE);
  });

  it("refuses an unknown user, an operator, a malformed body, and lists itself among the hooks", async () => {
    expect((await setActive("nobody", { active: false })).status).toBe(404);
    expect((await setActive("ada", { active: false })).status).toBe(404);
    const malformed = await setActive("acme-reporter", { active: "no" });
    expect(malformed.status).toBe(400);
    expect((await requestToken(emulator.url, demo.reporter, "openid")).status).toBe(200);
    const wrongMethod = await call(`${emulator.url}/__emulator/users/acme-reporter/state`);
    expect(wrongMethod.status).toBe(404);
    expect(JSON.parse(wrongMethod.text)).toMatchObject({
      hooks: expect.arrayContaining(['POST /__emulator/users/:username/state {"active":bool}']) as unknown,
    });
  });
});
