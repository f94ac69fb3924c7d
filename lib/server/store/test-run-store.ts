import "server-only";
import type { Kysely, Transaction } from "kysely";
import { appendAuditRow } from "./audit-chain";
import type { AuditEntry } from "./audit-types";
import type { SqlDialect } from "./credential-list";
import { pageLimit } from "./cursor";
import { nextHealth, type HealthChange, type HealthInput } from "./health-rule";
import { hasAuditSince, readHealthState, writeHealthState } from "./health-store";
import { trackIssuerOutage, type IssuerChange } from "./issuer-outage-store";
import { auditValues, toIso, toTestRunRow } from "./rows";
import type { Database } from "./schema";
import type { CheckLearned, NewTestRun, TestRunRow, TestRunStore } from "./test-run-types";
import { StoreNotFoundError } from "./types";
import { writeTransaction } from "./write-transaction";

// A check writes three aggregates at once (test run, credential health, audit row): one transaction, so a reader never
// sees a run without its health or an unaudited change.

export class KyselyTestRunStore implements TestRunStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly driver: SqlDialect,
  ) {}

  record(run: NewTestRun): Promise<TestRunRow> {
    return insertTestRun(this.db, run);
  }

  recordCheck(
    run: NewTestRun,
    audit: AuditEntry,
    health: HealthInput | null,
    learned: CheckLearned = {},
  ): Promise<{ run: TestRunRow; change: HealthChange | null; issuerChange: IssuerChange | null }> {
    return writeTransaction(this.db, async (trx) => {
      const at = toIso(run.at ?? new Date());
      const { change, issuerChange } = await this.applyCheck(trx, run.credentialId, health, learned, at);
      const inserted = await insertTestRun(trx, { ...run, at });
      await appendAuditRow(trx, this.driver, auditValues(audit, at));
      return { run: inserted, change, issuerChange };
    });
  }

  recordQuietCheck(
    credentialId: string,
    audit: AuditEntry,
    health: HealthInput,
    options: { auditAfter: string; at?: string },
  ): Promise<{ at: string; change: HealthChange | null; issuerChange: IssuerChange | null; isAudited: boolean }> {
    return writeTransaction(this.db, async (trx) => {
      const at = toIso(options.at ?? new Date());
      const { change, issuerChange } = await this.applyCheck(trx, credentialId, health, {}, at);
      const isAudited = change !== null || !(await hasAuditSince(trx, credentialId, audit.action, options.auditAfter));
      if (isAudited) await appendAuditRow(trx, this.driver, auditValues(audit, at));
      return { at, change, issuerChange, isAudited };
    });
  }

  /** A check's effect on the credential: its health, its issuer's outage, what it learnt. Inside the check's write. */
  private async applyCheck(
    trx: Transaction<Database>,
    credentialId: string,
    health: HealthInput | null,
    learned: CheckLearned,
    at: string,
  ): Promise<{ change: HealthChange | null; issuerChange: IssuerChange | null }> {
    // Locked first (PostgreSQL; SQLite writers already take turns), so a concurrent check of the same credential
    // waits and then sees this one's status: one change is reported, not two.
    const previous = await readHealthState(trx, this.driver, credentialId);
    if (previous === undefined) throw new StoreNotFoundError();
    // A check that verified nothing (a PAT's token test before its expiry) leaves the health as it was.
    const next = health ? nextHealth(previous, health, at) : null;
    if (next) await writeHealthState(trx, credentialId, next.state);
    const move = { from: previous?.status ?? null, to: next?.state.status ?? null, code: next?.state.code ?? null, at };
    const issuerChange = next ? await trackIssuerOutage(trx, this.driver, credentialId, move) : null;
    if (learned.serviceUser) {
      await trx.updateTable("credentials").set({ service_user: learned.serviceUser }).where("id", "=", credentialId).execute();
    }
    return { change: next?.change ?? null, issuerChange };
  }

  async list(credentialId: string, limit = 20): Promise<TestRunRow[]> {
    const rows = await this.db
      .selectFrom("test_runs")
      .selectAll()
      .where("credential_id", "=", credentialId)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(pageLimit(limit))
      .execute();
    return rows.map(toTestRunRow);
  }
}

async function insertTestRun(db: Kysely<Database>, run: NewTestRun): Promise<TestRunRow> {
  const row = await db
    .insertInto("test_runs")
    .values({
      credential_id: run.credentialId,
      kind: run.kind,
      at: toIso(run.at ?? new Date()),
      actor: run.actor,
      actor_name: run.actorName,
      outcome: run.outcome,
      http_status: run.httpStatus,
      latency_ms: run.latencyMs,
      org_id: run.orgId,
      org_name: run.orgName,
      cached: run.cached ? 1 : 0,
      request_id: run.requestId ?? null,
      upstream_error: run.upstreamError?.error ?? null,
      upstream_description: run.upstreamError?.description ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTestRunRow(row);
}
