import "server-only";
import { sql, type Kysely } from "kysely";
import { lastCheckedKey, searchTextExpression } from "./0007-credential-health";
import { isPostgres } from "./dialect";

// What keeps the list's filters and counts cheap at 100,000 credentials, kept in step by triggers in the same
// transaction as every write to credentials (whichever code path makes it):
// - credential_tags: one row per (tag, credential), so a tag filter reads its own rows, not every credential's tags;
// - credential_counts: how many credentials have each (health status, last known org id, org name), so the list's
//   unfiltered counts and total are a read of a few rows. NULL is kept as '' and a value as '=' || value, so the
//   key never holds a NULL (NULLs are never equal in a key) and '' stays apart from unknown;
// - an index on (health_status, sort key, id) per sort, so a status filter pages along an index range;
// - on SQLite, the search's FTS5 trigram table made case-sensitive: its text is already lower-cased by lower() and so
//   is the term, so a phrase match is exactly "some field contains the term" and needs no second check per row
//   (case-insensitive, FTS5 would also fold letters that lower() leaves, and find more than the exact check).

const SORT_KEYS = {
  label: sql`lower(label)`,
  issuer: sql`issuer`,
  client_id: sql`client_id`,
  created_at: sql`created_at`,
  updated_at: sql`updated_at`,
} as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await sql`create table credential_tags (tag text not null, credential_id text not null, primary key (tag, credential_id))`.execute(db);
  await sql`create index credential_tags_credential_idx on credential_tags (credential_id)`.execute(db);
  await sql`create table credential_counts (status text not null, org text not null, org_name text not null, n integer not null,
      primary key (status, org, org_name))`.execute(db);
  if (pg) await postgresTriggers(db);
  else {
    await sqliteTriggers(db);
    // The triggers of migration 0007 name the table, so they keep writing to the new one.
    await sql`drop table credentials_search`.execute(db);
    await sql`create virtual table credentials_search using fts5(text, tokenize = 'trigram case_sensitive 1')`.execute(db);
    await sql`insert into credentials_search (rowid, text) select search_rowid, ${searchTextExpression(false)} from credentials`.execute(
      db,
    );
  }

  await sql`insert into credential_tags (tag, credential_id)
      select distinct t.value, c.id from credentials c, ${
        pg ? sql`jsonb_array_elements_text(c.tags::jsonb) as t(value)` : sql`json_each(c.tags) as t`
      } where ${pg ? sql`true` : sql`t.type = 'text'`}`.execute(db);
  await sql`insert into credential_counts (status, org, org_name, n)
      select ${countKey("")}, count(*) from credentials group by 1, 2, 3`.execute(db);

  await createStatusIndexes(db, pg);
}

/** The status filter's indexes, one per sort (migration 0019 rebuilds them with the status column). */
export async function createStatusIndexes(db: Kysely<unknown>, pg: boolean): Promise<void> {
  for (const [name, key] of Object.entries({ ...SORT_KEYS, last_checked: lastCheckedKey(pg) })) {
    await sql`create index ${sql.id(`credentials_status_${name}_idx`)} on credentials (health_status, ${key}, id)`.execute(db);
  }
}

/** The credential_counts key of a row (`new.`, `old.` or "" for the table's own columns). */
function countKey(row: string) {
  const col = (name: string) => sql.raw(`${row}${name}`);
  return sql`coalesce(${col("health_status")}, ''), coalesce('=' || ${col("last_org_id")}, ''), coalesce('=' || ${col("last_org_name")}, '')`;
}

const COUNTED = sql.raw("health_status, last_org_id, last_org_name");

const ADD_TAGS = sql`insert or ignore into credential_tags (tag, credential_id)
      select value, new.id from json_each(new.tags) where type = 'text';`;

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await sqliteListTriggers(db);
  await sql`create trigger credential_tags_update after update of tags on credentials when old.tags is not new.tags begin
      delete from credential_tags where credential_id = old.id; ${ADD_TAGS}
    end`.execute(db);
}

/** The SQLite triggers that name health_status (migration 0019 drops and makes them again around the column). */
export const SQLITE_LIST_TRIGGERS = ["credential_list_insert", "credential_list_delete", "credential_counts_update"];

export async function sqliteListTriggers(db: Kysely<unknown>): Promise<void> {
  const add = sql`insert into credential_counts (status, org, org_name, n) values (${countKey("new.")}, 1)
      on conflict (status, org, org_name) do update set n = n + 1;`;
  const remove = sql`update credential_counts set n = n - 1 where (status, org, org_name) = (${countKey("old.")});`;
  await sql`create trigger credential_list_insert after insert on credentials begin ${add} ${ADD_TAGS} end`.execute(db);
  await sql`create trigger credential_list_delete after delete on credentials begin
      ${remove} delete from credential_tags where credential_id = old.id;
    end`.execute(db);
  await sql`create trigger credential_counts_update after update of ${COUNTED} on credentials
      when old.health_status is not new.health_status or old.last_org_id is not new.last_org_id
        or old.last_org_name is not new.last_org_name
      begin ${remove} ${add} end`.execute(db);
}

// One function per table; a moved count takes away before it adds, both rows locked in key order, so two
// transactions moving credentials in opposite directions do not deadlock on them.
async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create function credential_counts_apply() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        perform 1 from credential_counts where (status, org, org_name) in ((${countKey("old.")}), (${countKey("new.")}))
          order by status, org, org_name for update;
        update credential_counts set n = n - 1 where (status, org, org_name) = (${countKey("old.")});
      end if;
      if tg_op <> 'DELETE' then
        insert into credential_counts (status, org, org_name, n) values (${countKey("new.")}, 1)
          on conflict (status, org, org_name) do update set n = credential_counts.n + 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create function credential_tags_apply() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then delete from credential_tags where credential_id = old.id; end if;
      if tg_op <> 'DELETE' then
        insert into credential_tags (tag, credential_id)
          select distinct value, new.id from jsonb_array_elements_text(new.tags::jsonb) as t(value) on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger credential_counts_write after insert or delete on credentials
      for each row execute function credential_counts_apply()`.execute(db);
  await sql`create trigger credential_counts_update after update of ${COUNTED} on credentials for each row
      when (old.health_status is distinct from new.health_status or old.last_org_id is distinct from new.last_org_id
        or old.last_org_name is distinct from new.last_org_name)
      execute function credential_counts_apply()`.execute(db);
  await sql`create trigger credential_tags_write after insert or delete on credentials
      for each row execute function credential_tags_apply()`.execute(db);
  await sql`create trigger credential_tags_update after update of tags on credentials for each row
      when (old.tags is distinct from new.tags) execute function credential_tags_apply()`.execute(db);
}
