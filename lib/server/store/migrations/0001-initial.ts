import "server-only";
import { sql, type Kysely } from "kysely";
import { columnKinds, isPostgres } from "./dialect";

// Credentials, the append-only audit log, test runs and the token cache.

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  await db.schema
    .createTable("credentials")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("label", "text", (col) => col.notNull())
    .addColumn("issuer", "text", (col) => col.notNull())
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("secret_envelope", "text")
    .addColumn("secret_hint", "text")
    .addColumn("secret_updated_at", kind.timestamp)
    .addColumn("scopes", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("org_id", "text")
    .addColumn("auth_method", "text", (col) => col.notNull().check(sql`auth_method in ('basic', 'post')`))
    .addColumn("tags", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("notes", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("created_at", kind.timestamp, (col) => col.notNull())
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("updated_at", kind.timestamp, (col) => col.notNull())
    .addColumn("version", "integer", (col) => col.notNull().check(sql`version >= 1`))
    .addUniqueConstraint("credentials_issuer_client_id_key", ["issuer", "client_id"])
    .execute();

  // No foreign key to credentials: the audit trail outlives what it describes.
  await db.schema
    .createTable("audit_log")
    .addColumn("id", kind.serialType, kind.serial)
    .addColumn("at", kind.timestamp, (col) => col.notNull())
    .addColumn("actor", "text", (col) => col.notNull())
    .addColumn("actor_name", "text")
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("credential_id", "text")
    .addColumn("issuer", "text")
    .addColumn("client_id", "text")
    .addColumn("outcome", "text", (col) => col.notNull().check(sql`outcome in ('success', 'failure', 'denied')`))
    .addColumn("http_status", "integer")
    .addColumn("detail", "text")
    .addColumn("request_id", "text")
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("audit_log_credential_id_idx").on("audit_log").columns(["credential_id", "id"]).execute();
  await makeAuditAppendOnly(db);

  await db.schema
    .createTable("test_runs")
    .addColumn("id", kind.serialType, kind.serial)
    .addColumn("credential_id", "text", (col) => col.notNull().references("credentials.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull().check(sql`kind in ('token', 'org')`))
    .addColumn("at", kind.timestamp, (col) => col.notNull())
    .addColumn("actor", "text", (col) => col.notNull())
    .addColumn("actor_name", "text")
    .addColumn("outcome", "text", (col) => col.notNull())
    .addColumn("http_status", "integer")
    .addColumn("latency_ms", "integer")
    .addColumn("org_id", "text")
    .addColumn("org_name", "text")
    .addColumn("cached", kind.flag, (col) => col.notNull())
    .execute();
  await db.schema.createIndex("test_runs_credential_id_at_idx").on("test_runs").columns(["credential_id", "at"]).execute();

  await db.schema
    .createTable("token_cache")
    .addColumn("credential_id", "text", (col) => col.notNull().references("credentials.id").onDelete("cascade"))
    .addColumn("scope_key", "text", (col) => col.notNull())
    .addColumn("token_envelope", "text", (col) => col.notNull())
    .addColumn("expires_at", kind.timestamp, (col) => col.notNull())
    .addColumn("obtained_at", kind.timestamp, (col) => col.notNull())
    .addColumn("metadata", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("token_cache_pkey", ["credential_id", "scope_key"])
    .execute();
}

// The app may add audit rows but never change or remove one, even by raw SQL (docs/security.md#append-only-audit-log).
async function makeAuditAppendOnly(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
    return;
  }
  await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit log is append-only'); end`.execute(db);
  await sql`create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'audit log is append-only'); end`.execute(db);
}
