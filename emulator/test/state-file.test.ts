import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { json, management } from "./management-support";
import { accessToken, ACME_ID, call, demo, demoSeed } from "./support";
import { SeedError } from "../src/seed";
import { startEmulator, type RunningEmulator } from "../src/server";
import { loadState } from "../src/state-file";

// The demo keeps what was done in ZITADEL across a restart: a service user made over the Management API still signs
// in and still sees its org, a deactivated one stays deactivated, and the users' event sequences go on.

const dirs: string[] = [];
const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
  dirs.push(dir);
  return dir;
}

async function start(path: string): Promise<RunningEmulator> {
  const saved = loadState(path);
  const emulator = await startEmulator({
    seed: saved?.seed ?? demoSeed(),
    sequences: saved?.sequences,
    stateFile: { path, seedDigest: "test-seed" },
    port: 0,
    secretPropagationMs: 0,
  });
  running.push(emulator);
  return emulator;
}

describe("the emulator's state file", () => {
  it("brings back a service user made over the Management API, its secret, its role and a deactivation", async () => {
    const path = join(stateDir(), "state.json");
    expect(loadState(path)).toBeNull();

    const first = await start(path);
    const token = await accessToken(first.url, demo.reporter);
    const body = { userName: "acme-kept-bot", name: "ACME Kept Bot", accessTokenType: "ACCESS_TOKEN_TYPE_BEARER" };
    const created = await management(first.url, "/management/v1/users/machine", { method: "POST", token, body });
    const { userId } = json(created) as { userId: string };
    const secret = await management(first.url, `/management/v1/users/${userId}/secret`, { method: "PUT", token, body: {} });
    const bot = { id: "acme-kept-bot", secret: (json(secret) as { clientSecret: string }).clientSecret };
    const member = await management(first.url, "/management/v1/orgs/me/members", {
      method: "POST",
      token,
      body: { userId, roles: ["ORG_OWNER"] },
    });
    expect(member.status).toBe(200);
    const globex = await call(`${first.url}/__emulator/users/globex-sync/state`, { method: "POST", body: '{"active":false}' });
    expect(globex.status).toBe(200);
    const before = json(await management(first.url, `/management/v1/users/${userId}`, { token })) as {
      user: { details: { sequence: string } };
    };
    await first.close();
    running.splice(0);

    const second = await start(path);
    const botToken = await accessToken(second.url, bot);
    const orgsMe = await call(`${second.url}/management/v1/orgs/me`, { headers: { authorization: `Bearer ${botToken}` } });
    expect(orgsMe.status).toBe(200);
    expect(json(orgsMe)).toMatchObject({ org: { id: ACME_ID, name: "ACME Corporation" } });
    expect(json(await call(`${second.url}/__emulator/users/globex-sync`))).toMatchObject({ state: "inactive" });
    const again = await accessToken(second.url, demo.reporter);
    const after = json(await management(second.url, `/management/v1/users/${userId}`, { token: again })) as typeof before;
    expect(after.user.details.sequence).toBe(before.user.details.sequence);
  });

  it("is written only by changes: token requests leave no file behind", async () => {
    const path = join(stateDir(), "state.json");
    const emulator = await start(path);
    await accessToken(emulator.url, demo.reporter);
    await emulator.close();
    running.splice(0);
    expect(loadState(path)).toBeNull();
  });

  it("refuses a file that is not a saved state and says how to start over", () => {
    const path = join(stateDir(), "state.json");
    writeFileSync(path, JSON.stringify({ orgs: [] }));
    expect(() => loadState(path)).toThrow(SeedError);
    expect(() => loadState(path)).toThrow(/delete it to start from the seed/);
    expect(readFileSync(path, "utf8")).toBe(JSON.stringify({ orgs: [] }));
  });
});
