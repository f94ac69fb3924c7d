import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds } from "./dialect";

// Operators (filled at sign-in) and their server-side sessions: read on every request, so sign-out, disabling and a
// lowered role take effect at once instead of when a cookie expires.

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  const role = (column: string) => sql`${sql.ref(column)} is null or ${sql.ref(column)} in ('viewer', 'operator', 'admin')`;
  await db.schema
    .createTable("operators")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("login", "text")
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("email", "text")
    .addColumn("sign_in_role", "text", (col) => col.check(role("sign_in_role")))
    .addColumn("role_source", "text", (col) => col.check(sql`role_source is null or role_source in ('zitadel', 'static')`))
    .addColumn("role_cap", "text", (col) => col.check(role("role_cap")))
    .addColumn("is_disabled", kind.flag, (col) => col.notNull())
    .addColumn("last_sign_in_at", kind.timestamp)
    .addColumn("created_at", kind.timestamp, (col) => col.notNull())
    .addColumn("updated_at", kind.timestamp, (col) => col.notNull())
    .addColumn("updated_by", "text")
    .addColumn("version", "integer", (col) => col.notNull().check(sql`version >= 1`))
    .execute();

  // The cookie carries a random session id; only its SHA-256 is stored, so a copy of the database opens no session.
  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (col) => col.primaryKey())
    .addColumn("operator_id", "text", (col) => col.notNull().references("operators.id").onDelete("cascade"))
    .addColumn("created_at", kind.timestamp, (col) => col.notNull())
    .addColumn("expires_at", kind.timestamp, (col) => col.notNull())
    .addColumn("revoked_at", kind.timestamp)
    .addColumn("id_token_envelope", "text")
    .execute();
  await db.schema.createIndex("sessions_operator_id_idx").on("sessions").columns(["operator_id"]).execute();
}
