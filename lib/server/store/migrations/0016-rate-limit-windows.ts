import "server-only";
import type { Kysely } from "kysely";
import { isPostgres } from "./dialect";

// SQLite's rate limits count in a table of the console's own: one row per (limit, key) and its one-minute window.
// It replaces rate-limiter-flexible's table there, which the console wrote by hand in the library's private key
// format; its counters only ever lived a minute. PostgreSQL keeps using the library as published, in its own table.

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createTable("rate_limit_windows")
    .addColumn("limit_name", "text", (col) => col.notNull())
    .addColumn("key", "text", (col) => col.notNull())
    .addColumn("points", "integer", (col) => col.notNull())
    // Milliseconds since the epoch: compared with Date.now() on every take.
    .addColumn("ends_at", "integer", (col) => col.notNull())
    .addPrimaryKeyConstraint("rate_limit_windows_pk", ["limit_name", "key"])
    .execute();
  await db.schema.dropTable("rate_limits").ifExists().execute();
}
