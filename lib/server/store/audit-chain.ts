import "server-only";
import { createHash } from "node:crypto";
import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { SqlDialect } from "./credential-list";
import { toIso } from "./rows";
import type { AuditChainHeadTable, AuditLogTable, Database } from "./schema";
import type { AuditChainHead, AuditChainReport } from "./types";

// The audit log as a hash chain: each row stores sha256 over the previous row's hash and its own content, and one
// head row names the newest. Changing a row, or removing one from the middle or the end, breaks a link that
// verifyAuditChain names. Someone who can write the database can still rebuild the whole chain: compare the head
// that `npm run audit:verify` prints with one recorded elsewhere to rule that out.

type AuditValues = Insertable<AuditLogTable> & { at: string };

const CHAIN_VERSION = "v1";
const HEAD_ID = 1;
const BATCH = 1000;

/** The hash a row must carry. Never change this function: every stored hash was computed with it. */
export function auditHash(prevHash: string | null, row: AuditValues | Selectable<AuditLogTable>): string {
  const canonical = [
    CHAIN_VERSION,
    prevHash,
    toIso(row.at),
    row.actor,
    row.actor_name ?? null,
    row.action,
    row.credential_id ?? null,
    row.issuer ?? null,
    row.client_id ?? null,
    row.outcome,
    row.http_status ?? null,
    row.detail ?? null,
    row.request_id ?? null,
    row.ip ?? null,
  ];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/**
 * Appends one row to the chain. Call inside a write transaction: on SQLite BEGIN IMMEDIATE already makes writers
 * take turns; on PostgreSQL the head row is locked (FOR UPDATE), so two appenders never link to the same row.
 */
export async function appendAuditRow(trx: Transaction<Database>, dialect: SqlDialect, values: AuditValues): Promise<void> {
  let headQuery = trx.selectFrom("audit_chain_head").select("last_hash").where("id", "=", HEAD_ID);
  if (dialect === "postgres") headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow(() => new Error("the audit chain head row is missing"));
  const hash = auditHash(head.last_hash, values);
  const row = await trx
    .insertInto("audit_log")
    .values({ ...values, prev_hash: head.last_hash, hash })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("audit_chain_head")
    .set({ last_id: Number(row.id), last_hash: hash })
    .where("id", "=", HEAD_ID)
    .execute();
}

/**
 * Walks the chain from the oldest row to the head and names the first row whose link does not hold. Rows appended
 * after the head was read are left for the next run, so it can run while the app writes. With `recorded`, a head
 * printed by an earlier run, that row must still carry that hash: a chain rebuilt after an edit fails there.
 */
export async function verifyAuditChain(db: Kysely<Database>, recorded?: AuditChainHead): Promise<AuditChainReport> {
  const head = await db.selectFrom("audit_chain_head").selectAll().where("id", "=", HEAD_ID).executeTakeFirst();
  if (!head) return { rows: 0, head: null, broken: { id: "head", at: null, reason: "the chain head row is missing" } };
  const headId = head.last_id === null ? 0 : Number(head.last_id);
  let prev: string | null = null;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", ">", lastId)
      .where("id", "<=", headId)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    for (const row of batch) {
      const reason = brokenLink(row, prev) ?? (String(row.id) === recorded?.id && row.hash !== recorded.hash ? REBUILT : null);
      if (reason) return { rows, head: headOf(head), broken: { id: String(row.id), at: toIso(row.at), reason } };
      prev = row.hash;
      lastId = Number(row.id);
      rows += 1;
    }
    if (batch.length < BATCH) break;
  }
  if (lastId !== headId || prev !== head.last_hash) {
    const reason = `the newest rows were removed: the chain head names row ${headId}, the log ends at row ${lastId || "(none)"}`;
    return { rows, head: headOf(head), broken: { id: String(headId), at: null, reason } };
  }
  if (recorded && Number(recorded.id) > lastId) {
    return {
      rows,
      head: headOf(head),
      broken: { id: recorded.id, at: null, reason: "the recorded head is past the end of the log: rows were removed" },
    };
  }
  return { rows, head: headOf(head), broken: null };
}

const REBUILT = "its hash is not the one recorded for it: the chain was rewritten from this row or an earlier one";

function brokenLink(row: Selectable<AuditLogTable>, prev: string | null): string | null {
  if (row.prev_hash !== prev) {
    return prev === null
      ? "the first row does not start the chain: older rows were removed or this row was altered"
      : "it does not follow the row before it: a row before it was removed, or this row's link was altered";
  }
  if (row.hash !== auditHash(row.prev_hash, row)) return "its content was changed after it was written";
  return null;
}

function headOf(head: Selectable<AuditChainHeadTable>): AuditChainHead | null {
  return head.last_id === null || head.last_hash === null ? null : { id: String(head.last_id), hash: head.last_hash };
}

/** Migration step: links the rows written before the chain existed, oldest first, and writes the head. */
export async function chainExistingRows(db: Kysely<Database>): Promise<void> {
  let prev: string | null = null;
  let lastId: number | null = null;
  for (;;) {
    const batch = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", ">", lastId ?? 0)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    for (const row of batch) {
      const hash = auditHash(prev, row);
      await db.updateTable("audit_log").set({ prev_hash: prev, hash }).where("id", "=", row.id).execute();
      prev = hash;
      lastId = Number(row.id);
    }
    if (batch.length < BATCH) break;
  }
  await db.insertInto("audit_chain_head").values({ id: HEAD_ID, last_id: lastId, last_hash: prev }).execute();
}
