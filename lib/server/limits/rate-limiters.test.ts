import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore, type Store } from "@/lib/server/store";
import { openRateLimiters, type RateLimiters, type RateLimitPoints } from "./rate-limiters";

// The multi-instance promise on both databases: two app instances, each with its own store and limiters over the
// same database, share one budget per key. Runs on PostgreSQL when TEST_DATABASE_URL is set (CI requires it).

const POINTS: RateLimitPoints = { tests_per_operator: 10, tests_per_credential: 3, writes_per_operator: 5 };
const url = process.env.TEST_DATABASE_URL;

interface Database {
  /** An app instance: its own connection to the shared database, its own limiters. */
  openInstance(): Promise<RateLimiters>;
  close(): Promise<void>;
}

function sqliteDatabase(): Database {
  const dir = mkdtempSync(join(tmpdir(), "m2m-limits-"));
  const stores: Store[] = [];
  return {
    async openInstance() {
      const store = await createStore({ driver: "sqlite", path: join(dir, "console.sqlite") });
      stores.push(store);
      return openRateLimiters(store.connection, POINTS);
    },
    async close() {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresDatabase(): Database {
  // A fresh schema per run: reruns and parallel runs never share counters.
  const schema = `m2m_limits_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const stores: Store[] = [];
  return {
    async openInstance() {
      const store = await createStore({ driver: "postgres", url: url ?? "", schema });
      stores.push(store);
      return openRateLimiters(store.connection, POINTS);
    },
    async close() {
      for (const store of stores) await store.close();
      const raw = new pg.Client({ connectionString: url });
      await raw.connect();
      await raw.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await raw.end();
    },
  };
}

if (process.env.REQUIRE_POSTGRES === "1" && !url) {
  describe("rate limits: postgres", () => {
    it("needs TEST_DATABASE_URL", () => {
      throw new Error("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
    });
  });
}

describe.each([
  { driver: "sqlite", open: sqliteDatabase, skip: false },
  { driver: "postgres", open: postgresDatabase, skip: !url },
])("rate limits on $driver", ({ open, skip }) => {
  let database: Database;
  let first: RateLimiters;
  let second: RateLimiters;

  beforeAll(async () => {
    if (skip) return;
    database = open();
    first = await database.openInstance();
    second = await database.openInstance();
  });
  afterAll(async () => {
    await database?.close();
  });

  it.skipIf(skip)("a limit holds across two instances sharing the database, and says when to try again", async () => {
    const key = `credential-${randomBytes(4).toString("hex")}`;
    expect(await first.take("tests_per_credential", key)).toEqual({ ok: true });
    expect(await second.take("tests_per_credential", key)).toEqual({ ok: true });
    expect(await first.take("tests_per_credential", key)).toEqual({ ok: true });

    const refused = await second.take("tests_per_credential", key);
    expect(refused.ok).toBe(false);
    const retryAfter = refused.ok ? 0 : refused.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await first.take("tests_per_credential", key)).ok).toBe(false);

    // Other keys and other limits keep their own budgets.
    expect(await second.take("tests_per_credential", `${key}-other`)).toEqual({ ok: true });
    expect(await second.take("tests_per_operator", key)).toEqual({ ok: true });
  });

  it.skipIf(skip)("many concurrent takes from both instances grant exactly the limit", async () => {
    const key = `burst-${randomBytes(4).toString("hex")}`;
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? first : second).take("tests_per_operator", key)));
    expect(verdicts.filter((verdict) => verdict.ok)).toHaveLength(POINTS.tests_per_operator);
  });

  it.skipIf(skip)("a request's budgets are spent in order and the first refusal names its limit, leaving the rest", async () => {
    const operator = `operator-${randomBytes(4).toString("hex")}`;
    const credential = `credential-${randomBytes(4).toString("hex")}`;
    const both = [
      ["tests_per_credential", credential],
      ["tests_per_operator", operator],
    ] as const;
    for (let i = 0; i < POINTS.tests_per_credential; i += 1) expect(await (i % 2 ? first : second).takeEach(both)).toEqual({ ok: true });
    const refused = await first.takeEach(both);
    expect(refused).toMatchObject({ ok: false, name: "tests_per_credential" });
    expect(refused.ok ? 0 : refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // The operator's budget paid only for the granted requests: 3 of 10 spent, so 7 are left.
    for (let i = 0; i < POINTS.tests_per_operator - POINTS.tests_per_credential; i += 1) {
      expect(await second.take("tests_per_operator", operator)).toEqual({ ok: true });
    }
    expect((await first.take("tests_per_operator", operator)).ok).toBe(false);
  });

  it.skipIf(skip)("points given back (a refused import) are spendable again, on either instance", async () => {
    const key = `writer-${randomBytes(4).toString("hex")}`;
    expect(await first.take("writes_per_operator", key, 3)).toEqual({ ok: true });
    expect((await second.take("writes_per_operator", key, 3)).ok).toBe(false);
    await second.giveBack("writes_per_operator", key, 3);
    expect(await first.take("writes_per_operator", key, 2)).toEqual({ ok: true });
    expect((await second.take("writes_per_operator", key, 1)).ok).toBe(false);
  });
});
