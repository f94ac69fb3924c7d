import "server-only";
import { sql, type Kysely } from "kysely";
import { chainExistingRows } from "../audit-chain";
import type { Database } from "../schema";
import { columnKinds, isPostgres } from "./dialect";

// The audit log becomes a hash chain (see audit-chain.ts): two columns, a head row, and the existing rows linked
// oldest first. SQLite also stops INSERT OR REPLACE from overwriting a row: REPLACE deletes the old row without
// firing the DELETE trigger, so an explicit id that already exists is refused before the insert.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("audit_log").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("hash", "text").execute();
  await db.schema
    .createTable("audit_chain_head")
    .addColumn("id", "integer", (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn("last_id", columnKinds(db).serialType)
    .addColumn("last_hash", "text")
    .execute();

  // The append-only triggers are lifted only inside this migration's transaction, to write the links.
  if (isPostgres(db)) {
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
    await chainExistingRows(db as Kysely<Database>);
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
    await sql`create trigger audit_chain_head_no_delete before delete or truncate on audit_chain_head
      for each statement execute function audit_log_append_only()`.execute(db);
    return;
  }
  await sql`drop trigger audit_log_no_update`.execute(db);
  await chainExistingRows(db as Kysely<Database>);
  await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit log is append-only'); end`.execute(db);
  await sql`create trigger audit_log_no_replace before insert on audit_log
    when new.id is not null and exists (select 1 from audit_log where id = new.id)
    begin select raise(abort, 'audit log is append-only'); end`.execute(db);
  await sql`create trigger audit_chain_head_no_delete before delete on audit_chain_head
    begin select raise(abort, 'audit log is append-only'); end`.execute(db);
}
