import "server-only";
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable, Updateable } from "kysely";
import type { ClaimedJob, JobRow, JobStore, NewJob, StoreTransaction } from "./job-types";
import { toIso } from "./rows";
import type { Database, JobsTable } from "./schema";

// The job table on both databases (the app uses it on SQLite). A try is claimed by one conditional UPDATE (pending,
// due, no live claim), so of several workers looking at the same row exactly one wins it; its outcome is written only
// under the winning token.

export class KyselyJobStore implements JobStore {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(jobs: NewJob[], tx?: StoreTransaction): Promise<void> {
    if (jobs.length === 0) return;
    const now = toIso(new Date());
    const CHUNK = 500;
    for (let start = 0; start < jobs.length; start += CHUNK) {
      const values = jobs.slice(start, start + CHUNK).map((job) => ({
        id: job.id,
        queue: job.queue,
        data: JSON.stringify(job.data),
        state: "pending",
        attempts: 0,
        retry_limit: job.retryLimit,
        retry_delay_ms: job.retryDelayMs,
        next_attempt_at: toIso(job.startAfter),
        created_at: now,
      }));
      await (tx ?? this.db).insertInto("jobs").values(values).execute();
    }
  }

  async claimDue(queue: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const now = new Date();
    const nowIso = toIso(now);
    const candidates = await this.db
      .selectFrom("jobs")
      .selectAll()
      .where("queue", "=", queue)
      .where("state", "=", "pending")
      .where("next_attempt_at", "<=", nowIso)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", nowIso)]))
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(limit)
      .execute();
    const claimed: ClaimedJob[] = [];
    for (const row of candidates) {
      const token = randomUUID();
      const result = await this.db
        .updateTable("jobs")
        .set({ claim_token: token, claimed_until: toIso(new Date(now.getTime() + leaseMs)), attempts: Number(row.attempts) + 1 })
        .where("id", "=", row.id)
        .where("state", "=", "pending")
        .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", nowIso)]))
        .where("attempts", "=", row.attempts)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) claimed.push({ job: toJobRow({ ...row, attempts: Number(row.attempts) + 1 }), token });
    }
    return claimed;
  }

  async complete(id: string, token: string): Promise<boolean> {
    const deleted = await this.db.deleteFrom("jobs").where("id", "=", id).where("claim_token", "=", token).executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1;
  }

  retryLater(id: string, token: string, error: string, due: Date): Promise<boolean> {
    return this.settle(id, token, { last_error: error, next_attempt_at: toIso(due) });
  }

  fail(id: string, token: string, error: string): Promise<boolean> {
    return this.settle(id, token, { last_error: error, state: "failed", finished_at: toIso(new Date()) });
  }

  private async settle(id: string, token: string, set: Updateable<JobsTable>): Promise<boolean> {
    const updated = await this.db
      .updateTable("jobs")
      .set({ ...set, claim_token: null, claimed_until: null })
      .where("id", "=", id)
      .where("state", "=", "pending")
      .where("claim_token", "=", token)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async releaseClaims(): Promise<number> {
    const released = await this.db
      .updateTable("jobs")
      .set({ claim_token: null, claimed_until: null })
      .where("state", "=", "pending")
      .where("claim_token", "is not", null)
      .executeTakeFirst();
    return Number(released.numUpdatedRows);
  }

  async nextDueAt(queue: string): Promise<string | null> {
    const rows = await this.db
      .selectFrom("jobs")
      .select(["next_attempt_at", "claimed_until"])
      .where("queue", "=", queue)
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

  async getJob(id: string): Promise<JobRow | null> {
    const row = await this.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toJobRow(row) : null;
  }
}

function toJobRow(row: Selectable<JobsTable>): JobRow {
  return {
    id: row.id,
    queue: row.queue,
    data: JSON.parse(row.data) as object,
    retryLimit: Number(row.retry_limit),
    retryDelayMs: Number(row.retry_delay_ms),
    startAfter: new Date(toIso(row.next_attempt_at)),
    state: row.state as JobRow["state"],
    attempts: Number(row.attempts),
    lastError: row.last_error,
  };
}
