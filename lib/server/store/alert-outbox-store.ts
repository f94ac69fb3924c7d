import "server-only";
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable, Updateable } from "kysely";
import type { CheckedStatus } from "@/lib/schemas/health";
import type { AlertOutboxStore, ClaimedAlert, NewOutboxAlert, OutboxAlertRow, OutboxState, TryResult } from "./alert-outbox-types";
import { toIso } from "./rows";
import type { AlertOutboxTable, Database } from "./schema";

// The alert outbox on both databases. A try is claimed by one conditional UPDATE (pending, due, no live claim), so of
// several instances looking at the same row exactly one wins it; the outcome is written only under the winning token.

export class KyselyAlertOutboxStore implements AlertOutboxStore {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(alert: NewOutboxAlert): Promise<void> {
    const now = toIso(new Date());
    await this.db
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
  }

  async countPending(): Promise<number> {
    const row = await this.db
      .selectFrom("alert_outbox")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("state", "=", "pending")
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async claimDue(limit: number, leaseMs: number): Promise<ClaimedAlert[]> {
    const now = new Date();
    const nowIso = toIso(now);
    const candidates = await this.db
      .selectFrom("alert_outbox")
      .selectAll()
      .where("state", "=", "pending")
      .where("next_attempt_at", "<=", nowIso)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", nowIso)]))
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(limit)
      .execute();
    const claimed: ClaimedAlert[] = [];
    for (const row of candidates) {
      const token = randomUUID();
      const result = await this.db
        .updateTable("alert_outbox")
        .set({ claim_token: token, claimed_until: toIso(new Date(now.getTime() + leaseMs)) })
        .where("id", "=", row.id)
        .where("state", "=", "pending")
        .where("next_attempt_at", "<=", nowIso)
        .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", nowIso)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) claimed.push({ alert: toAlertRow(row), token });
    }
    return claimed;
  }

  async retryLater(id: string, token: string, result: TryResult, nextAttemptAt: Date): Promise<boolean> {
    return this.settleTry(id, token, { ...tried(result), next_attempt_at: toIso(nextAttemptAt) });
  }

  async finish(id: string, token: string, state: Exclude<OutboxState, "pending">, result: TryResult): Promise<boolean> {
    return this.settleTry(id, token, { ...tried(result), state, finished_at: toIso(new Date()) });
  }

  // Only the holder of the try's claim may record its result: a lapsed claim taken over by another instance makes
  // this a no-op (false), so one try is recorded and audited once.
  private async settleTry(id: string, token: string, set: Updateable<AlertOutboxTable>): Promise<boolean> {
    const updated = await this.db
      .updateTable("alert_outbox")
      .set({ ...set, claim_token: null, claimed_until: null })
      .where("id", "=", id)
      .where("state", "=", "pending")
      .where("claim_token", "=", token)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async nextDueAt(): Promise<string | null> {
    const rows = await this.db
      .selectFrom("alert_outbox")
      .select(["next_attempt_at", "claimed_until"])
      .where("state", "=", "pending")
      .orderBy("next_attempt_at")
      .limit(100)
      .execute();
    let earliest: string | null = null;
    for (const row of rows) {
      const due = toIso(row.next_attempt_at);
      const free = row.claimed_until === null ? due : toIso(row.claimed_until);
      const at = free > due ? free : due;
      if (earliest === null || at < earliest) earliest = at;
    }
    return earliest;
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
