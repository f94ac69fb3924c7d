import "server-only";
import { PostgresDialect } from "kysely";
import pg from "pg";

// A bounded pool with server-side timeouts, so overload turns into errors (503) instead of a pile-up.

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  url: string;
  /** Tables live in this schema (created if missing); tests use a fresh one per run. */
  schema?: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  onPoolError?: (error: Error) => void;
}

export function createPostgresPool(options: PostgresOptions): pg.Pool {
  if (options.schema !== undefined && !SCHEMA_PATTERN.test(options.schema)) {
    throw new Error("the PostgreSQL schema name must be lower-case letters, digits and underscores");
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    idle_in_transaction_session_timeout: 30_000,
    application_name: "m2m-console",
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle client that dies emits here; without a listener the whole process would crash.
  pool.on("error", (error) => options.onPoolError?.(error));
  return pool;
}

export function createPostgresDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool });
}
