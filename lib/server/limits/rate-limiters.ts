import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import { RateLimiterPostgres, RateLimiterSQLite, type RateLimiterStoreAbstract } from "rate-limiter-flexible";
import type { StoreConnection } from "@/lib/server/store";

// The console's rate limits, counted by rate-limiter-flexible in the store's own database (the SQLite file or the
// PostgreSQL that every instance shares), so a limit holds across app instances. Fixed one-minute windows: a key's
// window starts with its first point and Retry-After is the time left in it.

export const RATE_LIMIT_NAMES = ["tests_per_operator", "tests_per_credential", "writes_per_operator"] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

/** Points a key may spend per window, by limit. */
export type RateLimitPoints = Record<RateLimitName, number>;

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

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

/** Creates the table (if missing) and one limiter per limit over the store's connection. */
export async function openRateLimiters(connection: StoreConnection, points: RateLimitPoints): Promise<RateLimiters> {
  await createTable(connection);
  const limiters = Object.fromEntries(
    RATE_LIMIT_NAMES.map((name, index) => [
      name,
      // Every limit shares the table (keys carry the limit's name); one limiter sweeping expired rows is enough.
      limiterOn(connection, { keyPrefix: name, points: points[name], tableCreated: true, clearExpiredByTimeout: index === 0 }),
    ]),
  ) as Record<RateLimitName, RateLimiterStoreAbstract>;

  const sqliteTakes = connection.driver === "sqlite" ? sqliteTaker(connection.database, points) : null;
  const take = async (name: RateLimitName, key: string, spend = 1): Promise<RateVerdict> => {
    if (sqliteTakes) return sqliteTakes([[name, key]], spend);
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
      if (sqliteTakes) return sqliteTakes(takes, 1);
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

// On SQLite the library prepares its statement and opens a transaction for every point taken: a token test paid that
// twice (operator and credential) before calling ZITADEL. This is the library's own upsert on its own table and keys
// (`<limit>:<key>`, a window that starts with its first point), prepared once, with every budget of a request spent
// in one transaction. Its refusals, Retry-After and the give-back (the library's reward) are unchanged. The
// statement runs on the store's connection like the library's did: inside a store transaction it is a savepoint.
function sqliteTaker(database: BetterSqlite3.Database, points: RateLimitPoints) {
  const upsert = database.prepare<[string, number, number, number, number], { points: number; expire: number | null }>(
    `INSERT INTO ${TABLE} (key, points, expire) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET
       points = CASE WHEN expire IS NULL OR expire > ? THEN points + excluded.points ELSE excluded.points END,
       expire = CASE WHEN expire IS NULL OR expire > ? THEN expire ELSE excluded.expire END
     RETURNING points, expire`,
  );
  const spendAll = database.transaction((takes: readonly RateTake[], spend: number) => {
    for (const [name, key] of takes) {
      const now = Date.now();
      const row = upsert.get(`${name}:${key}`, spend, now + WINDOW_SECONDS * 1000, now, now);
      if (!row) throw new Error("the rate limit upsert returned no row");
      if (row.points > points[name]) {
        return { ok: false as const, name, retryAfterSeconds: retryAfter(row.expire === null ? -1 : Math.max(row.expire - Date.now(), 0)) };
      }
    }
    return { ok: true as const };
  });
  return async (takes: readonly RateTake[], spend: number) => spendAll.immediate(takes, spend);
}

interface LimiterOptions {
  keyPrefix: string;
  points: number;
  tableCreated: boolean;
  clearExpiredByTimeout: boolean;
}

function limiterOn(connection: StoreConnection, options: LimiterOptions, ready?: (error?: Error) => void): RateLimiterStoreAbstract {
  const common = { ...options, duration: WINDOW_SECONDS, tableName: TABLE };
  if (connection.driver === "postgres")
    return new RateLimiterPostgres({ ...common, storeClient: connection.pool, storeType: "pool" }, ready);
  // The store's own better-sqlite3 connection: one connection per process, so a limiter write never waits on a lock
  // that this process holds itself. A take runs as one synchronous statement between the store's queries; if it
  // lands inside a store transaction that rolls back, that one point is not counted. The library's expiry sweep
  // stays off here: a timer outliving the connection would throw, and the table keeps one row per key anyway.
  return new RateLimiterSQLite(
    { ...common, storeClient: connection.database, storeType: "better-sqlite3", clearExpiredByTimeout: false },
    ready,
  );
}

// The library creates its own table when a limiter is built with tableCreated: false and reports it to a callback.
function createTable(connection: StoreConnection): Promise<void> {
  return new Promise((resolve, reject) => {
    limiterOn(connection, { keyPrefix: "setup", points: 1, tableCreated: false, clearExpiredByTimeout: false }, (error) =>
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
