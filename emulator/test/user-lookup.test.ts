import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, management, NO_PERMISSION } from "./management-support";
import { accessToken, ACME_ID, demo, demoSeed, GLOBEX_ID, serviceUser, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// What support reads about a service user: keys, PATs, memberships, grants. Each list is scoped to the org of the
// request, as ZITADEL's queries are, and asks for its own permission.

let emulator: RunningEmulator;
let base: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  base = emulator.url;
});
afterAll(() => emulator.close());

const seed = demoSeed();
const KEY_BOT = serviceUser(seed, "acme-key-bot");
const VIEWER_BOT = serviceUser(seed, "console-ci-viewer");
const GLOBEX_SYNC = serviceUser(seed, "globex-sync");

type List = { details: { totalResult?: string; processedSequence?: string; viewTimestamp: string }; result?: Record<string, unknown>[] };

async function list(
  path: string,
  token: string,
  body: unknown = {},
  orgId?: string,
): Promise<{ status: number; list: List; text: string }> {
  const answer = await management(base, path, { method: "POST", token, body, orgId });
  return { status: answer.status, list: json(answer) as List, text: answer.text };
}

describe("service-user reads for support", () => {
  it("lists a user's keys with their ids and expiry, 64-bit counts as strings", async () => {
    const token = await accessToken(base, demo.reporter);
    const { status, list: keys } = await list(`/management/v1/users/${KEY_BOT.id}/keys/_search`, token);
    expect(status).toBe(200);
    expect(keys.details.totalResult).toBe("2");
    expect(keys.result?.map((key) => [key.id, key.type, key.expirationDate])).toEqual([
      ["600000000000000001", "KEY_TYPE_JSON", "2099-01-01T00:00:00Z"],
      ["600000000000000002", "KEY_TYPE_JSON", "2025-01-01T00:00:00Z"],
    ]);
  });

  it("lists a user's PATs with ids and expiry, and answers an empty list without result or total", async () => {
    const token = await accessToken(base, demo.reporter);
    const { list: pats } = await list(`/management/v1/users/${VIEWER_BOT.id}/pats/_search`, token);
    expect(pats.result).toHaveLength(1);
    expect(pats.result?.[0]).toMatchObject({ id: expect.stringMatching(/^\d+$/), expirationDate: "2099-01-01T00:00:00Z" });
    const { list: none } = await list(`/management/v1/users/${KEY_BOT.id}/pats/_search`, token);
    expect(none).toEqual({ details: { processedSequence: expect.any(String), viewTimestamp: expect.any(String) } });
  });

  it("finds no keys of a user in another org than the request's", async () => {
    const token = await accessToken(base, demo.globex);
    const { status, list: keys } = await list(`/management/v1/users/${KEY_BOT.id}/keys/_search`, token);
    expect(status).toBe(200);
    expect(keys.result).toBeUndefined();
  });

  it("lists a user's manager roles in the org of the request, and none for a user without one", async () => {
    const token = await accessToken(base, demo.reporter);
    const { list: memberships } = await list(`/management/v1/users/${KEY_BOT.id}/memberships/_search`, token);
    expect(memberships.result).toEqual([
      expect.objectContaining({ userId: KEY_BOT.id, roles: ["ORG_OWNER"], orgId: ACME_ID, displayName: "ACME Corporation" }),
    ]);
    const noRole = serviceUser(seed, "acme-no-role");
    const { list: none } = await list(`/management/v1/users/${noRole.id}/memberships/_search`, token);
    expect(none.result).toBeUndefined();
  });

  it("lists a user's grants on projects, owned by the org of the request", async () => {
    const token = await accessToken(base, demo.reporter);
    const body = { queries: [{ userIdQuery: { userId: VIEWER_BOT.id } }] };
    const { list: grants } = await list("/management/v1/users/grants/_search", token, body);
    expect(grants.result).toEqual([
      expect.objectContaining({ userId: VIEWER_BOT.id, roleKeys: ["viewer"], state: "USER_GRANT_STATE_ACTIVE", orgId: ACME_ID }),
    ]);
    const globex = await accessToken(base, demo.globex);
    expect((await list("/management/v1/users/grants/_search", globex, body)).list.result).toBeUndefined();
    const { list: none } = await list("/management/v1/users/grants/_search", token, {
      queries: [{ userIdQuery: { userId: GLOBEX_SYNC.id } }],
    });
    expect(none.result).toBeUndefined();
  });

  it("refuses each read without a manager role in the org (403 AUTH-5mWD2)", async () => {
    const token = await accessToken(base, demo.noRole);
    for (const path of [
      `/management/v1/users/${KEY_BOT.id}/keys/_search`,
      `/management/v1/users/${KEY_BOT.id}/pats/_search`,
      `/management/v1/users/${KEY_BOT.id}/memberships/_search`,
      "/management/v1/users/grants/_search",
    ]) {
      const { status, text } = await list(path, token);
      expect([path, status, text]).toEqual([path, 403, NO_PERMISSION]);
    }
    const reporter = await accessToken(base, demo.reporter);
    expect((await list(`/management/v1/users/${GLOBEX_SYNC.id}/keys/_search`, reporter, {}, GLOBEX_ID)).status).toBe(403);
  });
});
