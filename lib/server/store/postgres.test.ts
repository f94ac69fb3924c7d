import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createStore, isStoreUnavailable } from "./index";
import { createPostgresPool } from "./postgres";
import { describeStoreSuite } from "./store-suite";
import { runIncrements } from "./testing/increments";

// Runs when TEST_DATABASE_URL is set; CI sets REQUIRE_POSTGRES=1 so a missing database fails instead of skipping.

const url = process.env.TEST_DATABASE_URL;
const required = process.env.REQUIRE_POSTGRES === "1";

if (required && !url) {
  describe("store contract: postgres", () => {
    it("needs TEST_DATABASE_URL", () => {
      throw new Error(
        "REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: start PostgreSQL and set TEST_DATABASE_URL=postgres://user:pass@host:5432/db",
      );
    });
  });
}

describeStoreSuite(
  "postgres",
  async () => {
    // A fresh schema per run: reruns and parallel runs never see each other's rows.
    const schema = `m2m_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const store = await createStore({ driver: "postgres", url: url ?? "", schema });
    const raw = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await raw.connect();
    return {
      store,
      rawExec: async (statement) => void (await raw.query(statement)),
      rawQuery: async (statement) => (await raw.query<Record<string, unknown>>(statement)).rows,
      concurrentIncrements: (credentialId, writers, perWriter) =>
        Promise.all(Array.from({ length: writers }, (_, i) => runIncrements(store, credentialId, perWriter, `writer-${i}`))),
      close: async () => {
        await store.close();
        await raw.query(`DROP SCHEMA ${schema} CASCADE`);
        await raw.end();
      },
    };
  },
  { skip: !url },
);

describe.skipIf(!url)("postgres overload", () => {
  it("reports a query over statement_timeout and a full pool as store-unavailable (503), not a bug", async () => {
    const pool = createPostgresPool({ url: url ?? "", poolSize: 1, statementTimeoutMs: 100, connectTimeoutMs: 200 });
    try {
      expect(isStoreUnavailable(await pool.query("SELECT pg_sleep(2)").catch((error: unknown) => error))).toBe(true);
      const held = await pool.connect();
      expect(isStoreUnavailable(await pool.query("SELECT 1").catch((error: unknown) => error))).toBe(true);
      held.release();
      expect(isStoreUnavailable(await pool.query("SELECT 1/0").catch((error: unknown) => error))).toBe(false);
    } finally {
      await pool.end();
    }
  });
});
