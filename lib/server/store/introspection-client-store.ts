import "server-only";
import { sql, type Kysely, type Selectable } from "kysely";
import type { IntrospectionMethod } from "@/lib/schemas/introspection";
import { appendAuditRow } from "./audit-chain";
import type { SqlDialect } from "./credential-list";
import type { IntrospectionClientRow, IntrospectionClientStore } from "./introspection-client-types";
import { auditValues, toIso } from "./rows";
import type { Database, IntrospectionClientsTable } from "./schema";
import { StoreConflictError, StoreNotFoundError, type AuditEntry } from "./types";

// Introspection clients: one per issuer (a unique index), each change with its audit row in the same transaction.

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export class KyselyIntrospectionClientStore implements IntrospectionClientStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly driver: SqlDialect,
  ) {}

  async list(): Promise<IntrospectionClientRow[]> {
    const rows = await this.db.selectFrom("introspection_clients").selectAll().orderBy("issuer").execute();
    return rows.map(toIntrospectionClientRow);
  }

  async get(id: string): Promise<IntrospectionClientRow | null> {
    const row = await this.db.selectFrom("introspection_clients").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toIntrospectionClientRow(row) : null;
  }

  async getForIssuer(issuer: string): Promise<IntrospectionClientRow | null> {
    const row = await this.db.selectFrom("introspection_clients").selectAll().where("issuer", "=", issuer).executeTakeFirst();
    return row ? toIntrospectionClientRow(row) : null;
  }

  async create(row: IntrospectionClientRow, audit: AuditEntry): Promise<IntrospectionClientRow> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("introspection_clients")
          .values({
            id: row.id,
            issuer: row.issuer,
            method: row.method,
            client_id: row.clientId,
            secret_envelope: row.secretEnvelope,
            key_id: row.keyId,
            created_at: toIso(row.createdAt),
            created_by: row.createdBy,
            updated_at: toIso(row.updatedAt),
            version: row.version,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAuditRow(trx, this.driver, auditValues(audit, toIso(new Date())));
        return toIntrospectionClientRow(created);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StoreConflictError("duplicate", "this issuer has an introspection client");
      throw error;
    }
  }

  async delete(id: string, expectedVersion: number, audit: AuditEntry): Promise<IntrospectionClientRow> {
    const deleted = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .deleteFrom("introspection_clients")
        .where("id", "=", id)
        .where("version", "=", expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const exists = await trx.selectFrom("introspection_clients").select("id").where("id", "=", id).executeTakeFirst();
        throw exists ? new StoreConflictError("version", "the introspection client was changed by someone else") : new StoreNotFoundError();
      }
      await appendAuditRow(trx, this.driver, auditValues(audit, toIso(new Date())));
      return toIntrospectionClientRow(row);
    });
    // As for a credential's secret: the removed envelope leaves SQLite's write-ahead log too, best effort.
    if (this.driver === "sqlite") await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.db).catch(() => undefined);
    return deleted;
  }

  async rewrap(id: string, expected: string, next: string): Promise<boolean> {
    const result = await this.db
      .updateTable("introspection_clients")
      .set({ secret_envelope: next })
      .where("id", "=", id)
      .where("secret_envelope", "=", expected)
      .executeTakeFirst();
    return result.numUpdatedRows > BigInt(0);
  }
}

function toIntrospectionClientRow(row: Selectable<IntrospectionClientsTable>): IntrospectionClientRow {
  return {
    id: row.id,
    issuer: row.issuer,
    method: row.method as IntrospectionMethod,
    clientId: row.client_id,
    secretEnvelope: row.secret_envelope,
    keyId: row.key_id,
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
    updatedAt: toIso(row.updated_at),
    version: row.version,
  };
}
