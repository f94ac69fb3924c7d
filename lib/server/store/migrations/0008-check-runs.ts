import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds } from "./dialect";

// Test-all runs: one row per run and one per credential in it. An item is claimed by a compare-and-set from pending
// to running, so two instances working on the same run never test a credential twice. Counts are read from the
// items (grouped), not kept on the run row, so concurrent workers never contend for one hot row.
// Items hold no foreign key: a credential deleted during a run leaves its item behind as "skipped".

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  await db.schema
    .createTable("check_runs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("started_by", "text", (col) => col.notNull())
    .addColumn("started_by_name", "text")
    .addColumn("started_at", kind.timestamp, (col) => col.notNull())
    .addColumn("finished_at", kind.timestamp)
    .addColumn("state", "text", (col) => col.notNull().check(sql`state in ('running', 'cancelled', 'done', 'failed')`))
    .addColumn("scope", "text", (col) => col.notNull())
    .addColumn("total", "integer", (col) => col.notNull())
    .addColumn("reason", "text")
    .execute();
  await db.schema.createIndex("check_runs_started_at").on("check_runs").columns(["started_at", "id"]).execute();
  await db.schema.createIndex("check_runs_state").on("check_runs").columns(["state", "started_by"]).execute();

  await db.schema
    .createTable("check_run_items")
    .addColumn("run_id", "text", (col) => col.notNull().references("check_runs.id").onDelete("cascade"))
    .addColumn("credential_id", "text", (col) => col.notNull())
    .addColumn("label", "text", (col) => col.notNull())
    .addColumn("issuer", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull().check(sql`state in ('pending', 'running', 'done', 'cancelled', 'skipped')`))
    .addColumn("status", "text", (col) => col.check(sql`status is null or status in ('working', 'token_fails', 'org_fails')`))
    .addColumn("org_id", "text")
    .addColumn("org_name", "text")
    .addColumn("code", "text")
    .addColumn("claimed_at", kind.timestamp)
    .addColumn("finished_at", kind.timestamp)
    .addPrimaryKeyConstraint("check_run_items_pk", ["run_id", "credential_id"])
    .execute();
  await db.schema.createIndex("check_run_items_state").on("check_run_items").columns(["run_id", "state"]).execute();
  await db.schema.createIndex("check_run_items_finished").on("check_run_items").columns(["run_id", "finished_at"]).execute();
}
