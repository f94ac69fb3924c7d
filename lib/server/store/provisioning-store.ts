import "server-only";
import { sql, type Kysely, type Selectable } from "kysely";
import type { JobState, JobStep } from "@/lib/schemas/provisioning";
import { appendAuditRow } from "./audit-chain";
import type { SqlDialect } from "./credential-list";
import type { StoreTransaction } from "./job-types";
import type {
  JobAuthority,
  JobInput,
  JobPatch,
  NewProvisioningJob,
  ProvisionerRow,
  ProvisioningJobRow,
  ProvisioningStore,
} from "./provisioning-types";
import { auditValues, toIso } from "./rows";
import type { Database, ProvisioningJobsTable } from "./schema";
import { StoreNotFoundError, type AuditEntry } from "./types";

// Provisioners and provisioning jobs. A provisioner change carries its audit row in the same transaction; a job moves
// between states only by compare-and-set, so two resumes of one job cannot both run it.

export class KyselyProvisioningStore implements ProvisioningStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly driver: SqlDialect,
  ) {}

  private provisioners() {
    return this.db
      .selectFrom("provisioners")
      .innerJoin("credentials", "credentials.id", "provisioners.credential_id")
      .select([
        "provisioners.issuer",
        "provisioners.credential_id",
        "provisioners.created_by",
        "provisioners.created_by_name",
        "provisioners.created_at",
        "credentials.label",
        "credentials.client_id",
      ]);
  }

  async listProvisioners(): Promise<ProvisionerRow[]> {
    return (await this.provisioners().orderBy("provisioners.issuer").execute()).map(toProvisionerRow);
  }

  async getProvisionerForIssuer(issuer: string): Promise<ProvisionerRow | null> {
    const row = await this.provisioners().where("provisioners.issuer", "=", issuer).executeTakeFirst();
    return row ? toProvisionerRow(row) : null;
  }

  async getProvisionerByCredential(credentialId: string): Promise<ProvisionerRow | null> {
    const row = await this.provisioners().where("provisioners.credential_id", "=", credentialId).executeTakeFirst();
    return row ? toProvisionerRow(row) : null;
  }

  putProvisioner(row: Omit<ProvisionerRow, "label" | "clientId">, audit: AuditEntry): Promise<{ replaced: string | null }> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom("provisioners").select("credential_id").where("issuer", "=", row.issuer).executeTakeFirst();
      const values = {
        credential_id: row.credentialId,
        created_by: row.createdBy,
        created_by_name: row.createdByName,
        created_at: toIso(row.createdAt),
      };
      await trx
        .insertInto("provisioners")
        .values({ issuer: row.issuer, ...values })
        .onConflict((conflict) => conflict.column("issuer").doUpdateSet(values))
        .execute();
      await appendAuditRow(trx, this.driver, auditValues(audit, toIso(new Date())));
      const replaced = current && current.credential_id !== row.credentialId ? current.credential_id : null;
      return { replaced };
    });
  }

  removeProvisioner(credentialId: string, audit: AuditEntry): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom("provisioners").where("credential_id", "=", credentialId).executeTakeFirst();
      if (removed.numDeletedRows === BigInt(0)) return false;
      await appendAuditRow(trx, this.driver, auditValues(audit, toIso(new Date())));
      return true;
    });
  }

  createJob(job: NewProvisioningJob, within?: (tx: StoreTransaction) => Promise<void>): Promise<ProvisioningJobRow> {
    return this.db.transaction().execute(async (trx) => {
      const now = toIso(new Date());
      const row = await trx
        .insertInto("provisioning_jobs")
        .values({
          id: job.id,
          started_by: job.startedBy,
          started_by_name: job.startedByName,
          issuer: job.issuer,
          authority: JSON.stringify(job.authority),
          input: JSON.stringify(job.input),
          state: job.state,
          steps: JSON.stringify(job.steps),
          user_id: job.userId,
          credential_id: job.credentialId,
          secret_offer_envelope: null,
          secret_offer_expires_at: null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await within?.(trx);
      return toJobRow(row);
    });
  }

  async getJob(id: string): Promise<ProvisioningJobRow | null> {
    const row = await this.db.selectFrom("provisioning_jobs").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toJobRow(row) : null;
  }

  async listJobs(limit: number): Promise<ProvisioningJobRow[]> {
    const rows = await this.db
      .selectFrom("provisioning_jobs")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return rows.map(toJobRow);
  }

  async listJobsInState(state: JobState): Promise<ProvisioningJobRow[]> {
    const rows = await this.db.selectFrom("provisioning_jobs").selectAll().where("state", "=", state).orderBy("created_at").execute();
    return rows.map(toJobRow);
  }

  async updateJob(id: string, patch: JobPatch): Promise<ProvisioningJobRow> {
    const row = await this.db
      .updateTable("provisioning_jobs")
      .set({ ...patchValues(patch), updated_at: toIso(new Date()) })
      .where("id", "=", id)
      .where("state", "=", "running")
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new StoreNotFoundError("no such running provisioning job");
    return toJobRow(row);
  }

  transitionJob(
    id: string,
    from: JobState,
    to: JobState,
    patch: JobPatch = {},
    within?: (tx: StoreTransaction, row: ProvisioningJobRow) => Promise<void>,
  ): Promise<ProvisioningJobRow | null> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable("provisioning_jobs")
        .set({ ...patchValues(patch), state: to, updated_at: toIso(new Date()) })
        .where("id", "=", id)
        .where("state", "=", from)
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      const moved = toJobRow(row);
      await within?.(trx, moved);
      return moved;
    });
  }

  async setSecretOffer(id: string, envelope: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable("provisioning_jobs")
      .set({ secret_offer_envelope: envelope, secret_offer_expires_at: toIso(expiresAt) })
      .where("id", "=", id)
      .execute();
  }

  // Read, then clear only if it is still the same envelope: of two concurrent takes, one wins.
  async takeSecretOffer(id: string, startedBy: string): Promise<string | null> {
    const row = await this.db
      .selectFrom("provisioning_jobs")
      .select(["secret_offer_envelope", "secret_offer_expires_at"])
      .where("id", "=", id)
      .where("started_by", "=", startedBy)
      .executeTakeFirst();
    const envelope = row?.secret_offer_envelope;
    if (!envelope || !row.secret_offer_expires_at) return null;
    const live = Date.parse(toIso(row.secret_offer_expires_at)) > Date.now();
    const cleared = await this.db
      .updateTable("provisioning_jobs")
      .set({ secret_offer_envelope: null, secret_offer_expires_at: null })
      .where("id", "=", id)
      .where("secret_offer_envelope", "=", envelope)
      .executeTakeFirst();
    await this.checkpoint();
    return live && cleared.numUpdatedRows > BigInt(0) ? envelope : null;
  }

  async wipeExpiredSecretOffers(now = new Date()): Promise<number> {
    const result = await this.db
      .updateTable("provisioning_jobs")
      .set({ secret_offer_envelope: null, secret_offer_expires_at: null })
      .where("secret_offer_envelope", "is not", null)
      .where("secret_offer_expires_at", "<=", toIso(now))
      .executeTakeFirst();
    const wiped = Number(result.numUpdatedRows);
    if (wiped > 0) await this.checkpoint();
    return wiped;
  }

  // As for a removed credential's secret: the wiped envelope leaves SQLite's write-ahead log too, best effort.
  private async checkpoint(): Promise<void> {
    if (this.driver === "sqlite") await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.db).catch(() => undefined);
  }
}

function patchValues(patch: JobPatch) {
  return {
    ...(patch.steps ? { steps: JSON.stringify(patch.steps) } : {}),
    ...(patch.authority ? { authority: JSON.stringify(patch.authority) } : {}),
    ...(patch.userId !== undefined ? { user_id: patch.userId } : {}),
    ...(patch.credentialId !== undefined ? { credential_id: patch.credentialId } : {}),
  };
}

type JoinedProvisioner = {
  issuer: string;
  credential_id: string;
  created_by: string;
  created_by_name: string | null;
  created_at: string | Date;
  label: string;
  client_id: string;
};

function toProvisionerRow(row: JoinedProvisioner): ProvisionerRow {
  return {
    issuer: row.issuer,
    credentialId: row.credential_id,
    label: row.label,
    clientId: row.client_id,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: toIso(row.created_at),
  };
}

function toJobRow(row: Selectable<ProvisioningJobsTable>): ProvisioningJobRow {
  return {
    id: row.id,
    startedBy: row.started_by,
    startedByName: row.started_by_name,
    issuer: row.issuer,
    authority: JSON.parse(row.authority) as JobAuthority,
    input: JSON.parse(row.input) as JobInput,
    state: row.state as JobState,
    steps: JSON.parse(row.steps) as JobStep[],
    userId: row.user_id,
    credentialId: row.credential_id,
    hasSecretOffer:
      row.secret_offer_envelope !== null &&
      row.secret_offer_expires_at !== null &&
      Date.parse(toIso(row.secret_offer_expires_at)) > Date.now(),
    secretOfferExpiresAt: row.secret_offer_expires_at === null ? null : toIso(row.secret_offer_expires_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
