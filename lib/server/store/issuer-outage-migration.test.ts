import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, Migrator, sql, type Migration } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createStore } from "./index";
import { credentialValues } from "./rows";
import type { Database } from "./schema";
import { createSqliteDialect } from "./sqlite";
import { auditEntry, newCredential } from "./testing/fixtures";

// A SQLite store written before issuers had a status of their own: the status column is made again (SQLite cannot
// widen a CHECK in place) with its values, indexes, triggers and counts intact, and takes the new status after.

const root = mkdtempSync(join(tmpdir(), "m2m-issuer-outages-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const modules = import.meta.glob<Migration>("./migrations/0*.ts", { eager: true });
const before = Object.fromEntries(
  Object.entries(modules)
    .map(([path, module]) => [path.replace(/^.*\/(\d{4})-(.*)\.ts$/, "$1_$2").replace(/-/g, "_"), module] as const)
    .filter(([name]) => name < "0019"),
);

describe("upgrading a SQLite store to issuer outages", () => {
  it("keeps every credential's status and the counts, and accepts issuer_unavailable only after", async () => {
    const path = join(root, "old.sqlite");
    const db = new Kysely<Database>({ dialect: createSqliteDialect(path) });
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
    if (error) throw error;
    const rows = ["working", "token_fails", "org_fails", null].map((status, i) => ({ row: newCredential({ label: `Old ${i}` }), status }));
    for (const { row, status } of rows) {
      await db.insertInto("credentials").values(credentialValues(row)).execute();
      if (status)
        await db
          .updateTable("credentials")
          .set({ health_status: status, health_checked_at: new Date().toISOString() })
          .where("id", "=", row.id)
          .execute();
    }
    await expect(sql`update credentials set health_status = 'issuer_unavailable'`.execute(db)).rejects.toThrow(/CHECK/);
    await db.destroy();

    const store = await createStore({ driver: "sqlite", path });
    try {
      const staleBefore = "2000-01-01T00:00:00.000Z";
      expect((await store.credentials.countHealth({ staleBefore })).byStatus).toEqual({
        working: 1,
        token_fails: 1,
        org_fails: 1,
        issuer_unavailable: 0,
        untested: 1,
        stale: 0,
      });
      const working = rows[0]!.row;
      await store.testRuns.recordCheck(
        {
          credentialId: working.id,
          kind: "token",
          actor: "op",
          actorName: "Ada",
          outcome: "server_error",
          httpStatus: 503,
          latencyMs: 5,
          orgId: null,
          orgName: null,
          cached: false,
        },
        auditEntry("token.test", { credentialId: working.id }),
        { issuerUnavailable: "server_error" },
      );
      const added = newCredential({ label: "New" });
      await store.credentials.create(added, auditEntry("credential.create"));
      expect((await store.credentials.countHealth({ staleBefore })).byStatus).toMatchObject({
        working: 0,
        issuer_unavailable: 1,
        untested: 2,
      });
      expect((await store.credentials.list({ staleBefore, status: "issuer_unavailable" })).items.map((item) => item.id)).toEqual([
        working.id,
      ]);
      expect((await store.credentials.list({ staleBefore, search: "old 1" })).items.map((item) => item.health.status)).toEqual([
        "token_fails",
      ]);
    } finally {
      await store.close();
    }
    const check = new Kysely<Database>({ dialect: createSqliteDialect(path) });
    await expect(sql`update credentials set health_status = 'bogus'`.execute(check)).rejects.toThrow(/CHECK/);
    await check.destroy();
  });
});
