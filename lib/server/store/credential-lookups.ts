import "server-only";
import type { Kysely } from "kysely";
import { toIso } from "./rows";
import type { Database } from "./schema";
import type { CredentialName } from "./types";

// Narrow reads of the credentials table: each answers one question with the columns it needs, never a secret envelope.

// Well under either database's limit on bound parameters (SQLite 32,766, PostgreSQL 65,535).
const IDS_PER_QUERY = 1000;

/** The credential registered for this client ID at this issuer (the unique pair), or null. */
export async function findCredentialByClientId(db: Kysely<Database>, issuer: string, clientId: string): Promise<CredentialName | null> {
  const row = await db
    .selectFrom("credentials")
    .select(["id", "label", "issuer", "version"])
    .where("issuer", "=", issuer)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return row ?? null;
}

/** The credential holding this key at this issuer (unique, as a key is registered once), or null. */
export async function findCredentialByKeyId(db: Kysely<Database>, issuer: string, keyId: string): Promise<CredentialName | null> {
  const row = await db
    .selectFrom("credentials")
    .select(["id", "label", "issuer", "version"])
    .where("issuer", "=", issuer)
    .where("key_id", "=", keyId)
    .executeTakeFirst();
  return row ?? null;
}

export async function listIssuers(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("credentials").select("issuer").distinct().execute();
  // Sorted here, by code point: the database's collation differs between drivers.
  return rows.map((row) => row.issuer).sort();
}

/** Every credential, or those of `ids` that exist, oldest first: what a run names its items by. */
export async function listCredentialNames(db: Kysely<Database>, ids?: readonly string[]): Promise<CredentialName[]> {
  const query = db.selectFrom("credentials").select(["id", "label", "issuer", "version", "created_at"]);
  if (ids === undefined) return (await query.orderBy("created_at").orderBy("id").execute()).map(withoutCreatedAt);
  const unique = [...new Set(ids)];
  const rows = [];
  for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
    const chunk = unique.slice(start, start + IDS_PER_QUERY);
    rows.push(...(await query.where("id", "in", chunk).execute()));
  }
  const keyed = rows.map((row) => ({ key: `${toIso(row.created_at)} ${row.id}`, row }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ row }) => withoutCreatedAt(row));
}

function withoutCreatedAt({ id, label, issuer, version }: CredentialName & { created_at: unknown }): CredentialName {
  return { id, label, issuer, version };
}
