import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createStore, type StoreOptions } from "@/lib/server/store";
import { auditEntry, newCredential } from "@/lib/server/store/testing/fixtures";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "m2m-verify-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const url = process.env.TEST_DATABASE_URL;

// Runs the real `npm run audit:verify` line with the server's settings, as an operator would.
async function verifyAudit(settings: Record<string, string>, args: string[] = []) {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "silent", ...settings };
  env.NEXTAUTH_SECRET = randomBytes(32).toString("base64");
  env.SECRETS_KEY = randomBytes(32).toString("base64");
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "audit:verify", "--", ...args], { env, cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function seed(options: StoreOptions) {
  const store = await createStore(options);
  const row = await store.credentials.create(newCredential(), auditEntry("credential.create"));
  await store.credentials.update(row.id, 1, { label: "Renamed" }, auditEntry("credential.update", { detail: { fields: ["label"] } }));
  await store.audit.append(auditEntry("token.test", { credentialId: row.id }));
  const rows = (await store.audit.list({ limit: 10 })).items.reverse();
  await store.close();
  return rows;
}

describe("npm run audit:verify", () => {
  it("passes an untouched SQLite log and prints its head, then names the first changed row and exits 1", async () => {
    const path = join(dir, "audit.sqlite");
    const rows = await seed({ driver: "sqlite", path });
    const intact = await verifyAudit({ SQLITE_PATH: path });
    expect(intact.stderr).toBe("");
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(
      new RegExp(`Audit log intact: 3 row\\(s\\) verified \\(sqlite store\\); head row ${rows[2]?.id}, hash [0-9a-f]{64}`),
    );

    const raw = new BetterSqlite3(path);
    raw.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{"fields":["notes"]}' WHERE id = ${rows[1]?.id}`);
    raw.close();
    const broken = await verifyAudit({ SQLITE_PATH: path });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      `Audit log broken at row ${rows[1]?.id} (${rows[1]?.at}): its content was changed after it was written.`,
    );
  }, 60_000);

  it.skipIf(!url)(
    "does the same on PostgreSQL, and checks a head recorded by an earlier run",
    async () => {
      const schema = `m2m_test_verify_${randomBytes(4).toString("hex")}`;
      const raw = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await raw.connect();
      try {
        const rows = await seed({ driver: "postgres", url: url ?? "", schema });
        const settings = { DATABASE_URL: `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}` };
        const intact = await verifyAudit(settings);
        expect(intact.code).toBe(0);
        const [, headId, headHash] = /head row (\d+), hash ([0-9a-f]{64})/.exec(intact.stdout) ?? [];
        expect(headId).toBe(rows[2]?.id);
        expect((await verifyAudit(settings, [`--head=${headId}:${headHash}`])).code).toBe(0);

        await raw.query(`ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id = ${rows[0]?.id}`);
        const broken = await verifyAudit(settings);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toContain(`Audit log broken at row ${rows[1]?.id} (${rows[1]?.at}): the first row does not start the chain`);
      } finally {
        await raw.query(`DROP SCHEMA ${schema} CASCADE`);
        await raw.end();
      }
    },
    60_000,
  );
});
