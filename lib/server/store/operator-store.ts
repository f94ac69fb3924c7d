import "server-only";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { OperatorKind, Role, RoleSource } from "@/lib/schemas/roles";
import { appendAuditRow } from "./audit-chain";
import type { SqlDialect } from "./credential-list";
import type { MachineSighting, OperatorPatch, OperatorRow, OperatorStore, SessionRow, SignIn } from "./operator-types";
import { auditValues, toIso } from "./rows";
import type { Database, OperatorsTable, SessionsTable } from "./schema";
import { StoreConflictError, StoreNotFoundError, type AuditEntry } from "./types";

// Every audit row goes through the hash chain (audit-chain.ts), inside the transaction of the change it records.
export class KyselyOperatorStore implements OperatorStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly driver: SqlDialect,
  ) {}

  recordSignIn({ operator, session }: SignIn, audit: AuditEntry): Promise<OperatorRow> {
    const now = toIso(new Date());
    const fields = {
      login: operator.login,
      name: operator.name,
      email: operator.email,
      sign_in_role: operator.signInRole,
      role_source: operator.roleSource,
      last_sign_in_at: now,
      updated_at: now,
    };
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("operators").select("sign_in_role").where("id", "=", operator.id).executeTakeFirst();
      if (before && before.sign_in_role !== operator.signInRole) await revokeAll(trx, operator.id, now);
      const row = await trx
        .insertInto("operators")
        .values({ id: operator.id, ...fields, role_cap: null, is_disabled: 0, created_at: now, updated_by: null, version: 1 })
        .onConflict((conflict) => conflict.column("id").doUpdateSet(fields))
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("sessions")
        .values({
          id_hash: session.idHash,
          operator_id: operator.id,
          created_at: now,
          expires_at: toIso(session.expiresAt),
          revoked_at: null,
          id_token_envelope: session.idTokenEnvelope,
          zitadel_token_envelope: session.zitadelTokenEnvelope ?? null,
          zitadel_token_expires_at: session.zitadelTokenExpiresAt ? toIso(session.zitadelTokenExpiresAt) : null,
        })
        .execute();
      await appendAuditRow(trx, this.driver, auditValues(audit, now));
      return toOperatorRow(row);
    });
  }

  // Read on every request: one query by the session's primary key, joined to its operator.
  async getLiveSession(idHash: string): Promise<{ session: SessionRow; operator: OperatorRow } | null> {
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("operators", "operators.id", "sessions.operator_id")
      .selectAll("operators")
      .select([
        "sessions.id_hash",
        "sessions.operator_id",
        "sessions.created_at as session_created_at",
        "sessions.expires_at",
        "sessions.revoked_at",
        "sessions.id_token_envelope",
        "sessions.zitadel_token_envelope",
        "sessions.zitadel_token_expires_at",
      ])
      .where("sessions.id_hash", "=", idHash)
      .where("sessions.revoked_at", "is", null)
      .executeTakeFirst();
    if (!row || Date.parse(toIso(row.expires_at)) <= Date.now()) return null;
    const session = { ...row, created_at: row.session_created_at };
    return { session: toSessionRow(session), operator: toOperatorRow(row) };
  }

  // The operator's ZITADEL token goes with the session: a closed session holds no usable token.
  async revokeSession(idHash: string): Promise<SessionRow | null> {
    const row = await this.db
      .updateTable("sessions")
      .set({ revoked_at: toIso(new Date()), zitadel_token_envelope: null, zitadel_token_expires_at: null })
      .where("id_hash", "=", idHash)
      .where("revoked_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    return row ? toSessionRow(row) : null;
  }

  async listLiveSessions(operatorId: string): Promise<SessionRow[]> {
    const rows = await this.db
      .selectFrom("sessions")
      .selectAll()
      .where("operator_id", "=", operatorId)
      .where("revoked_at", "is", null)
      .orderBy("created_at", "desc")
      .execute();
    return rows.map(toSessionRow).filter((session) => Date.parse(session.expiresAt) > Date.now());
  }

  async countLiveSessions(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom("sessions").select(["operator_id", "expires_at"]).where("revoked_at", "is", null).execute();
    const counts: Record<string, number> = {};
    for (const row of rows) {
      if (Date.parse(toIso(row.expires_at)) > Date.now()) counts[row.operator_id] = (counts[row.operator_id] ?? 0) + 1;
    }
    return counts;
  }

  revokeOperatorSessions(operatorId: string, audit: AuditEntry | null): Promise<number> {
    const now = toIso(new Date());
    return this.db.transaction().execute(async (trx) => {
      const ended = await revokeAll(trx, operatorId, now);
      if (audit) await appendAuditRow(trx, this.driver, auditValues({ ...audit, detail: { ...audit.detail, ended } }, now));
      return ended;
    });
  }

  async recordMachine(sighting: MachineSighting): Promise<OperatorRow | null> {
    const now = toIso(new Date());
    const fields = {
      login: sighting.login,
      name: sighting.name,
      org: sighting.org,
      sign_in_role: sighting.signInRole,
      role_source: sighting.signInRole ? "zitadel" : null,
      last_seen_at: now,
      updated_at: now,
    };
    const row = await this.db
      .insertInto("operators")
      .values({
        id: sighting.id,
        kind: "machine",
        email: null,
        ...fields,
        role_cap: null,
        is_disabled: 0,
        created_at: now,
        updated_by: null,
        version: 1,
      })
      .onConflict((conflict) => conflict.column("id").doUpdateSet(fields).where("operators.kind", "=", "machine"))
      .returningAll()
      .executeTakeFirst();
    return row ? toOperatorRow(row) : null;
  }

  async listOperators(): Promise<OperatorRow[]> {
    const rows = await this.db.selectFrom("operators").selectAll().orderBy("name").orderBy("id").execute();
    return rows.map(toOperatorRow);
  }

  async getOperator(id: string): Promise<OperatorRow | null> {
    const row = await this.db.selectFrom("operators").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toOperatorRow(row) : null;
  }

  updateOperator(id: string, expectedVersion: number, patch: OperatorPatch, audit: AuditEntry): Promise<OperatorRow> {
    const now = toIso(new Date());
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable("operators")
        .set((eb) => ({
          ...(patch.roleCap !== undefined ? { role_cap: patch.roleCap } : {}),
          ...(patch.isDisabled !== undefined ? { is_disabled: patch.isDisabled ? 1 : 0 } : {}),
          updated_by: patch.updatedBy,
          updated_at: now,
          version: eb("version", "+", 1),
        }))
        .where("id", "=", id)
        .where("version", "=", expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const exists = await trx.selectFrom("operators").select("id").where("id", "=", id).executeTakeFirst();
        throw exists ? new StoreConflictError("version") : new StoreNotFoundError();
      }
      // Disabling or capping ends the operator's sessions; enabling or lifting a cap ends none.
      const endsSessions = patch.isDisabled === true || Boolean(patch.roleCap);
      const ended = endsSessions ? await revokeAll(trx, id, now) : 0;
      await appendAuditRow(
        trx,
        this.driver,
        auditValues(endsSessions ? { ...audit, detail: { ...audit.detail, sessionsEnded: ended } } : audit, now),
      );
      return toOperatorRow(row);
    });
  }
}

// The operator's ZITADEL tokens go with their sessions, as in revokeSession.
async function revokeAll(trx: Transaction<Database>, operatorId: string, now: string): Promise<number> {
  const result = await trx
    .updateTable("sessions")
    .set({ revoked_at: now, zitadel_token_envelope: null, zitadel_token_expires_at: null })
    .where("operator_id", "=", operatorId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function toOperatorRow(row: Selectable<OperatorsTable>): OperatorRow {
  return {
    id: row.id,
    kind: row.kind as OperatorKind,
    login: row.login,
    name: row.name,
    email: row.email,
    signInRole: row.sign_in_role as Role | null,
    roleSource: row.role_source as RoleSource | null,
    roleCap: row.role_cap as Role | null,
    isDisabled: Boolean(row.is_disabled),
    lastSignInAt: row.last_sign_in_at === null ? null : toIso(row.last_sign_in_at),
    org: row.org,
    lastSeenAt: row.last_seen_at === null ? null : toIso(row.last_seen_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    updatedBy: row.updated_by,
    version: row.version,
  };
}

function toSessionRow(row: Selectable<SessionsTable>): SessionRow {
  return {
    idHash: row.id_hash,
    operatorId: row.operator_id,
    createdAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
    revokedAt: row.revoked_at === null ? null : toIso(row.revoked_at),
    idTokenEnvelope: row.id_token_envelope,
    zitadelTokenEnvelope: row.zitadel_token_envelope,
    zitadelTokenExpiresAt: row.zitadel_token_expires_at === null ? null : toIso(row.zitadel_token_expires_at),
  };
}
