import "server-only";
import { sql, type Kysely } from "kysely";
import { createStatusIndexes, SQLITE_LIST_TRIGGERS, sqliteListTriggers } from "./0010-credential-list-scale";
import { columnKinds, isPostgres } from "./dialect";

// An issuer in trouble gets a status of its own, issuer_unavailable, so an outage does not show every credential of
// that issuer as failing; and one row per issuer that is down, written by the check that found it first and removed
// by the check that found its last unavailable credential working again, so an outage alerts once, not per credential.
//
// SQLite cannot change a column's CHECK in place: the status column is made again (with the indexes and triggers
// that name it) and its values copied; the count triggers are off meanwhile, and the counts' keys do not change.

const STATUSES = sql`('working', 'token_fails', 'org_fails', 'issuer_unavailable')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  if (isPostgres(db)) {
    await sql`alter table credentials drop constraint credentials_health_status_check,
        add constraint credentials_health_status_check check (health_status in ${STATUSES})`.execute(db);
  } else {
    await widenSqliteStatus(db);
  }
  await db.schema
    .createTable("issuer_outages")
    .addColumn("issuer", "text", (col) => col.primaryKey())
    .addColumn("since", kind.timestamp, (col) => col.notNull())
    .addColumn("code", "text", (col) => col.notNull())
    .execute();
}

async function widenSqliteStatus(db: Kysely<unknown>): Promise<void> {
  for (const name of SQLITE_LIST_TRIGGERS) await sql`drop trigger ${sql.id(name)}`.execute(db);
  const { rows } = await sql<{ name: string }>`select name from sqlite_master
      where type = 'index' and tbl_name = 'credentials' and sql like '%health_status%'`.execute(db);
  for (const { name } of rows) await sql`drop index ${sql.id(name)}`.execute(db);
  await sql`alter table credentials add column health_status_next text check (health_status_next in ${STATUSES})`.execute(db);
  await sql`update credentials set health_status_next = health_status`.execute(db);
  await sql`alter table credentials drop column health_status`.execute(db);
  await sql`alter table credentials rename column health_status_next to health_status`.execute(db);
  await sql`create index credentials_health_status_idx on credentials (health_status, health_checked_at)`.execute(db);
  await createStatusIndexes(db, false);
  await sqliteListTriggers(db);
}
