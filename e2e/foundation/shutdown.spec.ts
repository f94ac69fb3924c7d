import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "../fixtures";

// The built app as an orchestrator stops it: SIGTERM after it served. A second `next start` of its own, on a free
// port and a fresh SQLite file, so the shared e2e server keeps running.

test("SIGTERM: next start drains, the store is closed with its WAL emptied, and the process exits 0", async () => {
  const dir = mkdtempSync(join(tmpdir(), "m2m-e2e-shutdown-"));
  const path = join(dir, "console.sqlite");
  const app = spawn("node_modules/.bin/next", ["start", "-p", "0"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      SECRETS_KEY: randomBytes(32).toString("base64"),
      SQLITE_PATH: path,
      LOG_LEVEL: "warn",
    },
  });
  try {
    const exited = once(app, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    let output = "";
    const origin = await new Promise<string>((resolve) => {
      app.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Local:\s+(http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
    });
    await expect.poll(async () => (await fetch(`${origin}/api/health`).catch(() => null))?.status).toBe(200);
    // Start-up migrated the database: those writes are in the WAL until a checkpoint.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    app.kill("SIGTERM");
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
  } finally {
    app.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
