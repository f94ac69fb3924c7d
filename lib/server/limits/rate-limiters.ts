import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import type { StoreConnection } from "@/lib/server/store";

// The console's rate limits, counted in the store's own database (the SQLite file, or the PostgreSQL that every
// instance shares, through rate-limiter-flexible), so a limit holds across app instances. Fixed one-minute windows: a key's
// window starts with its first point and Retry-After is the time left in it.

export const RATE_LIMIT_NAMES = ["tests_per_operator", "tests_per_credential", "writes_per_operator"] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

/** Points a key may spend per window, by limit. */
export type RateLimitPoints = Record<RateLimitName, number>;

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

// rate-limiter-flexible's table on PostgreSQL.
const TABLE = "rate_limits";
const WINDOW_SECONDS = 60;

export type RateTake = readonly [name: RateLimitName, key: string];

export interface RateLimiters {
  readonly points: RateLimitPoints;
  /** Spends `points` for `key`; refused when the window has fewer left. A refused take still counts (hammering does not help). */
  take(name: RateLimitName, key: string, points?: number): Promise<RateVerdict>;
  /**
   * One point from each budget, in order; stops at the first refusal (that point still counts, the budgets after it
   * are not touched) and names it. On SQLite all of it is one transaction.
   */
  takeEach(takes: readonly RateTake[]): Promise<{ ok: true } | { ok: false; name: RateLimitName; retryAfterSeconds: number }>;
  /** Gives points back: a request refused as a whole (an import) does not spend the budget it never used. */
  giveBack(name: RateLimitName, key: string, points: number): Promise<void>;
}

/** One limiter per limit over the store's connection: the console's own table on SQLite, the library's on PostgreSQL. */
export async function openRateLimiters(connection: StoreConnection, points: RateLimitPoints): Promise<RateLimiters> {
  if (connection.driver === "sqlite") return sqliteLimiters(connection.database, points);
  return postgresLimiters(connection.pool, points);
}

async function postgresLimiters(pool: pg.Pool, points: RateLimitPoints): Promise<RateLimiters> {
  await createTable(pool);
  const limiters = Object.fromEntries(
    RATE_LIMIT_NAMES.map((name, index) => [
      name,
      // Every limit shares the table (keys carry the limit's name); one limiter sweeping expired rows is enough.
      limiterOn(pool, { keyPrefix: name, points: points[name], tableCreated: true, clearExpiredByTimeout: index === 0 }),
    ]),
  ) as Record<RateLimitName, RateLimiterPostgres>;
  const take = async (name: RateLimitName, key: string, spend = 1): Promise<RateVerdict> => {
    try {
      await limiters[name].consume(key, spend);
      return { ok: true };
    } catch (error) {
      if (!isLimiterAnswer(error)) throw error;
      return { ok: false, retryAfterSeconds: retryAfter(error.msBeforeNext) };
    }
  };
  return {
    points,
    take,
    async takeEach(takes) {
      for (const [name, key] of takes) {
        const verdict = await take(name, key);
        if (!verdict.ok) return { ...verdict, name };
      }
      return { ok: true };
    },
    async giveBack(name, key, spend) {
      await limiters[name].reward(key, spend);
    },
  };
}

const retryAfter = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));

// On SQLite the console counts in its own table (migration 0016), with statements prepared once and every budget of
// a request spent in one transaction: the library prepared its statement and opened a transaction for every point,
// twice per token test. The window starts with its first point, as the library's does. The statements run on the
// store's own connection (one per process, so a take never waits on a lock this process holds): inside a store
// transaction a take is a savepoint, and a rollback there uncounts that one point. Rows are not swept: one per key.
function sqliteLimiters(database: BetterSqlite3.Database, points: RateLimitPoints): RateLimiters {
  const upsert = database.prepare<[RateLimitName, string, number, number, number, number], { points: number; ends_at: number }>(
    `INSERT INTO rate_limit_windows (limit_name, key, points, ends_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(limit_name, key) DO UPDATE SET
       points = CASE WHEN ends_at > ? THEN points + excluded.points ELSE excluded.points END,
       ends_at = CASE WHEN ends_at > ? THEN ends_at ELSE excluded.ends_at END
     RETURNING points, ends_at`,
  );
  const giveBack = database.prepare<[number, RateLimitName, string, number]>(
    "UPDATE rate_limit_windows SET points = points - ? WHERE limit_name = ? AND key = ? AND ends_at > ?",
  );
  const spendAll = database.transaction((takes: readonly RateTake[], spend: number) => {
    for (const [name, key] of takes) {
      const now = Date.now();
      const row = upsert.get(name, key, spend, now + WINDOW_SECONDS * 1000, now, now);
      if (!row) throw new Error("the rate limit upsert returned no row");
      if (row.points > points[name]) return { ok: false as const, name, retryAfterSeconds: retryAfter(row.ends_at - Date.now()) };
    }
    return { ok: true as const };
  });
  const takeAll = async (takes: readonly RateTake[], spend: number) => spendAll.immediate(takes, spend);
  return {
    points,
    async take(name, key, spend = 1) {
      const verdict = await takeAll([[name, key]], spend);
      return verdict.ok ? verdict : { ok: false, retryAfterSeconds: verdict.retryAfterSeconds };
    },
    takeEach: (takes) => takeAll(takes, 1),
    async giveBack(name, key, spend) {
      giveBack.run(spend, name, key, Date.now());
    },
  };
}

interface LimiterOptions {
  keyPrefix: string;
  points: number;
  tableCreated: boolean;
  clearExpiredByTimeout: boolean;
}

function limiterOn(pool: pg.Pool, options: LimiterOptions, ready?: (error?: Error) => void): RateLimiterPostgres {
  return new RateLimiterPostgres({ ...options, duration: WINDOW_SECONDS, tableName: TABLE, storeClient: pool, storeType: "pool" }, ready);
}

// The library creates its own table when a limiter is built with tableCreated: false and reports it to a callback.
function createTable(pool: pg.Pool): Promise<void> {
  return new Promise((resolve, reject) => {
    limiterOn(pool, { keyPrefix: "setup", points: 1, tableCreated: false, clearExpiredByTimeout: false }, (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

// A refusal is the library's RateLimiterRes, not an Error. Checked by shape, since Next may bundle the library more
// than once while the limiters (one per process) are shared.
function isLimiterAnswer(value: unknown): value is { msBeforeNext: number } {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Error) &&
    typeof (value as { msBeforeNext?: unknown }).msBeforeNext === "number"
  );
}
