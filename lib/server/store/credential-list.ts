import "server-only";
import type { AliasableExpression, Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import { decodeCredentialCursor, encodeCredentialCursor, pageLimit, type CredentialCursor } from "./cursor";
import { toCredentialRow, toIso, toTestRunRow } from "./rows";
import type { Database } from "./schema";
import type { CredentialSort, CredentialWithLastTest, ListCredentialsQuery, Page, TestRunRow } from "./types";

// The credentials list: search, tag filter, keyset pagination on the chosen column, total and last test.

export type SqlDialect = "sqlite" | "postgres";
type CredentialsEb = ExpressionBuilder<Database, "credentials">;

const SORT_COLUMNS = {
  label: "label",
  issuer: "issuer",
  clientId: "client_id",
  createdAt: "created_at",
  updatedAt: "updated_at",
} as const satisfies Record<CredentialSort, string>;

// Labels sort case-insensitively, as people read them; the other columns are already normalised.
function sortKey(eb: CredentialsEb, sort: CredentialSort): AliasableExpression<string | Date> {
  return sort === "label" ? eb.fn<string>("lower", [eb.ref("label")]) : eb.ref(SORT_COLUMNS[sort]);
}

// Substring search without LIKE, so "%" and "_" in a search are plain characters.
function contains(eb: CredentialsEb, dialect: SqlDialect, haystack: Expression<string>, needle: Expression<string>): Expression<SqlBool> {
  return eb(eb.fn<number>(dialect === "sqlite" ? "instr" : "strpos", [haystack, needle]), ">", 0);
}

function filters(eb: CredentialsEb, query: ListCredentialsQuery, dialect: SqlDialect): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  const term = query.search?.trim();
  if (term) {
    const needle = eb.fn<string>("lower", [eb.cast<string>(eb.val(term), "text")]);
    const columns = ["label", "client_id", "issuer", "tags"] as const;
    conditions.push(eb.or(columns.map((column) => contains(eb, dialect, eb.fn<string>("lower", [eb.ref(column)]), needle))));
  }
  // Tags are a JSON array; its JSON-quoted form matches whole tags only.
  if (query.tag) conditions.push(contains(eb, dialect, eb.ref("tags"), eb.cast<string>(eb.val(JSON.stringify(query.tag)), "text")));
  return eb.and(conditions);
}

function after(eb: CredentialsEb, sort: CredentialSort, order: "asc" | "desc", cursor: CredentialCursor): Expression<SqlBool> {
  const op = order === "asc" ? ">" : "<";
  return eb.or([eb(sortKey(eb, sort), op, cursor.k), eb.and([eb(sortKey(eb, sort), "=", cursor.k), eb("id", op, cursor.i)])]);
}

export async function listCredentials(
  db: Kysely<Database>,
  dialect: SqlDialect,
  query: ListCredentialsQuery,
): Promise<Page<CredentialWithLastTest>> {
  const sort = query.sort ?? "label";
  const order = query.order ?? "asc";
  const limit = pageLimit(query.limit);
  const cursor = query.cursor ? decodeCredentialCursor(query.cursor, sort, order) : null;

  const rows = await db
    .selectFrom("credentials")
    .selectAll()
    .select((eb) => sortKey(eb, sort).as("sort_key"))
    .where((eb) => filters(eb, query, dialect))
    .where((eb) => (cursor ? after(eb, sort, order, cursor) : eb.and([])))
    .orderBy((eb) => sortKey(eb, sort), order)
    .orderBy("id", order)
    .limit(limit + 1)
    .execute();
  const { n } = await db
    .selectFrom("credentials")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where((eb) => filters(eb, query, dialect))
    .executeTakeFirstOrThrow();

  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  const lastTests = await latestTestRuns(
    db,
    page.map((row) => row.id),
  );
  return {
    items: page.map((row) => ({ ...toCredentialRow(row), lastTest: lastTests.get(row.id) ?? null })),
    total: Number(n),
    nextCursor: last ? encodeCredentialCursor({ s: sort, o: order, k: sortKeyText(last.sort_key), i: last.id }) : null,
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
