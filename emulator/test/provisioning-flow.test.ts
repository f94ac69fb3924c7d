import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { json, management, NO_PERMISSION } from "./management-support";
import { accessToken, ACME_ID, call, demo, oauthBody, requestToken, startTestEmulator, ZITADEL_AUD } from "./support";
import type { RunningEmulator } from "../src/server";

// The console's "create a service user" steps, end to end, on an emulator with the default secret propagation
// (2 s): the new secret is refused as not existing at first, as ZITADEL's eventual consistency does, then works.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const NOT_EXISTING = oauthBody("invalid_request", "Errors.User.Machine.Secret.NotExisting");
const INVALID = oauthBody("invalid_request", "Errors.User.Machine.Secret.Invalid");
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe("provisioning a service user", () => {
  it("creates, gives a secret that works after propagation, and grants the role orgs/me needs", async () => {
    const token = await accessToken(emulator.url, demo.reporter);
    const created = await management(emulator.url, "/management/v1/users/machine", {
      method: "POST",
      token,
      body: { userName: "acme-new-bot", name: "ACME New Bot", description: "made by a test", accessTokenType: "ACCESS_TOKEN_TYPE_BEARER" },
    });
    expect(created.status).toBe(200);
    const { userId, details } = json(created) as { userId: string; details: Record<string, string> };
    expect(userId).toMatch(/^\d{18}$/);
    // AddMachineUser answers the added user's details as a change (changeDate), not a creation.
    expect(details).toEqual({ sequence: "1", changeDate: expect.stringMatching(RFC3339) as unknown, resourceOwner: ACME_ID });

    const byId = await management(emulator.url, `/management/v1/users/${userId}`, { token });
    expect(byId.status).toBe(200);
    expect(json(byId)).toEqual({
      user: {
        id: userId,
        details: expect.objectContaining({ sequence: "1", resourceOwner: ACME_ID }) as unknown,
        state: "USER_STATE_ACTIVE",
        userName: "acme-new-bot",
        loginNames: ["acme-new-bot"],
        preferredLoginName: "acme-new-bot",
        // protojson omits hasSecret false and ACCESS_TOKEN_TYPE_BEARER (enum 0).
        machine: { name: "ACME New Bot", description: "made by a test" },
      },
    });

    const secretAnswer = await management(emulator.url, `/management/v1/users/${userId}/secret`, { method: "PUT", token, body: {} });
    expect(secretAnswer.status).toBe(200);
    const { clientId, clientSecret } = json(secretAnswer) as { clientId: string; clientSecret: string };
    expect(clientId).toBe("acme-new-bot");
    expect(clientSecret).toMatch(/^[A-Za-z0-9]{64}$/);
    const bot = { id: clientId, secret: clientSecret };

    const early = await requestToken(emulator.url, bot, `openid ${ZITADEL_AUD}`);
    expect([early.status, early.text]).toEqual([400, NOT_EXISTING]);
    await vi.waitFor(async () => expect((await requestToken(emulator.url, bot, "openid")).status).toBe(200), {
      timeout: 10_000,
      interval: 200,
    });

    const botToken = await accessToken(emulator.url, bot);
    const orgsMe = () => call(`${emulator.url}/management/v1/orgs/me`, { headers: { authorization: `Bearer ${botToken}` } });
    const refused = await orgsMe();
    expect([refused.status, refused.text]).toEqual([403, NO_PERMISSION]);

    const member = await management(emulator.url, "/management/v1/orgs/me/members", {
      method: "POST",
      token,
      body: { userId, roles: ["ORG_OWNER"] },
    });
    expect(member.status).toBe(200);
    expect(json(member)).toEqual({ details: expect.objectContaining({ resourceOwner: ACME_ID }) as unknown });
    const granted = await orgsMe();
    expect(granted.status).toBe(200);
    expect(json(granted)).toMatchObject({ org: { id: ACME_ID, name: "ACME Corporation" } });

    const hook = await call(`${emulator.url}/__emulator/users/acme-new-bot`);
    expect(json(hook)).toEqual({
      id: userId,
      username: "acme-new-bot",
      orgId: ACME_ID,
      state: "active",
      memberships: [{ orgId: ACME_ID, roles: ["ORG_OWNER"] }],
      hasSecret: true,
      secret: clientSecret,
    });
  });

  it("refuses the old secret at once after a new one is generated, while the new one is still propagating", async () => {
    const token = await accessToken(emulator.url, demo.reporter);
    const before = await requestToken(emulator.url, demo.jwtBot, "openid");
    expect(before.status).toBe(200);

    const rotated = await management(emulator.url, `/management/v1/users/${demo.jwtBot.userId}/secret`, { method: "PUT", token, body: {} });
    expect(rotated.status).toBe(200);
    const fresh = { id: demo.jwtBot.id, secret: (json(rotated) as { clientSecret: string }).clientSecret };

    const old = await requestToken(emulator.url, demo.jwtBot, "openid");
    expect([old.status, old.text]).toEqual([400, INVALID]);
    const pending = await requestToken(emulator.url, fresh, "openid");
    expect([pending.status, pending.text]).toEqual([400, NOT_EXISTING]);
    await vi.waitFor(async () => expect((await requestToken(emulator.url, fresh, "openid")).status).toBe(200), {
      timeout: 10_000,
      interval: 200,
    });
    expect((await requestToken(emulator.url, demo.jwtBot, "openid")).text).toBe(INVALID);
  });
});
