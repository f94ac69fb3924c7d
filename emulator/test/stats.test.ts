import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accessToken, call, demo, requestToken, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// The /__emulator test hook: the app's tests prove "a second org lookup made no token request" with it.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await call(`${emulator.url}/__emulator/stats/reset`, { method: "POST" });
});

async function stats() {
  const answer = await call(`${emulator.url}/__emulator/stats`);
  expect(answer.status).toBe(200);
  return JSON.parse(answer.text) as unknown;
}

describe("stats hook", () => {
  it("counts token and orgs/me requests per client, failures included", async () => {
    const token = await accessToken(emulator.url, demo.reporter);
    await requestToken(emulator.url, { id: demo.reporter.id, secret: "wrong" }, "openid");
    await requestToken(emulator.url, demo.billing, "openid");
    for (let i = 0; i < 2; i++) await call(`${emulator.url}/management/v1/orgs/me`, { headers: { authorization: `Bearer ${token}` } });
    await call(`${emulator.url}/management/v1/orgs/me`);

    expect(await stats()).toEqual({
      token: { total: 3, byClient: { "acme-reporter": 2, "billing+ops@acme": 1 } },
      orgsMe: { total: 3, byClient: { "acme-reporter": 2 } },
      management: { total: 0, byClient: {} },
    });
  });

  it("resets to zero", async () => {
    await accessToken(emulator.url, demo.reporter);
    const reset = await call(`${emulator.url}/__emulator/stats/reset`, { method: "POST" });
    const zero = { token: { total: 0, byClient: {} }, orgsMe: { total: 0, byClient: {} }, management: { total: 0, byClient: {} } };
    expect(JSON.parse(reset.text)).toEqual(zero);
    expect(await stats()).toEqual(zero);
  });

  it("does not count the operator sign-in's code exchange", async () => {
    await call(`${emulator.url}/oauth/v2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=authorization_code&code=x&client_id=m2m-console&client_secret=m2m-console-demo-secret",
    });
    expect(await stats()).toMatchObject({ token: { total: 0 } });
  });

  it("counts provisioning calls by caller, refusals included", async () => {
    const token = await accessToken(emulator.url, demo.billing);
    const auth = { authorization: `Bearer ${token}` };
    await call(`${emulator.url}/management/v1/users/300000000000000001`, { headers: auth });
    await call(`${emulator.url}/v2/organizations/_search`, { method: "POST", headers: auth, body: "{}" });
    await call(`${emulator.url}/management/v1/orgs/me/members`, {
      method: "POST",
      headers: auth,
      body: '{"userId":"1","roles":["ORG_OWNER"]}',
    });
    await call(`${emulator.url}/management/v1/users/machine`, { method: "POST", body: "{}" });
    expect(await stats()).toMatchObject({ management: { total: 4, byClient: { "billing+ops@acme": 3 } }, orgsMe: { total: 0 } });
  });

  it("exposes the same counters in-process", async () => {
    await accessToken(emulator.url, demo.globex);
    expect(emulator.stats.snapshot().token.byClient).toEqual({ "globex-sync": 1 });
  });
});
