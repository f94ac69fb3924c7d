import "server-only";
import {
  sql,
  type AliasableExpression,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SqlBool,
} from "kysely";
import type { CheckedStatus, HealthStatus } from "@/lib/schemas/health";
import { decodeCredentialCursor, encodeCredentialCursor, pageLimit, type CredentialCursor } from "./cursor";
import { toCredentialRow, toIso, toTestRunRow } from "./rows";
import { lastCheckedKey } from "./migrations/0007-credential-health";
import type { CredentialsTable, Database } from "./schema";
import type {
  CredentialFilter,
  CredentialSort,
  CredentialWithLastTest,
  HealthCountsRow,
  HealthRow,
  ListCredentialsQuery,
  Page,
  TestRunRow,
} from "./types";

// The credentials list: search, filters (tag, status, org, issuer), keyset pagination on the chosen column, total,
// last test and health; the ids and the counts the same filters leave.

export type SqlDialect = "sqlite" | "postgres";
type CredentialsEb = ExpressionBuilder<Database, "credentials">;

const SORT_COLUMNS = {
  label: "label",
  issuer: "issuer",
  clientId: "client_id",
  createdAt: "created_at",
  updatedAt: "updated_at",
} as const satisfies Record<Exclude<CredentialSort, "lastChecked">, string>;

const DAY_MS = 24 * 60 * 60 * 1000;

// Each key is the expression an index of migration 0007 is built on, so a page is an index range, not a sort.
// Labels sort case-insensitively, as people read them; the other columns are already normalised.
function sortKey(eb: CredentialsEb, sort: CredentialSort, dialect: SqlDialect): AliasableExpression<string | Date> {
  if (sort === "lastChecked") return lastCheckedKey(dialect === "postgres") as RawBuilder<string | Date>;
  return sort === "label" ? eb.fn<string>("lower", [eb.ref("label")]) : eb.ref(SORT_COLUMNS[sort]);
}

// Substring search without LIKE, so "%" and "_" in a search are plain characters.
function contains(eb: CredentialsEb, dialect: SqlDialect, haystack: Expression<string>, needle: Expression<string>): Expression<SqlBool> {
  return eb(eb.fn<number>(dialect === "sqlite" ? "instr" : "strpos", [haystack, needle]), ">", 0);
}

const SEARCHED = ["label", "client_id", "issuer", "tags", "last_org_name", "last_org_id"] as const;

// A search matches label, client ID, issuer, tags and the last known org's name and id, case-insensitively. An
// index answers it where it can: on PostgreSQL a pg_trgm index over search_text (LIKE with its wildcards escaped);
// on SQLite the FTS5 trigram table finds candidates for three characters or more, which the exact check confirms.
function searchCondition(eb: CredentialsEb, dialect: SqlDialect, term: string): Expression<SqlBool> {
  const needle = eb.fn<string>("lower", [eb.cast<string>(eb.val(term), "text")]);
  if (dialect === "postgres") {
    const pattern = `%${term.replace(/[\\%_]/g, "\\$&")}%`;
    return sql<SqlBool>`search_text like lower(${pattern})`;
  }
  const exact = eb.or(
    SEARCHED.map((column) => contains(eb, dialect, eb.fn<string>("lower", [eb.fn.coalesce(eb.ref(column), eb.val(""))]), needle)),
  );
  if ([...term].length < 3) return exact;
  const phrase = `"${term.replaceAll('"', '""')}"`;
  return eb.and([sql<SqlBool>`search_rowid in (select rowid from credentials_search where credentials_search match ${phrase})`, exact]);
}

function filters(
  eb: CredentialsEb,
  query: CredentialFilter,
  dialect: SqlDialect,
  omit: "status" | "org" | null = null,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  const term = query.search?.trim();
  if (term) conditions.push(searchCondition(eb, dialect, term));
  // Tags are a JSON array; its JSON-quoted form matches whole tags only.
  if (query.tag) conditions.push(contains(eb, dialect, eb.ref("tags"), eb.cast<string>(eb.val(JSON.stringify(query.tag)), "text")));
  if (query.issuer) conditions.push(eb("issuer", "=", query.issuer));
  if (query.org && omit !== "org") conditions.push(eb("last_org_id", "=", query.org));
  if (query.status && omit !== "status") conditions.push(statusCondition(eb, query.status, staleBefore(query)));
  return eb.and(conditions);
}

export function staleBefore(query: Pick<CredentialFilter, "staleBefore">): string {
  return query.staleBefore ?? new Date(Date.now() - DAY_MS).toISOString();
}

// Stale is a checked status whose check is older than staleBefore; a stale row no longer counts as its status.
function statusCondition(eb: CredentialsEb, status: HealthStatus, before: string): Expression<SqlBool> {
  if (status === "untested") return eb("health_status", "is", null);
  if (status === "stale") return eb("health_checked_at", "<", before);
  return eb.and([eb("health_status", "=", status), eb("health_checked_at", ">=", before)]);
}

function after(
  eb: CredentialsEb,
  sort: CredentialSort,
  dialect: SqlDialect,
  order: "asc" | "desc",
  cursor: CredentialCursor,
): Expression<SqlBool> {
  const op = order === "asc" ? ">" : "<";
  const key = sortKey(eb, sort, dialect);
  return eb.or([eb(key, op, cursor.k), eb.and([eb(key, "=", cursor.k), eb("id", op, cursor.i)])]);
}

export async function listCredentials(
  db: Kysely<Database>,
  dialect: SqlDialect,
  query: ListCredentialsQuery,
): Promise<Omit<Page<CredentialWithLastTest>, "total"> & { total: number | null }> {
  const sort = query.sort ?? "label";
  const order = query.order ?? "asc";
  const limit = pageLimit(query.limit);
  const cursor = query.cursor ? decodeCredentialCursor(query.cursor, sort, order) : null;

  const rows = await db
    .selectFrom("credentials")
    .selectAll()
    .select((eb) => sortKey(eb, sort, dialect).as("sort_key"))
    .where((eb) => filters(eb, query, dialect))
    .where((eb) => (cursor ? after(eb, sort, dialect, order, cursor) : eb.and([])))
    .orderBy((eb) => sortKey(eb, sort, dialect), order)
    .orderBy("id", order)
    .limit(limit + 1)
    .execute();
  // Counted once, on the first page: a later page would count the same rows again.
  const total = cursor ? null : await countCredentials(db, dialect, query);

  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  const lastTests = await latestTestRuns(
    db,
    page.map((row) => row.id),
  );
  return {
    items: page.map((row) => ({ ...toCredentialRow(row), lastTest: lastTests.get(row.id) ?? null, health: toHealthRow(row) })),
    total,
    nextCursor: last ? encodeCredentialCursor({ s: sort, o: order, k: sortKeyText(last.sort_key), i: last.id }) : null,
  };
}

async function countCredentials(db: Kysely<Database>, dialect: SqlDialect, query: CredentialFilter): Promise<number> {
  const { n } = await db
    .selectFrom("credentials")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where((eb) => filters(eb, query, dialect))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function listCredentialIds(db: Kysely<Database>, dialect: SqlDialect, query: CredentialFilter): Promise<string[]> {
  const rows = await db
    .selectFrom("credentials")
    .select("id")
    .where((eb) => filters(eb, query, dialect))
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

export async function countCredentialHealth(
  db: Kysely<Database>,
  dialect: SqlDialect,
  query: CredentialFilter,
  orgLimit: number,
): Promise<HealthCountsRow> {
  const before = staleBefore(query);
  // Grouped by the status alone, which the (health_status, health_checked_at) index is ordered by: one pass over
  // the index, no sort; the stale part of each status is summed on the way.
  const statusRows = await db
    .selectFrom("credentials")
    .select((eb) => [
      "health_status",
      eb.fn.sum<number | string | null>(eb.case().when("health_checked_at", "<", before).then(1).else(0).end()).as("stale"),
      eb.fn.countAll<number | string>().as("n"),
    ])
    .where((eb) => filters(eb, query, dialect, "status"))
    .groupBy("health_status")
    .execute();
  const byStatus: Record<HealthStatus, number> = { working: 0, token_fails: 0, org_fails: 0, untested: 0, stale: 0 };
  for (const row of statusRows) {
    const n = Number(row.n);
    if (row.health_status === null) {
      byStatus.untested += n;
      continue;
    }
    const stale = Number(row.stale ?? 0);
    byStatus.stale += stale;
    byStatus[row.health_status as CheckedStatus] += n - stale;
  }
  const orgRows = await db
    .selectFrom("credentials")
    .select((eb) => ["last_org_id", eb.fn.max("last_org_name").as("name"), eb.fn.countAll<number | string>().as("n")])
    .where((eb) => filters(eb, query, dialect, "org"))
    .groupBy("last_org_id")
    .orderBy("n", "desc")
    .orderBy(sql`last_org_id is null`)
    .orderBy("last_org_id")
    .limit(orgLimit)
    .execute();
  const total = query.status ? await countCredentials(db, dialect, query) : Object.values(byStatus).reduce((sum, n) => sum + n, 0);
  return {
    total,
    byStatus,
    byOrg: orgRows.map((row) => ({ id: row.last_org_id, name: row.name ?? null, count: Number(row.n) })),
  };
}

function toHealthRow(row: Selectable<CredentialsTable>): HealthRow {
  const lastOrg =
    row.last_org_id !== null && row.last_org_at !== null
      ? { id: row.last_org_id, name: row.last_org_name ?? "", at: toIso(row.last_org_at) }
      : null;
  return {
    status: row.health_status as CheckedStatus | null,
    code: row.health_code,
    since: row.health_since === null ? null : toIso(row.health_since),
    checkedAt: row.health_checked_at === null ? null : toIso(row.health_checked_at),
    lastOrg,
  };
}

function sortKeyText(value: unknown): string {
  return value instanceof Date ? toIso(value) : String(value);
}

async function latestTestRuns(db: Kysely<Database>, credentialIds: string[]): Promise<Map<string, TestRunRow>> {
  if (credentialIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("test_runs as t")
    .selectAll("t")
    .where("t.credential_id", "in", credentialIds)
    .where("t.id", "=", (eb) =>
      eb
        .selectFrom("test_runs as latest")
        .select("latest.id")
        .whereRef("latest.credential_id", "=", "t.credential_id")
        .orderBy("latest.at", "desc")
        .orderBy("latest.id", "desc")
        .limit(1),
    )
    .execute();
  return new Map(rows.map((row) => [row.credential_id, toTestRunRow(row)]));
}

export async function listTags(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("credentials").select("tags").execute();
  const tags = new Set<string>();
  for (const row of rows) {
    const parsed: unknown = JSON.parse(row.tags);
    if (Array.isArray(parsed)) parsed.filter((tag): tag is string => typeof tag === "string").forEach((tag) => tags.add(tag));
  }
  return [...tags].sort((a, b) => a.localeCompare(b));
}
