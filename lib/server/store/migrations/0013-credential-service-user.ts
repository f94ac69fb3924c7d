import "server-only";
import { sql, type Kysely } from "kysely";
import { trigramSchema } from "./0007-credential-health";
import { isPostgres } from "./dialect";

// A key or PAT credential is known to ZITADEL by a numeric user id or nothing at all; the service user's login name
// (learned from its first good token or lookup) sits beside it, and the search finds a credential by it and by the
// key's user id. A key credential is identified by its key id: a second key of the same user is its own credential,
// the same key twice at one issuer is refused (NULL key ids, every other kind, never collide).

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema.alterTable("credentials").addColumn("service_user", "text").execute();
  await sql`create unique index credentials_issuer_key_id_key on credentials (issuer, key_id)`.execute(db);
  if (pg) await postgresSearch(db);
  else await sqliteSearch(db);
}

/** The searchable text of migration 0007 with the service user's login name and the key's user id after it. */
export function searchTextExpression(pg: boolean, row = "") {
  const nl = pg ? sql`chr(10)` : sql`char(10)`;
  const col = (name: string) => sql.raw(`${row}${name}`);
  const field = (name: string) => sql`lower(coalesce(${col(name)}, ''))`;
  return sql`lower(${col("label")}) || ${nl} || lower(${col("client_id")}) || ${nl} || lower(${col("issuer")}) || ${nl} || lower(${col(
    "tags",
  )}) || ${nl} || ${field("last_org_name")} || ${nl} || ${field("last_org_id")} || ${nl} || ${field("service_user")} || ${nl} || ${field(
    "key_user_id",
  )}`;
}

// A generated column cannot change its expression: it is dropped (its index with it) and added again.
async function postgresSearch(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credentials drop column search_text`.execute(db);
  await sql`alter table credentials add column search_text text generated always as (${searchTextExpression(true)}) stored`.execute(db);
  const schema = await trigramSchema(db);
  if (schema !== null) {
    await sql`create index credentials_search_idx on credentials using gin (search_text ${sql.id(schema)}.gin_trgm_ops)`.execute(db);
  }
}

async function sqliteSearch(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger credentials_search_insert`.execute(db);
  await sql`drop trigger credentials_search_update`.execute(db);
  await sql`create trigger credentials_search_insert after insert on credentials begin
      update credentials set search_rowid = (select coalesce(max(search_rowid), 0) + 1 from credentials) where id = new.id;
      insert into credentials_search (rowid, text)
        select search_rowid, ${searchTextExpression(false, "new.")} from credentials where id = new.id;
    end`.execute(db);
  await sql`create trigger credentials_search_update
      after update of label, client_id, issuer, tags, last_org_id, last_org_name, service_user, key_user_id
      on credentials begin
      update credentials_search set text = ${searchTextExpression(false, "new.")} where rowid = new.search_rowid;
    end`.execute(db);
  await sql`delete from credentials_search`.execute(db);
  await sql`insert into credentials_search (rowid, text) select search_rowid, ${searchTextExpression(false)} from credentials`.execute(db);
}
