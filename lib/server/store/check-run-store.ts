import "server-only";
import type { Kysely, Selectable } from "kysely";
import type { ItemState, ItemStatus, RunCounts, RunScope, RunState } from "@/lib/schemas/runs";
import type { CheckRunItemRow, CheckRunRow, CheckRunStore, ItemOutcome, NewCheckRun, RunPaceRow } from "./check-run-types";
import { toIso } from "./rows";
import type { CheckRunItemsTable, CheckRunsTable, Database } from "./schema";

// Runs and their items on both databases. Every step that two instances could race on is one conditional UPDATE:
// whoever's UPDATE matched the row won it.

const INSERT_CHUNK = 500; // rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits

export class KyselyCheckRunStore implements CheckRunStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createRun(run: NewCheckRun): Promise<CheckRunRow> {
    const now = toIso(new Date());
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("check_runs")
        .values({
          id: run.id,
          started_by: run.startedBy,
          started_by_name: run.startedByName,
          started_at: now,
          finished_at: null,
          state: "running",
          scope: JSON.stringify(run.scope),
          total: run.items.length,
          reason: null,
        })
        .execute();
      for (let start = 0; start < run.items.length; start += INSERT_CHUNK) {
        const chunk = run.items.slice(start, start + INSERT_CHUNK);
        await trx
          .insertInto("check_run_items")
          .values(
            chunk.map((item) => ({
              run_id: run.id,
              credential_id: item.credentialId,
              label: item.label,
              issuer: item.issuer,
              state: "pending",
            })),
          )
          .execute();
      }
    });
    return (await this.getRun(run.id)) as CheckRunRow;
  }

  async getRun(id: string): Promise<CheckRunRow | null> {
    const row = await this.db.selectFrom("check_runs").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? ((await this.withCounts([row]))[0] ?? null) : null;
  }

  async getRunHeader(id: string): Promise<Omit<CheckRunRow, "counts"> | null> {
    const row = await this.db.selectFrom("check_runs").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toRunHeader(row) : null;
  }

  async listRuns(limit: number): Promise<CheckRunRow[]> {
    const rows = await this.db
      .selectFrom("check_runs")
      .selectAll()
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return this.withCounts(rows);
  }

  async listRunningRuns(startedBy?: string): Promise<CheckRunRow[]> {
    let query = this.db.selectFrom("check_runs").selectAll().where("state", "=", "running");
    if (startedBy) query = query.where("started_by", "=", startedBy);
    return this.withCounts(await query.orderBy("started_at", "desc").orderBy("id", "desc").execute());
  }

  async listItems(runId: string): Promise<CheckRunItemRow[]> {
    const rows = await this.db
      .selectFrom("check_run_items")
      .selectAll()
      .where("run_id", "=", runId)
      .orderBy("label")
      .orderBy("credential_id")
      .execute();
    return rows.map(toItemRow);
  }

  async listPendingItems(runId: string): Promise<CheckRunItemRow[]> {
    const rows = await this.db
      .selectFrom("check_run_items")
      .selectAll()
      .where("run_id", "=", runId)
      .where("state", "=", "pending")
      .orderBy("label")
      .orderBy("credential_id")
      .execute();
    return rows.map(toItemRow);
  }

  async listItemsFinishedSince(runId: string, since: string | null, limit: number): Promise<CheckRunItemRow[]> {
    let query = this.db.selectFrom("check_run_items").selectAll().where("run_id", "=", runId).where("finished_at", "is not", null);
    if (since) query = query.where("finished_at", ">=", toIso(since));
    const rows = await query.orderBy("finished_at").orderBy("credential_id").limit(limit).execute();
    return rows.map(toItemRow);
  }

  async claimItem(runId: string, credentialId: string, leaseMs: number): Promise<boolean> {
    const now = new Date();
    const leaseEnd = toIso(new Date(now.getTime() - leaseMs));
    const result = await this.db
      .updateTable("check_run_items")
      .set({ state: "running", claimed_at: toIso(now) })
      .where("run_id", "=", runId)
      .where("credential_id", "=", credentialId)
      .where((eb) => eb.or([eb("state", "=", "pending"), eb.and([eb("state", "=", "running"), eb("claimed_at", "<", leaseEnd)])]))
      .where((eb) => eb.exists(eb.selectFrom("check_runs").select("id").where("id", "=", runId).where("state", "=", "running")))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async finishItem(runId: string, credentialId: string, outcome: ItemOutcome): Promise<boolean> {
    const fields =
      outcome.state === "done"
        ? { status: outcome.status, org_id: outcome.orgId, org_name: outcome.orgName, code: outcome.code }
        : { status: null, org_id: null, org_name: null, code: outcome.code };
    const result = await this.db
      .updateTable("check_run_items")
      .set({ ...fields, state: outcome.state, finished_at: toIso(new Date()) })
      .where("run_id", "=", runId)
      .where("credential_id", "=", credentialId)
      .where("state", "=", "running")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseItem(runId: string, credentialId: string): Promise<boolean> {
    const result = await this.db
      .updateTable("check_run_items")
      .set({ state: "pending", claimed_at: null })
      .where("run_id", "=", runId)
      .where("credential_id", "=", credentialId)
      .where("state", "=", "running")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async abandonItem(runId: string, credentialId: string, code: string): Promise<boolean> {
    const result = await this.db
      .updateTable("check_run_items")
      .set({ state: "skipped", status: null, org_id: null, org_name: null, code, finished_at: toIso(new Date()) })
      .where("run_id", "=", runId)
      .where("credential_id", "=", credentialId)
      .where("state", "in", ["pending", "running"])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async cancelRun(id: string, reason: string): Promise<CheckRunRow | null> {
    const ended = await this.endRun(id, "cancelled", reason, ["pending"]);
    return ended ? this.getRun(id) : null;
  }

  async failRun(id: string, reason: string): Promise<boolean> {
    return this.endRun(id, "failed", reason, ["pending", "running"]);
  }

  async finishRunIfComplete(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable("check_runs")
      .set({ state: "done", finished_at: toIso(new Date()) })
      .where("id", "=", id)
      .where("state", "=", "running")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom("check_run_items").select("run_id").where("run_id", "=", id).where("state", "in", ["pending", "running"]),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseRunningItems(runId: string): Promise<number> {
    const result = await this.db
      .updateTable("check_run_items")
      .set({ state: "pending", claimed_at: null })
      .where("run_id", "=", runId)
      .where("state", "=", "running")
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  // The run's state changes first (the compare-and-set); its left-over items follow in the same transaction.
  private endRun(id: string, state: RunState, reason: string, itemStates: ItemState[]): Promise<boolean> {
    const now = toIso(new Date());
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable("check_runs")
        .set({ state, reason, finished_at: now })
        .where("id", "=", id)
        .where("state", "=", "running")
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx
        .updateTable("check_run_items")
        .set({ state: "cancelled", finished_at: now })
        .where("run_id", "=", id)
        .where("state", "in", itemStates)
        .execute();
      return true;
    });
  }

  private async withCounts(rows: Selectable<CheckRunsTable>[]): Promise<CheckRunRow[]> {
    if (rows.length === 0) return [];
    const grouped = await this.db
      .selectFrom("check_run_items")
      .select(["run_id", "state", "status"])
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where(
        "run_id",
        "in",
        rows.map((row) => row.id),
      )
      .groupBy(["run_id", "state", "status"])
      .execute();
    const paces = new Map(
      await Promise.all(rows.filter((row) => row.state === "running").map(async (row) => [row.id, await this.paceOf(row.id)] as const)),
    );
    return rows.map((row) => {
      const counts = emptyCounts();
      for (const group of grouped) {
        if (group.run_id !== row.id) continue;
        counts[countKey(group.state as ItemState, group.status as ItemStatus | null)] += Number(group.n);
      }
      const pace = paces.get(row.id);
      return { ...toRunRow(row, counts), ...(pace ? { pace } : {}) };
    });
  }

  // What the ETA needs beyond the counts; items in flight are few (the per-issuer concurrency), and the recent ones
  // a bounded sample read through the (run_id, finished_at) index.
  private async paceOf(runId: string): Promise<RunPaceRow> {
    const [running, recent] = await Promise.all([
      this.db.selectFrom("check_run_items").select("claimed_at").where("run_id", "=", runId).where("state", "=", "running").execute(),
      this.db
        .selectFrom("check_run_items")
        .select(["claimed_at", "finished_at"])
        .where("run_id", "=", runId)
        .where("state", "=", "done")
        .orderBy("finished_at", "desc")
        .limit(RECENT_DURATIONS)
        .execute(),
    ]);
    return {
      runningSince: running.flatMap((item) => (item.claimed_at === null ? [] : [toIso(item.claimed_at)])),
      recentDurationsMs: recent.flatMap((item) =>
        item.claimed_at === null || item.finished_at === null
          ? []
          : [Date.parse(toIso(item.finished_at)) - Date.parse(toIso(item.claimed_at))],
      ),
    };
  }
}

const RECENT_DURATIONS = 20;

function emptyCounts(): RunCounts {
  return { pending: 0, running: 0, working: 0, token_fails: 0, org_fails: 0, skipped: 0, cancelled: 0 };
}

function countKey(state: ItemState, status: ItemStatus | null): keyof RunCounts {
  if (state === "done") return status ?? "skipped";
  return state;
}

function toRunRow(row: Selectable<CheckRunsTable>, counts: RunCounts): CheckRunRow {
  return { ...toRunHeader(row), counts };
}

function toRunHeader(row: Selectable<CheckRunsTable>): Omit<CheckRunRow, "counts"> {
  return {
    id: row.id,
    startedBy: row.started_by,
    startedByName: row.started_by_name,
    startedAt: toIso(row.started_at),
    finishedAt: row.finished_at === null ? null : toIso(row.finished_at),
    state: row.state as RunState,
    scope: JSON.parse(row.scope) as RunScope,
    total: Number(row.total),
    reason: row.reason,
  };
}

function toItemRow(row: Selectable<CheckRunItemsTable>): CheckRunItemRow {
  return {
    runId: row.run_id,
    credentialId: row.credential_id,
    label: row.label,
    issuer: row.issuer,
    state: row.state as ItemState,
    status: row.status as ItemStatus | null,
    orgId: row.org_id,
    orgName: row.org_name,
    code: row.code,
    claimedAt: row.claimed_at === null ? null : toIso(row.claimed_at),
    finishedAt: row.finished_at === null ? null : toIso(row.finished_at),
  };
}
