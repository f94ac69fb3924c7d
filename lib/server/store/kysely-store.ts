import "server-only";
import { sql, type Kysely, type Transaction } from "kysely";
import type { OperatorKind } from "@/lib/schemas/roles";
import { KyselyAlertOutboxStore } from "./alert-outbox-store";
import { appendAuditRow, verifyAuditChain } from "./audit-chain";
import { KyselyCheckRunStore } from "./check-run-store";
import {
  countCredentialHealth,
  getCredentialWithLastTest,
  listCredentialIds,
  listCredentials,
  listTags,
  type SqlDialect,
} from "./credential-list";
import { findCredentialByClientId, findCredentialByKeyId, listCredentialNames, listIssuers } from "./credential-lookups";
import { decodeAuditCursor, encodeAuditCursor, pageLimit } from "./cursor";
import { nextHealth, type HealthChange, type HealthInput } from "./health-rule";
import { readHealthState, writeHealthState } from "./health-store";
import { KyselyIntrospectionClientStore } from "./introspection-client-store";
import { KyselyJobStore } from "./job-store";
import { KyselyOperatorStore } from "./operator-store";
import { KyselyProvisioningStore } from "./provisioning-store";
import { auditValues, credentialValues, patchValues, toAuditRow, toCachedTokenRow, toCredentialRow, toIso, toTestRunRow } from "./rows";
import type { Database } from "./schema";
import { KyselyShareLinkStore } from "./share-link-store";
import {
  StoreConflictError,
  StoreNotFoundError,
  type AuditChainHead,
  type AuditChainReport,
  type AuditEntry,
  type AuditRow,
  type CachedTokenRow,
  type CheckLearned,
  type CredentialName,
  type CredentialPatch,
  type CredentialRow,
  type CredentialFilter,
  type CredentialWithLastTest,
  type HealthCountsRow,
  type ListAuditQuery,
  type ListCredentialsQuery,
  type NewTestRun,
  type Page,
  type SecretEnvelopeRow,
  type Store,
  type StoreConnection,
  type TestRunRow,
} from "./types";

// The one Store implementation; the dialect decides only connection setup and two SQL function names.

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

// An audit row about a credential names it even when the caller left those fields out.
function auditFor(entry: AuditEntry, row: { id: string; issuer: string; clientId: string }): AuditEntry {
  return {
    ...entry,
    credentialId: entry.credentialId ?? row.id,
    issuer: entry.issuer ?? row.issuer,
    clientId: entry.clientId ?? row.clientId,
  };
}

export class KyselyStore implements Store {
  readonly driver: SqlDialect;
  readonly operators: KyselyOperatorStore;
  readonly introspectionClients: KyselyIntrospectionClientStore;
  readonly checkRuns: KyselyCheckRunStore;
  readonly alertOutbox: KyselyAlertOutboxStore;
  readonly jobs: KyselyJobStore;
  readonly provisioning: KyselyProvisioningStore;
  readonly shareLinks: KyselyShareLinkStore;

  constructor(
    private readonly db: Kysely<Database>,
    readonly connection: StoreConnection,
  ) {
    this.driver = connection.driver;
    this.operators = new KyselyOperatorStore(db, connection.driver);
    this.introspectionClients = new KyselyIntrospectionClientStore(db, connection.driver);
    this.checkRuns = new KyselyCheckRunStore(db);
    this.alertOutbox = new KyselyAlertOutboxStore(db);
    this.jobs = new KyselyJobStore(db);
    this.provisioning = new KyselyProvisioningStore(db, connection.driver);
    this.shareLinks = new KyselyShareLinkStore(db, connection.driver);
  }

  listCredentials(query: ListCredentialsQuery): Promise<Omit<Page<CredentialWithLastTest>, "total"> & { total: number | null }> {
    return listCredentials(this.db, this.driver, query);
  }

  getCredentialWithLastTest(id: string): Promise<CredentialWithLastTest | null> {
    return getCredentialWithLastTest(this.db, id);
  }

  listCredentialIds(query: CredentialFilter): Promise<string[]> {
    return listCredentialIds(this.db, this.driver, query);
  }

  countCredentialHealth(query: CredentialFilter, options: { orgLimit?: number } = {}): Promise<HealthCountsRow> {
    return countCredentialHealth(this.db, this.driver, query, Math.min(500, Math.max(1, options.orgLimit ?? 50)));
  }

  findCredentialByClientId(issuer: string, clientId: string): Promise<CredentialName | null> {
    return findCredentialByClientId(this.db, issuer, clientId);
  }

  findCredentialByKeyId(issuer: string, keyId: string): Promise<CredentialName | null> {
    return findCredentialByKeyId(this.db, issuer, keyId);
  }

  listIssuers(): Promise<string[]> {
    return listIssuers(this.db);
  }

  listCredentialNames(ids?: readonly string[]): Promise<CredentialName[]> {
    return listCredentialNames(this.db, ids);
  }

  listTags(): Promise<string[]> {
    return listTags(this.db);
  }

  async getCredential(id: string): Promise<CredentialRow | null> {
    const row = await this.db.selectFrom("credentials").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toCredentialRow(row) : null;
  }

  createCredential(row: CredentialRow, audit: AuditEntry): Promise<CredentialRow> {
    return this.write(async (trx) => {
      const created = await trx.insertInto("credentials").values(credentialValues(row)).returningAll().executeTakeFirstOrThrow();
      await appendAuditRow(trx, this.driver, auditValues(auditFor(audit, row), toIso(new Date())));
      return toCredentialRow(created);
    });
  }

  async updateCredential(id: string, expectedVersion: number, patch: CredentialPatch, audit: AuditEntry): Promise<CredentialRow> {
    const changed = await this.write(async (trx) => {
      const updated = await trx
        .updateTable("credentials")
        .set((eb) => ({ ...patchValues(patch), updated_at: toIso(new Date()), version: eb("version", "+", 1) }))
        .where("id", "=", id)
        .where("version", "=", expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw await this.missOrConflict(trx, id);
      const row = toCredentialRow(updated);
      await appendAuditRow(trx, this.driver, auditValues(auditFor(audit, row), row.updatedAt));
      return row;
    });
    if (patch.secretEnvelope !== undefined) await this.eraseFromDisk();
    return changed;
  }

  async recordPatExpiry(id: string, expiresAt: string): Promise<void> {
    await this.write((trx) =>
      trx
        .updateTable("credentials")
        .set({ expires_at: toIso(expiresAt) })
        .where("id", "=", id)
        .where("kind", "=", "pat")
        .execute(),
    );
  }

  async recordServiceUser(id: string, serviceUser: string): Promise<void> {
    await this.write((trx) => trx.updateTable("credentials").set({ service_user: serviceUser }).where("id", "=", id).execute());
  }

  async deleteCredential(id: string, expectedVersion: number | null, audit: AuditEntry): Promise<void> {
    await this.write(async (trx) => {
      let query = trx.deleteFrom("credentials").where("id", "=", id);
      if (expectedVersion !== null) query = query.where("version", "=", expectedVersion);
      const deleted = await query.returningAll().executeTakeFirst();
      if (!deleted) throw await this.missOrConflict(trx, id);
      await appendAuditRow(trx, this.driver, auditValues(auditFor(audit, toCredentialRow(deleted)), toIso(new Date())));
    });
    await this.eraseFromDisk();
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.write((trx) => appendAuditRow(trx, this.driver, auditValues(entry, toIso(new Date()))));
  }

  verifyAuditChain(recorded?: AuditChainHead): Promise<AuditChainReport> {
    return verifyAuditChain(this.db, recorded);
  }

  async listAudit(query: ListAuditQuery): Promise<Page<AuditRow>> {
    const limit = pageLimit(query.limit);
    const before = query.cursor ? decodeAuditCursor(query.cursor) : null;
    let filtered = this.db.selectFrom("audit_log");
    if (query.credentialId) filtered = filtered.where("credential_id", "=", query.credentialId);
    if (query.action) filtered = filtered.where("action", "=", query.action);
    // An operator is named by id (sub) or by the name the entry recorded, whichever the caller has.
    if (query.actor) {
      const actor = query.actor;
      filtered = filtered.where((eb) => eb.or([eb("actor", "=", actor), eb("actor_name", "=", actor)]));
    }
    if (query.outcome) filtered = filtered.where("outcome", "=", query.outcome);
    // Times are stored as ISO strings (SQLite) or timestamptz (PostgreSQL); both compare correctly with an ISO instant.
    if (query.from) filtered = filtered.where("at", ">=", toIso(query.from));
    if (query.to) filtered = filtered.where("at", "<=", toIso(query.to));
    const pageQuery = before === null ? filtered : filtered.where("id", "<", before);
    // Whether each row's credential still exists is answered in the same query, so the page links only those.
    const rows = await pageQuery
      .selectAll("audit_log")
      .select((eb) =>
        eb
          .exists(eb.selectFrom("credentials").select("credentials.id").whereRef("credentials.id", "=", "audit_log.credential_id"))
          .as("credential_exists"),
      )
      .select((eb) => eb.selectFrom("operators").select("operators.kind").whereRef("operators.id", "=", "audit_log.actor").as("actor_kind"))
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
    const { n } = await filtered.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
    const items = rows.slice(0, limit).map(({ credential_exists, actor_kind, ...row }) => ({
      ...toAuditRow(row),
      credentialExists: Boolean(credential_exists),
      actorKind: (actor_kind ?? null) as OperatorKind | null,
    }));
    const last = items[items.length - 1];
    return { items, total: Number(n), nextCursor: rows.length > limit && last ? encodeAuditCursor(Number(last.id)) : null };
  }

  async recordTestRun(run: NewTestRun): Promise<TestRunRow> {
    return insertTestRun(this.db, run);
  }

  recordCheck(
    run: NewTestRun,
    audit: AuditEntry,
    health: HealthInput | null,
    learned: CheckLearned = {},
  ): Promise<{ run: TestRunRow; change: HealthChange | null }> {
    return this.write(async (trx) => {
      // Locked first (PostgreSQL; SQLite writers already take turns), so a concurrent check of the same credential
      // waits and then sees this one's status: one change is reported, not two.
      const previous = await readHealthState(trx, this.driver, run.credentialId);
      if (previous === undefined) throw new StoreNotFoundError();
      const at = toIso(run.at ?? new Date());
      const inserted = await insertTestRun(trx, { ...run, at });
      // A check that verified nothing (a PAT's token test before its expiry) leaves the health as it was.
      const next = health ? nextHealth(previous, health, at) : null;
      if (next) await writeHealthState(trx, run.credentialId, next.state);
      if (learned.serviceUser) {
        await trx.updateTable("credentials").set({ service_user: learned.serviceUser }).where("id", "=", run.credentialId).execute();
      }
      await appendAuditRow(trx, this.driver, auditValues(audit, at));
      return { run: inserted, change: next?.change ?? null };
    });
  }

  async listTestRuns(credentialId: string, limit = 20): Promise<TestRunRow[]> {
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

  async getCachedToken(credentialId: string, scopeKey: string): Promise<CachedTokenRow | null> {
    const row = await this.db
      .selectFrom("token_cache")
      .selectAll()
      .where("credential_id", "=", credentialId)
      .where("scope_key", "=", scopeKey)
      .executeTakeFirst();
    return row ? toCachedTokenRow(row) : null;
  }

  async putCachedToken(row: CachedTokenRow): Promise<void> {
    const values = {
      token_envelope: row.tokenEnvelope,
      expires_at: toIso(row.expiresAt),
      obtained_at: toIso(row.obtainedAt),
      metadata: JSON.stringify(row.metadata),
    };
    await this.db
      .insertInto("token_cache")
      .values({ credential_id: row.credentialId, scope_key: row.scopeKey, ...values })
      .onConflict((conflict) => conflict.columns(["credential_id", "scope_key"]).doUpdateSet(values))
      .execute();
  }

  async deleteCachedTokens(credentialId: string): Promise<void> {
    await this.db.deleteFrom("token_cache").where("credential_id", "=", credentialId).execute();
  }

  async purgeTokenCache(): Promise<number> {
    const result = await this.db.deleteFrom("token_cache").executeTakeFirst();
    // Key rotation ends here: the envelopes it replaced go from the disk too.
    await this.eraseFromDisk();
    return Number(result.numDeletedRows);
  }

  async listSecretEnvelopes(afterId: string | null, limit: number): Promise<SecretEnvelopeRow[]> {
    let query = this.db
      .selectFrom("credentials")
      .select(["id", "issuer", "client_id", "secret_envelope"])
      .where("secret_envelope", "is not", null);
    if (afterId !== null) query = query.where("id", ">", afterId);
    const rows = await query.orderBy("id").limit(Math.max(1, limit)).execute();
    return rows.map((row) => ({ id: row.id, issuer: row.issuer, clientId: row.client_id, secretEnvelope: row.secret_envelope ?? "" }));
  }

  async rewrapSecret(id: string, expected: string, next: string): Promise<boolean> {
    const result = await this.db
      .updateTable("credentials")
      .set({ secret_envelope: next })
      .where("id", "=", id)
      .where("secret_envelope", "=", expected)
      .executeTakeFirst();
    return result.numUpdatedRows > BigInt(0);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private async write<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw new StoreConflictError("duplicate");
      throw error;
    }
  }

  // secure_delete zeroes a removed row in the database file, but SQLite's write-ahead log still holds the frames
  // that wrote it until a checkpoint. Checkpointing and truncating the log right after removing a secret means it is
  // gone from disk once the call returns. Best effort: the removal has committed, and a reader in another process
  // only postpones the truncation to the next checkpoint.
  private async eraseFromDisk(): Promise<void> {
    if (this.driver !== "sqlite") return;
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.db).catch(() => undefined);
  }

  private async missOrConflict(trx: Transaction<Database>, id: string): Promise<Error> {
    const exists = await trx.selectFrom("credentials").select("id").where("id", "=", id).executeTakeFirst();
    return exists ? new StoreConflictError("version") : new StoreNotFoundError();
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
