import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds } from "./dialect";

// Background jobs on SQLite (PostgreSQL keeps its jobs in pg-boss's schema instead): one row per job, so a job
// survives a restart. A try is claimed by a compare-and-set on `claim_token` with a lease, as the alert outbox claims
// its tries; a job that failed past its retries stays as `failed` (its dead letter) until pruned.

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("queue", "text", (col) => col.notNull())
    .addColumn("data", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull().check(sql`state in ('pending', 'failed')`))
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("retry_limit", "integer", (col) => col.notNull())
    .addColumn("retry_delay_ms", "integer", (col) => col.notNull())
    .addColumn("next_attempt_at", kind.timestamp, (col) => col.notNull())
    .addColumn("claim_token", "text")
    .addColumn("claimed_until", kind.timestamp)
    .addColumn("last_error", "text")
    .addColumn("created_at", kind.timestamp, (col) => col.notNull())
    .addColumn("finished_at", kind.timestamp)
    .execute();
  await db.schema.createIndex("jobs_due").on("jobs").columns(["queue", "state", "next_attempt_at"]).execute();
}
