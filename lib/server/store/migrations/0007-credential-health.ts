import "server-only";
import { sql, type Kysely } from "kysely";
import { nextHealth, type HealthState } from "../health-rule";
import { columnKinds, isPostgres } from "./dialect";

// A credential's health, kept beside it so the list can filter, count and sort by it without reading test_runs:
// the latest token result and the latest org result (each "ok" or a diagnosis code), the status they give together,
// since when it holds, when it was last checked, and the last organization orgs/me named (kept while lookups fail).
//
// Search reads one lower-case text of every searchable field, indexed so a search does not read every row:
// FTS5 with the trigram tokenizer on SQLite, a pg_trgm GIN index on PostgreSQL (when the extension can be created;
// without it the same query still answers, by reading the table).

const CHECKED = sql`health_status in ('working', 'token_fails', 'org_fails')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const kind = columnKinds(db);
  const pg = isPostgres(db);
  // SQLite allows one column per ALTER TABLE statement.
  const columns: [string, "text" | typeof kind.timestamp][] = [
    ["health_token", "text"],
    ["health_org", "text"],
    ["health_code", "text"],
    ["health_since", kind.timestamp],
    ["health_checked_at", kind.timestamp],
    ["last_org_id", "text"],
    ["last_org_name", "text"],
    ["last_org_at", kind.timestamp],
  ];
  await db.schema
    .alterTable("credentials")
    .addColumn("health_status", "text", (col) => col.check(CHECKED))
    .execute();
  for (const [name, type] of columns) await db.schema.alterTable("credentials").addColumn(name, type).execute();

  await backfill(db);
  await addSearch(db, pg);
  await addIndexes(db, pg);
}

// Every sort has an index on (sort key, id), the keyset the list pages by; every filter an index of its own.
async function addIndexes(db: Kysely<unknown>, pg: boolean): Promise<void> {
  const index = (name: string, columns: ReturnType<typeof sql>) =>
    sql`create index ${sql.id(name)} on credentials (${columns})`.execute(db);
  await index("credentials_label_idx", sql`lower(label), id`);
  await index("credentials_issuer_idx", sql`issuer, id`);
  await index("credentials_client_id_idx", sql`client_id, id`);
  await index("credentials_created_at_idx", sql`created_at, id`);
  await index("credentials_updated_at_idx", sql`updated_at, id`);
  await index("credentials_last_checked_idx", sql`${lastCheckedKey(pg)}, id`);
  await index("credentials_health_status_idx", sql`health_status, health_checked_at`);
  await index("credentials_last_org_idx", sql`last_org_id, last_org_name`);
}

/** The lastChecked sort key: never-checked rows sort as the oldest. The list query uses the same expression. */
export function lastCheckedKey(pg: boolean) {
  return pg
    ? sql`coalesce(health_checked_at, timestamptz '1970-01-01T00:00:00Z')`
    : sql`coalesce(health_checked_at, '1970-01-01T00:00:00.000Z')`;
}

/** One lower-case text of every searchable field; char 10 between them, so a search never matches across two. */
export function searchTextExpression(pg: boolean, row = "") {
  const nl = pg ? sql`chr(10)` : sql`char(10)`;
  const col = (name: string) => sql.raw(`${row}${name}`);
  return sql`lower(${col("label")}) || ${nl} || lower(${col("client_id")}) || ${nl} || lower(${col("issuer")}) || ${nl} || lower(${col(
    "tags",
  )}) || ${nl} || lower(coalesce(${col("last_org_name")}, '')) || ${nl} || lower(coalesce(${col("last_org_id")}, ''))`;
}

async function addSearch(db: Kysely<unknown>, pg: boolean): Promise<void> {
  if (pg) {
    await sql`alter table credentials add column search_text text generated always as (${searchTextExpression(true)}) stored`.execute(db);
    const schema = await trigramSchema(db);
    if (schema !== null) {
      await sql`create index credentials_search_idx on credentials using gin (search_text ${sql.id(schema)}.gin_trgm_ops)`.execute(db);
    }
    return;
  }
  // SQLite: the FTS row of a credential is keyed by search_rowid, an integer that VACUUM never renumbers (a rowid
  // of a table with a text primary key may change). The triggers keep the index in step with every write.
  await sql`alter table credentials add column search_rowid integer`.execute(db);
  await sql`update credentials set search_rowid = rowid`.execute(db);
  await sql`create unique index credentials_search_rowid_idx on credentials (search_rowid)`.execute(db);
  await sql`create virtual table credentials_search using fts5(text, tokenize = 'trigram')`.execute(db);
  await sql`insert into credentials_search (rowid, text) select search_rowid, ${searchTextExpression(false)} from credentials`.execute(db);
  await sql`create trigger credentials_search_insert after insert on credentials begin
      update credentials set search_rowid = (select coalesce(max(search_rowid), 0) + 1 from credentials) where id = new.id;
      insert into credentials_search (rowid, text)
        select search_rowid, ${searchTextExpression(false, "new.")} from credentials where id = new.id;
    end`.execute(db);
  await sql`create trigger credentials_search_update after update of label, client_id, issuer, tags, last_org_id, last_org_name
      on credentials begin
      update credentials_search set text = ${searchTextExpression(false, "new.")} where rowid = new.search_rowid;
    end`.execute(db);
  await sql`create trigger credentials_search_delete after delete on credentials begin
      delete from credentials_search where rowid = old.search_rowid;
    end`.execute(db);
}

// pg_trgm is a trusted extension: the database's owner may create it. Where it is not available, or the role may
// not create it, search still works without the index.
export async function trigramSchema(db: Kysely<unknown>): Promise<string | null> {
  const find = async () =>
    (
      await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(
        db,
      )
    ).rows[0]?.schema ?? null;
  const existing = await find();
  if (existing !== null) return existing;
  const available = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (available.rows.length === 0) return null;
  try {
    await sql`savepoint trgm`.execute(db);
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`release savepoint trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint trgm`.execute(db);
    return null;
  }
  return find();
}

// Rebuilds each credential's health from its test history, oldest first, with the same rule new checks use. Test
// runs did not record whether a failed org lookup reached orgs/me; a failure counts as the org part when the token
// part was working at the time (or the code is one only orgs/me gives), as the token part otherwise.
const ORG_ONLY_CODES = new Set(["missing_permission", "org_not_found", "token_invalid"]);
const BATCH = 500;

interface RunRow {
  credential_id: string;
  kind: string;
  at: string | Date;
  outcome: string;
  org_id: string | null;
  org_name: string | null;
}

async function backfill(db: Kysely<unknown>): Promise<void> {
  let after = "";
  for (;;) {
    const ids = (await sql<{ id: string }>`select id from credentials where id > ${after} order by id limit ${BATCH}`.execute(db)).rows.map(
      (row) => row.id,
    );
    if (ids.length === 0) return;
    after = ids[ids.length - 1] ?? after;
    const runs = (
      await sql<RunRow>`select credential_id, kind, at, outcome, org_id, org_name from test_runs
        where credential_id in (${sql.join(ids)}) order by credential_id, at, id`.execute(db)
    ).rows;
    const states = new Map<string, HealthState>();
    for (const run of runs) {
      const at = new Date(run.at).toISOString();
      const state = states.get(run.credential_id) ?? null;
      const ok = run.outcome === "ok";
      const orgPart = run.kind === "org" && (ok || ORG_ONLY_CODES.has(run.outcome) || state?.token === "ok");
      const input =
        run.kind === "token" || !orgPart
          ? { token: run.outcome }
          : {
              token: "ok",
              org: ok ? { ok: true as const, id: run.org_id ?? "", name: run.org_name ?? "" } : { ok: false as const, code: run.outcome },
            };
      states.set(run.credential_id, nextHealth(state, input, at).state);
    }
    for (const [id, state] of states) {
      await sql`update credentials set health_token = ${state.token}, health_org = ${state.org}, health_status = ${state.status},
          health_code = ${state.code}, health_since = ${state.since}, health_checked_at = ${state.checkedAt},
          last_org_id = ${state.lastOrg?.id ?? null}, last_org_name = ${state.lastOrg?.name ?? null}, last_org_at = ${state.lastOrg?.at ?? null}
        where id = ${id}`.execute(db);
    }
  }
}
