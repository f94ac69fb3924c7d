import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/lib/server/http/testing";
import { closeStore, getStore } from "@/lib/server/store";
import { closeSession, hashSessionId, openSession } from "./sessions";
import { getOperatorZitadelToken } from "./zitadel-token";

// The operator's ZITADEL token from sign-in: sealed into the session row (never readable there), opened only for its
// own live session, and gone when the session ends.

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "m2m-zitadel-token-"));
  setTestEnv({ SQLITE_PATH: join(dir, "console.sqlite") });
});

afterAll(async () => {
  await closeStore();
  rmSync(dir, { recursive: true, force: true });
});

const claims = (sub: string) => ({ sub, name: "Ada Admin", preferred_username: "ada" });

describe("the operator's ZITADEL token", () => {
  it("is sealed into the session at sign-in and opened only for that session while it lives", async () => {
    const accessToken = `operatorAccess_${randomBytes(16).toString("hex")}`;
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const sessionId = await openSession(claims(`ada-${randomBytes(4).toString("hex")}`), undefined, { accessToken, expiresAt });
    const idHash = hashSessionId(sessionId);

    const live = await (await getStore()).operators.getLiveSession(idHash);
    expect(live?.session.zitadelTokenEnvelope).toBeTruthy();
    expect(live?.session.zitadelTokenEnvelope).not.toContain(accessToken);
    expect(live?.session.zitadelTokenExpiresAt).toBe(new Date(expiresAt * 1000).toISOString());
    expect(await getOperatorZitadelToken({ sessionIdHash: idHash })).toMatchObject({ ok: true, accessToken });

    // Another session's row cannot open it: the envelope is bound to the session it was sealed for.
    const other = hashSessionId(await openSession(claims(`eve-${randomBytes(4).toString("hex")}`), undefined, {}));
    expect(await getOperatorZitadelToken({ sessionIdHash: other })).toMatchObject({ ok: false });

    await closeSession(idHash);
    const after = await getOperatorZitadelToken({ sessionIdHash: idHash });
    expect(after).toMatchObject({ ok: false });
    expect(JSON.stringify(after)).not.toContain(accessToken);
  });

  it("is not offered when it has expired: the operator is told to sign in again", async () => {
    const sessionId = await openSession(claims(`ada-${randomBytes(4).toString("hex")}`), undefined, {
      accessToken: "expiring",
      expiresAt: Math.floor(Date.now() / 1000) + 10,
    });
    const result = await getOperatorZitadelToken({ sessionIdHash: hashSessionId(sessionId) });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("Sign out and in again") });
  });
});
