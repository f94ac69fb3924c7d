import "server-only";
import type { Kysely, Selectable } from "kysely";
import type { CheckedStatus } from "@/lib/schemas/health";
import type { AlertOutboxStore, NewOutboxAlert, OutboxAlertRow, OutboxState, TryResult } from "./alert-outbox-types";
import type { StoreTransaction } from "./job-types";
import { toIso } from "./rows";
import type { AlertOutboxTable, Database } from "./schema";

// The alert outbox on both databases: the alert as sent and how it ended. Its delivery is a job on the console's job
// queue, queued in the same transaction; the outcome is written by one conditional UPDATE (still pending), so of two
// workers that delivered the same alert (a lease that lapsed) exactly one records and audits it.

export class KyselyAlertOutboxStore implements AlertOutboxStore {
  constructor(private readonly db: Kysely<Database>) {}

  enqueue(alert: NewOutboxAlert, within?: (tx: StoreTransaction) => Promise<void>): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const now = toIso(new Date());
      await trx
        .insertInto("alert_outbox")
        .values({
          id: alert.id,
          credential_id: alert.credentialId,
          issuer: alert.issuer,
          client_id: alert.clientId,
          from_status: alert.from,
          to_status: alert.to,
          body: alert.body,
          state: "pending",
          attempts: 0,
          next_attempt_at: now,
          created_at: now,
        })
        .execute();
      await within?.(trx);
    });
  }

  async countPending(): Promise<number> {
    const row = await this.db
      .selectFrom("alert_outbox")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("state", "=", "pending")
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async finish(id: string, state: Exclude<OutboxState, "pending">, result: TryResult): Promise<boolean> {
    const updated = await this.db
      .updateTable("alert_outbox")
      .set({ ...tried(result), state, finished_at: toIso(new Date()) })
      .where("id", "=", id)
      .where("state", "=", "pending")
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async getAlert(id: string): Promise<OutboxAlertRow | null> {
    const row = await this.db.selectFrom("alert_outbox").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toAlertRow(row) : null;
  }

  async pruneFinished(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom("alert_outbox")
      .where("state", "in", ["delivered", "failed"])
      .where("finished_at", "<", toIso(before))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toAlertRow(row: Selectable<AlertOutboxTable>): OutboxAlertRow {
  return {
    id: row.id,
    credentialId: row.credential_id,
    issuer: row.issuer,
    clientId: row.client_id,
    from: row.from_status as CheckedStatus | null,
    to: row.to_status as CheckedStatus,
    body: row.body,
    state: row.state as OutboxState,
    attempts: Number(row.attempts),
    nextAttemptAt: toIso(row.next_attempt_at),
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    reason: row.reason,
    createdAt: toIso(row.created_at),
    finishedAt: row.finished_at === null ? null : toIso(row.finished_at),
  };
}

function tried(result: TryResult) {
  return { attempts: result.attempts, http_status: result.httpStatus, reason: result.reason };
}
