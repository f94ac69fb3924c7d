import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { CheckedStatus } from "@/lib/schemas/health";
import type { SqlDialect } from "./credential-list";
import type { HealthState } from "./health-rule";
import { toIso } from "./rows";
import type { Database } from "./schema";

// Reads and writes the health columns of one credential inside a check's transaction.

/** The credential's health, locked for the rest of the transaction on PostgreSQL; undefined when it does not exist. */
export async function readHealthState(
  trx: Transaction<Database>,
  dialect: SqlDialect,
  id: string,
): Promise<HealthState | null | undefined> {
  let query = trx
    .selectFrom("credentials")
    .select([
      "health_token",
      "health_org",
      "health_status",
      "health_code",
      "health_since",
      "health_checked_at",
      "last_org_id",
      "last_org_name",
      "last_org_at",
    ])
    .where("id", "=", id);
  if (dialect === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  if (row.health_status === null && row.last_org_id === null) return null;
  return {
    token: row.health_token,
    org: row.health_org,
    status: row.health_status as CheckedStatus | null,
    code: row.health_code,
    since: row.health_since === null ? null : toIso(row.health_since),
    checkedAt: row.health_checked_at === null ? null : toIso(row.health_checked_at),
    lastOrg:
      row.last_org_id !== null && row.last_org_at !== null
        ? { id: row.last_org_id, name: row.last_org_name ?? "", at: toIso(row.last_org_at) }
        : null,
  };
}

export async function writeHealthState(db: Kysely<Database>, id: string, state: HealthState): Promise<void> {
  await db
    .updateTable("credentials")
    .set({
      health_token: state.token,
      health_org: state.org,
      health_status: state.status,
      health_code: state.code,
      health_since: state.since,
      health_checked_at: state.checkedAt,
      last_org_id: state.lastOrg?.id ?? null,
      last_org_name: state.lastOrg?.name ?? null,
      last_org_at: state.lastOrg?.at ?? null,
    })
    .where("id", "=", id)
    .execute();
}

/** Whether the credential has an audit row of this action at or after `since`: a quiet check audits once a while. */
export async function hasAuditSince(trx: Transaction<Database>, credentialId: string, action: string, since: string): Promise<boolean> {
  const row = await trx
    .selectFrom("audit_log")
    .select("id")
    .where("credential_id", "=", credentialId)
    .where("action", "=", action)
    .where("at", ">=", since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
