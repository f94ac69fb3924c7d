import "server-only";
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

export interface RateLimiters {
  readonly points: RateLimitPoints;
  /** Spends `points` for `key`; refused when the window has fewer left. A refused take still counts (hammering does not help). */
  take(name: RateLimitName, key: string, points?: number): Promise<RateVerdict>;
  /**
   * Spends one point from each limit's key in one statement (one round trip, one commit), as `take` would one after
   * the other; every point counts, refused or not. Verdicts come back in the order asked.
   */
  takeEach(spends: readonly RateSpend[]): Promise<RateVerdict[]>;
  /** Gives points back: a request refused as a whole (an import) does not spend the budget it never used. */
  giveBack(name: RateLimitName, key: string, points: number): Promise<void>;
}

export interface RateSpend {
  name: RateLimitName;
  key: string;
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

  return {
    points,
    async take(name, key, spend = 1) {
      try {
        await limiters[name].consume(key, spend);
        return { ok: true };
      } catch (error) {
        if (!isLimiterAnswer(error)) throw error;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      }
    },
    async takeEach(spends) {
      const now = Date.now();
      const rows = await upsertPoints(
        connection,
        spends.map(({ name, key }) => `${name}:${key}`),
        now,
      );
      return spends.map(({ name, key }) => {
        const row = rows.get(`${name}:${key}`);
        if (!row) throw new Error(`the rate limit row for ${name} was not returned`);
        if (row.points <= points[name]) return { ok: true };
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((row.expire - now) / 1000)) };
      });
    },
    async giveBack(name, key, spend) {
      await limiters[name].reward(key, spend);
    },
  };
}

// The library's own upsert (same table, same `<limit>:<key>` rows, same fixed window), for several keys at once: a
// window that has run out starts again with this point.
function upsertSql(rows: number, placeholder: (index: number) => string): string {
  const values = Array.from({ length: rows }, (_, row) => `(${[0, 1, 2].map((column) => placeholder(row * 3 + column)).join(", ")})`);
  const now = placeholder(rows * 3);
  return (
    `INSERT INTO ${TABLE} (key, points, expire) VALUES ${values.join(", ")} ON CONFLICT (key) DO UPDATE SET ` +
    `points = CASE WHEN ${TABLE}.expire IS NULL OR ${TABLE}.expire > ${now} THEN ${TABLE}.points + excluded.points ELSE excluded.points END, ` +
    `expire = CASE WHEN ${TABLE}.expire IS NULL OR ${TABLE}.expire > ${now} THEN ${TABLE}.expire ELSE excluded.expire END ` +
    "RETURNING key, points, expire"
  );
}

async function upsertPoints(
  connection: StoreConnection,
  keys: readonly string[],
  now: number,
): Promise<Map<string, { points: number; expire: number }>> {
  // One statement may not touch a row twice (PostgreSQL refuses it), and no caller needs to.
  if (new Set(keys).size !== keys.length) throw new Error("each limit key may be spent once per takeEach");
  const parameters = [...keys.flatMap((key) => [key, 1, now + WINDOW_SECONDS * 1000]), now];
  const rows =
    connection.driver === "postgres"
      ? (
          await connection.pool.query<{ key: string; points: number; expire: string }>(
            upsertSql(keys.length, (i) => `$${i + 1}`),
            parameters,
          )
        ).rows
      : (connection.database
          .prepare(upsertSql(keys.length, (i) => `@p${i}`))
          .all(Object.fromEntries(parameters.map((value, i) => [`p${i}`, value]))) as { key: string; points: number; expire: number }[]);
  return new Map(rows.map((row) => [row.key, { points: Number(row.points), expire: Number(row.expire) }]));
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
