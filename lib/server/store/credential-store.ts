import "server-only";
import type { Kysely, Transaction } from "kysely";
import { appendAuditRow } from "./audit-chain";
import type { AuditEntry } from "./audit-types";
import {
  countCredentialHealth,
  getCredentialWithLastTest,
  listCredentialIds,
  listCredentials,
  listTags,
  type SqlDialect,
} from "./credential-list";
import { findCredentialByClientId, findCredentialByKeyId, listCredentialNames, listIssuers } from "./credential-lookups";
import type {
  CredentialFilter,
  CredentialName,
  CredentialPatch,
  CredentialRow,
  CredentialStore,
  CredentialWithLastTest,
  HealthCountsRow,
  ListCredentialsQuery,
} from "./credential-types";
import { listIssuerOutages, type IssuerOutageRow } from "./issuer-outage-store";
import { auditValues, credentialValues, patchValues, toCredentialRow, toIso } from "./rows";
import type { Database } from "./schema";
import { StoreConflictError, StoreNotFoundError, type Page } from "./types";
import { eraseFromDisk, writeTransaction } from "./write-transaction";

// Every change is one transaction with its audit row (audit-chain.ts); reads answer one question each with a
// targeted query (credential-list.ts, credential-lookups.ts).

export class KyselyCredentialStore implements CredentialStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly driver: SqlDialect,
  ) {}

  list(query: ListCredentialsQuery): Promise<Omit<Page<CredentialWithLastTest>, "total"> & { total: number | null }> {
    return listCredentials(this.db, this.driver, query);
  }

  getWithLastTest(id: string): Promise<CredentialWithLastTest | null> {
    return getCredentialWithLastTest(this.db, id);
  }

  listIds(query: CredentialFilter): Promise<string[]> {
    return listCredentialIds(this.db, this.driver, query);
  }

  listIssuerOutages(): Promise<IssuerOutageRow[]> {
    return listIssuerOutages(this.db);
  }

  countHealth(query: CredentialFilter, options: { orgLimit?: number } = {}): Promise<HealthCountsRow> {
    return countCredentialHealth(this.db, this.driver, query, Math.min(500, Math.max(1, options.orgLimit ?? 50)));
  }

  findByClientId(issuer: string, clientId: string): Promise<CredentialName | null> {
    return findCredentialByClientId(this.db, issuer, clientId);
  }

  findByKeyId(issuer: string, keyId: string): Promise<CredentialName | null> {
    return findCredentialByKeyId(this.db, issuer, keyId);
  }

  listIssuers(): Promise<string[]> {
    return listIssuers(this.db);
  }

  listNames(ids?: readonly string[]): Promise<CredentialName[]> {
    return listCredentialNames(this.db, ids);
  }

  listTags(): Promise<string[]> {
    return listTags(this.db);
  }

  async get(id: string): Promise<CredentialRow | null> {
    const row = await this.db.selectFrom("credentials").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toCredentialRow(row) : null;
  }

  create(row: CredentialRow, audit: AuditEntry): Promise<CredentialRow> {
    return writeTransaction(this.db, async (trx) => {
      const created = await trx.insertInto("credentials").values(credentialValues(row)).returningAll().executeTakeFirstOrThrow();
      await appendAuditRow(trx, this.driver, auditValues(auditFor(audit, row), toIso(new Date())));
      return toCredentialRow(created);
    });
  }

  async update(id: string, expectedVersion: number, patch: CredentialPatch, audit: AuditEntry): Promise<CredentialRow> {
    const changed = await writeTransaction(this.db, async (trx) => {
      const updated = await trx
        .updateTable("credentials")
        .set((eb) => ({ ...patchValues(patch), updated_at: toIso(new Date()), version: eb("version", "+", 1) }))
        .where("id", "=", id)
        .where("version", "=", expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw await missOrConflict(trx, id);
      const row = toCredentialRow(updated);
      await appendAuditRow(trx, this.driver, auditValues(auditFor(audit, row), row.updatedAt));
      return row;
    });
    if (patch.secretEnvelope !== undefined) await eraseFromDisk(this.db, this.driver);
    return changed;
  }

  async recordPatExpiry(id: string, expiresAt: string): Promise<void> {
    await writeTransaction(this.db, (trx) =>
      trx
        .updateTable("credentials")
        .set({ expires_at: toIso(expiresAt) })
        .where("id", "=", id)
        .where("kind", "=", "pat")
        .execute(),
    );
  }

  async recordServiceUser(id: string, serviceUser: string): Promise<void> {
    await writeTransaction(this.db, (trx) =>
      trx.updateTable("credentials").set({ service_user: serviceUser }).where("id", "=", id).execute(),
    );
  }

  async delete(id: string, expectedVersion: number | null, audit: AuditEntry): Promise<void> {
    await writeTransaction(this.db, async (trx) => {
      let query = trx.deleteFrom("credentials").where("id", "=", id);
      if (expectedVersion !== null) query = query.where("version", "=", expectedVersion);
      const deleted = await query.returningAll().executeTakeFirst();
      if (!deleted) throw await missOrConflict(trx, id);
      await appendAuditRow(trx, this.driver, auditValues(auditFor(audit, toCredentialRow(deleted)), toIso(new Date())));
    });
    await eraseFromDisk(this.db, this.driver);
  }
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

async function missOrConflict(trx: Transaction<Database>, id: string): Promise<Error> {
  const exists = await trx.selectFrom("credentials").select("id").where("id", "=", id).executeTakeFirst();
  return exists ? new StoreConflictError("version") : new StoreNotFoundError();
}
