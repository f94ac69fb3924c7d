import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, Migrator } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createStore, type StoreOptions } from "./index";
import * as initial from "./migrations/0001-initial";
import { createPostgresDialect, createPostgresPool } from "./postgres";
import { createSqliteDialect } from "./sqlite";

// A database written before the audit log was a hash chain: upgrading links its rows, and the chain goes on.

const root = mkdtempSync(join(tmpdir(), "m2m-audit-chain-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const url = process.env.TEST_DATABASE_URL;

async function writeOldLog(db: Kysely<unknown>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ "0001_initial": initial }) },
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  const old = db as unknown as Kysely<{ audit_log: { at: string; actor: string; action: string; outcome: string; detail: string | null } }>;
  for (let i = 0; i < 5; i += 1) {
    await old
      .insertInto("audit_log")
      .values({
        at: `2024-01-0${i + 1}T10:00:00.000Z`,
        actor: "ada",
        action: "credential.update",
        outcome: "success",
        detail: JSON.stringify({ i }),
      })
      .execute();
  }
}

async function expectUpgradedChain(options: StoreOptions): Promise<void> {
  const store = await createStore(options);
  try {
    expect(await store.audit.verifyChain()).toMatchObject({ rows: 5, broken: null });
    await store.audit.append({ actor: "ada", action: "login.success", outcome: "success" });
    const report = await store.audit.verifyChain();
    expect(report).toMatchObject({ rows: 6, broken: null });
    expect(report.head?.id).toBe((await store.audit.list({ limit: 1 })).items[0]?.id);
  } finally {
    await store.close();
  }
}

describe("upgrading an audit log written before the hash chain", () => {
  it("links the existing SQLite rows, oldest first", async () => {
    const path = join(root, "old.sqlite");
    const db = new Kysely<unknown>({ dialect: createSqliteDialect(path) });
    await writeOldLog(db);
    await db.destroy();
    await expectUpgradedChain({ driver: "sqlite", path });
  });

  it.skipIf(!url)("links the existing PostgreSQL rows, oldest first", async () => {
    const schema = `m2m_test_chain_${randomBytes(4).toString("hex")}`;
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    try {
      await raw.query(`CREATE SCHEMA ${schema}`);
      const db = new Kysely<unknown>({ dialect: createPostgresDialect(createPostgresPool({ url: url ?? "", schema })) });
      await writeOldLog(db, schema);
      await db.destroy();
      await expectUpgradedChain({ driver: "postgres", url: url ?? "", schema });
    } finally {
      await raw.query(`DROP SCHEMA ${schema} CASCADE`);
      await raw.end();
    }
  });
});
