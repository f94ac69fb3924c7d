import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { encode } from "next-auth/jwt";
import { expect, test } from "../fixtures";

// The SQLite file is locked by another process when the app starts: the app stays up and says so the same way
// everywhere (health 503, the API 503, pages the API's explanation) until the lock is gone, then serves. A second
// `next start` of its own, on a free port and its own file, so the shared e2e server keeps running.

test("with its SQLite file locked at start, health and the API answer 503 and pages explain it, until the lock is gone", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "m2m-e2e-locked-"));
  const path = join(dir, "console.sqlite");
  const secret = randomBytes(32).toString("base64");
  const locker = new BetterSqlite3(path);
  locker.exec("CREATE TABLE held (id INTEGER); BEGIN EXCLUSIVE; INSERT INTO held VALUES (1);");

  const app = spawn("node_modules/.bin/next", ["start", "-p", "0"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: secret,
      SECRETS_KEY: randomBytes(32).toString("base64"),
      SQLITE_PATH: path,
      LOG_LEVEL: "warn",
    },
  });
  try {
    let output = "";
    const origin = await new Promise<string>((resolve) => {
      app.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Local:\s+(http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
    });
    const health = await fetch(`${origin}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "unavailable", store: "unavailable" });

    // A session cookie the app can open; the session it names would be looked up in the locked store.
    const cookie = `next-auth.session-token=${await encode({ token: { sub: "someone", sid: "a-session" }, secret })}`;
    const api = await fetch(`${origin}/api/credentials`, { headers: { cookie } });
    expect(api.status).toBe(503);
    const { error } = (await api.json()) as { error: { message: string; hint: string } };
    expect(error).toMatchObject({ message: "The console's database is busy or unreachable.", hint: "Try again in a few seconds." });

    const page = await (await fetch(`${origin}/credentials`, { headers: { cookie } })).text();
    expect(page).toContain(error.message);
    expect(page).toContain(error.hint);

    locker.exec("ROLLBACK");
    locker.close();
    await expect.poll(async () => (await fetch(`${origin}/api/health`)).status, { timeout: 60_000 }).toBe(200);
  } finally {
    app.kill("SIGKILL");
    if (locker.open) locker.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
