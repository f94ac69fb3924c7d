import "server-only";
import type { Kysely } from "kysely";

// The audit page filters by action, operator, outcome and time range, newest first; each filter gets an index
// that ends in id (the page order), so a narrowed page reads only its own rows.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").columns(["action", "id"]).execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor", "id"]).execute();
  await db.schema.createIndex("audit_log_actor_name_idx").on("audit_log").columns(["actor_name", "id"]).execute();
  await db.schema.createIndex("audit_log_outcome_idx").on("audit_log").columns(["outcome", "id"]).execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").columns(["at"]).execute();
}
