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
import { healthStatuses } from "@/lib/health-statuses";
import type { CheckedStatus, HealthStatus } from "@/lib/schemas/health";
import { decodeCredentialCursor, encodeCredentialCursor, pageLimit, type CredentialCursor } from "./cursor";
import { lastCheckedKey } from "./migrations/0007-credential-health";
import { toCredentialRow, toIso, toTestRunRow } from "./rows";
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

const SEARCHED = ["label", "client_id", "issuer", "tags", "last_org_name", "last_org_id", "service_user", "key_user_id"] as const;

// A search matches label, client ID, issuer, tags, the last known org's name and id, the service user's login name
// and a key's user id, case-insensitively. An
// index answers it where it can: on PostgreSQL a pg_trgm index over search_text (LIKE with its wildcards escaped);
// on SQLite the FTS5 trigram table (case-sensitive over the lower-case fields, one per line, since migration 0010),
// whose phrase match is then exactly "some field contains the term". Migration 0013 wrote the current text.
function searchCondition(eb: CredentialsEb, dialect: SqlDialect, term: string, plan: FilterPlan): Expression<SqlBool> {
  const needle = eb.fn<string>("lower", [eb.cast<string>(eb.val(term), "text")]);
  if (dialect === "postgres") {
    const pattern = `%${term.replace(/[\\%_]/g, "\\$&")}%`;
    return sql<SqlBool>`search_text like lower(${pattern})`;
  }
  if (!usesTrigrams(term) || plan.isWideSearch) {
    return eb.or(
      SEARCHED.map((column) => contains(eb, dialect, eb.fn<string>("lower", [eb.fn.coalesce(eb.ref(column), eb.val(""))]), needle)),
    );
  }
  return sql<SqlBool>`search_rowid in (select rowid from credentials_search where ${trigramMatch(term)})`;
}

// Under three characters the trigram index cannot answer; a line break could match across two fields of its text.
function usesTrigrams(term: string): boolean {
  return [...term].length >= 3 && !term.includes("\n");
}

// The term lower-cased by the database (as the indexed text was), as one quoted FTS5 phrase.
function trigramMatch(term: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`credentials_search match ('"' || replace(lower(cast(${term} as text)), '"', '""') || '"')`;
}

/**
 * How to read a tag filter and a search on SQLite, decided from how many credentials each matches (both are cheap
 * to count: the tag's rows, the trigram index). Few matches: read them and sort them. Many: walk the sort's index and
 * test each row, which stops after a page; its cost is about the page size times the share of rows that do not match.
 */
interface FilterPlan {
  isWideTag: boolean;
  isWideSearch: boolean;
  /** How many credentials the filter leaves, when the tag or the search is all of it. */
  total: number | null;
}

const NARROW: FilterPlan = { isWideTag: false, isWideSearch: false, total: null };
// Reading m matches and sorting them costs about m; walking costs about page / (m / all). Walk when m² > WIDE × all.
const WIDE = 8;

async function planFilters(db: Kysely<Database>, dialect: SqlDialect, query: CredentialFilter): Promise<FilterPlan> {
  const term = query.search?.trim();
  const searched = dialect === "sqlite" && term && usesTrigrams(term);
  if (!query.tag && !searched) return NARROW;
  const tagged = query.tag
    ? Number(
        (
          await db
            .selectFrom("credential_tags")
            .select((eb) => eb.fn.countAll<number | string>().as("n"))
            .where("tag", "=", query.tag)
            .executeTakeFirstOrThrow()
        ).n,
      )
    : null;
  const found = searched
    ? Number(
        (await sql<{ n: number }>`select count(*) as n from credentials_search where ${trigramMatch(term)}`.execute(db)).rows[0]?.n ?? 0,
      )
    : null;
  const others = Boolean(query.issuer || query.org || query.status);
  const only = others || (tagged !== null && term) ? null : (tagged ?? found);
  if (dialect === "postgres") return { ...NARROW, total: only };
  const all = await countAll(db);
  const isWide = (n: number | null) => n !== null && n * n > WIDE * all;
  return { isWideTag: isWide(tagged), isWideSearch: isWide(found), total: only };
}

async function countAll(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom("credential_counts")
    .select((eb) => eb.fn.sum<number | string | null>("n").as("n"))
    .executeTakeFirstOrThrow();
  return Number(n ?? 0);
}

function filters(eb: CredentialsEb, query: CredentialFilter, dialect: SqlDialect, plan: FilterPlan = NARROW): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  const term = query.search?.trim();
  if (term) conditions.push(searchCondition(eb, dialect, term, plan));
  // Whole tags only, from the rows the triggers of migration 0010 keep per (tag, credential). EXISTS is tested row
  // by row along the sort's index; IN reads the tag's rows first.
  if (query.tag) {
    const tagged = eb.selectFrom("credential_tags").select("credential_id").where("tag", "=", query.tag);
    conditions.push(plan.isWideTag ? eb.exists(tagged.whereRef("credential_id", "=", "credentials.id")) : eb("id", "in", tagged));
  }
  if (query.issuer) conditions.push(eb("issuer", "=", query.issuer));
  if (query.org) conditions.push(eb("last_org_id", "=", query.org));
  if (query.status) conditions.push(statusCondition(eb, dialect, query.status, query.staleBefore));
  return eb.and(conditions);
}

// Stale is a checked status whose check is older than staleBefore; a stale row no longer counts as its status.
// On SQLite the age is tested row by row ("+" keeps it off any index), so the page walks the index on (status,
// sort key, id) rather than reading every row of the status through (status, checked at) and sorting them.
function statusCondition(eb: CredentialsEb, dialect: SqlDialect, status: HealthStatus, before: string): Expression<SqlBool> {
  if (status === "untested") return eb("health_status", "is", null);
  if (status === "stale") return eb("health_checked_at", "<", before);
  const checkedAt = dialect === "sqlite" ? sql<string>`+health_checked_at` : eb.ref("health_checked_at");
  return eb.and([eb("health_status", "=", status), eb(checkedAt, ">=", before)]);
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
  const plan = await planFilters(db, dialect, query);

  const rows = await db
    .selectFrom("credentials")
    .selectAll()
    .select((eb) => sortKey(eb, sort, dialect).as("sort_key"))
    .where((eb) => filters(eb, query, dialect, plan))
    .where((eb) => (cursor ? after(eb, sort, dialect, order, cursor) : eb.and([])))
    .orderBy((eb) => sortKey(eb, sort, dialect), order)
    .orderBy("id", order)
    .limit(limit + 1)
    .execute();
  // Counted once, on the first page: a later page would count the same rows again.
  const total = cursor ? null : (plan.total ?? (await countCredentials(db, dialect, query)));

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
  if (!isNarrowed(query) && !query.org && !query.status) return countAll(db);
  if (!isNarrowed(query)) return sumMatching(await countByTable(db, query, query.staleBefore), query);
  // Counting reads every match anyway: the narrow form, which starts from the tag's rows or the trigram index.
  const { n } = await db
    .selectFrom("credentials")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where((eb) => filters(eb, query, dialect))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** A filter the maintained counts cannot answer: they are kept per status and last known org only. */
function isNarrowed(query: CredentialFilter): boolean {
  return Boolean(query.search?.trim() || query.tag || query.issuer);
}

/** One credential as the list shows it (last test and health), or null. */
export async function getCredentialWithLastTest(db: Kysely<Database>, id: string): Promise<CredentialWithLastTest | null> {
  const row = await db.selectFrom("credentials").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const lastTests = await latestTestRuns(db, [id]);
  return { ...toCredentialRow(row), lastTest: lastTests.get(id) ?? null, health: toHealthRow(row) };
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
  const before = query.staleBefore;
  const counts = isNarrowed(query) ? await countByQuery(db, dialect, query, before) : await countByTable(db, query, before);
  const byStatus = Object.fromEntries(healthStatuses.map((status) => [status, 0])) as Record<HealthStatus, number>;
  const orgs = new Map<string | null, { name: string | null; count: number }>();
  for (const row of counts) {
    if (!query.org || row.org === query.org) byStatus[row.status] += row.n;
    if (query.status && row.status !== query.status) continue;
    const org = orgs.get(row.org) ?? { name: null, count: 0 };
    orgs.set(row.org, { name: maxName(org.name, row.name), count: org.count + row.n });
  }
  const byOrg = [...orgs].map(([id, org]) => ({ id, name: org.name, count: org.count })).filter((org) => org.count > 0);
  // The most credentials first; no known org after every org; then by id, as the database orders text (byte order).
  byOrg.sort((a, b) => b.count - a.count || Number(a.id === null) - Number(b.id === null) || compareBytes(a.id ?? "", b.id ?? ""));
  return { total: sumMatching(counts, query), byStatus, byOrg: byOrg.slice(0, orgLimit) };
}

function sumMatching(counts: CountRow[], query: CredentialFilter): number {
  return counts
    .filter((row) => (!query.org || row.org === query.org) && (!query.status || row.status === query.status))
    .reduce((sum, row) => sum + row.n, 0);
}

/** How many credentials have one status (stale decided by `before`), last known org and org name. */
interface CountRow {
  status: HealthStatus;
  org: string | null;
  name: string | null;
  n: number;
}

const CHECKED_STATUSES: CheckedStatus[] = ["working", "token_fails", "org_fails", "issuer_unavailable"];

// The maintained counts hold each checked status whatever its age: the stale part is counted on the side, along the
// (health_status, health_checked_at) index, and moved from its status to stale.
async function countByTable(db: Kysely<Database>, query: CredentialFilter, before: string): Promise<CountRow[]> {
  const decode = (value: string) => (value === "" ? null : value.slice(1));
  const kept = await db.selectFrom("credential_counts").select(["status", "org", "org_name", "n"]).where("n", ">", 0).execute();
  const rows: CountRow[] = kept.map((row) => ({
    status: row.status === "" ? "untested" : (row.status as CheckedStatus),
    org: decode(row.org),
    name: decode(row.org_name),
    n: Number(row.n),
  }));
  const stale = await db
    .selectFrom("credentials")
    .select((eb) => ["health_status", "last_org_id", "last_org_name", eb.fn.countAll<number | string>().as("n")])
    .where("health_status", "in", CHECKED_STATUSES)
    .where("health_checked_at", "<", before)
    .$if(Boolean(query.org), (qb) => qb.where("last_org_id", "=", query.org ?? ""))
    .groupBy(["health_status", "last_org_id", "last_org_name"])
    .execute();
  for (const row of stale) {
    const n = Number(row.n);
    rows.push({ status: row.health_status as CheckedStatus, org: row.last_org_id, name: row.last_org_name, n: -n });
    rows.push({ status: "stale", org: row.last_org_id, name: row.last_org_name, n });
  }
  return rows;
}

// With a search, tag or issuer filter the counts are the database's own: one pass over the rows those leave.
async function countByQuery(db: Kysely<Database>, dialect: SqlDialect, query: CredentialFilter, before: string): Promise<CountRow[]> {
  const narrowed = { search: query.search, tag: query.tag, issuer: query.issuer, staleBefore: before };
  const rows = await db
    .selectFrom("credentials")
    .select((eb) => [
      "health_status",
      "last_org_id",
      "last_org_name",
      eb.fn.sum<number | string | null>(eb.case().when("health_checked_at", "<", before).then(1).else(0).end()).as("stale"),
      eb.fn.countAll<number | string>().as("n"),
    ])
    .where((eb) => filters(eb, narrowed, dialect))
    .groupBy(["health_status", "last_org_id", "last_org_name"])
    .execute();
  return rows.flatMap((row): CountRow[] => {
    const base = { org: row.last_org_id, name: row.last_org_name };
    if (row.health_status === null) return [{ ...base, status: "untested", n: Number(row.n) }];
    const stale = Number(row.stale ?? 0);
    return [
      { ...base, status: row.health_status as CheckedStatus, n: Number(row.n) - stale },
      { ...base, status: "stale", n: stale },
    ];
  });
}

function maxName(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareBytes(a, b) >= 0 ? a : b;
}

// Text compared as SQLite compares it (UTF-8 bytes), which is also code point order.
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
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
  const rows = await db.selectFrom("credential_tags").select("tag").distinct().execute();
  return rows.map((row) => row.tag).sort((a, b) => a.localeCompare(b));
}
