import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds } from "./dialect";

// Status alerts waiting for their webhook: one row per alert, written when the change is recorded, so a delivery that
// a restart interrupts is picked up again. A try is claimed by a compare-and-set on `claim_token` with a lease, so
// two instances never post the same alert at once. The row holds the body exactly as sent (built from the change's
// facts only) and never the signing secret: the signature is computed at each try.
// Also: a run's items in the order its page lists them (label, then id) straight from an index, since the page
// re-reads them every few seconds while the run goes on.

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  await db.schema
    .createTable("alert_outbox")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("credential_id", "text", (col) => col.notNull())
    .addColumn("issuer", "text", (col) => col.notNull())
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull().check(sql`state in ('pending', 'delivered', 'failed')`))
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("next_attempt_at", kind.timestamp, (col) => col.notNull())
    .addColumn("claim_token", "text")
    .addColumn("claimed_until", kind.timestamp)
    .addColumn("http_status", "integer")
    .addColumn("reason", "text")
    .addColumn("created_at", kind.timestamp, (col) => col.notNull())
    .addColumn("finished_at", kind.timestamp)
    .execute();
  await db.schema.createIndex("alert_outbox_due").on("alert_outbox").columns(["state", "next_attempt_at"]).execute();
  await db.schema.createIndex("check_run_items_listed").on("check_run_items").columns(["run_id", "label", "credential_id"]).execute();
}
