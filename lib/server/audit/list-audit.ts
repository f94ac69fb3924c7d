import "server-only";
import type { AuditEvent, AuditPage } from "@/lib/schemas/audit";
import { getStore } from "@/lib/server/store";
import type { AuditRow, ListAuditQuery } from "@/lib/server/store/types";

/** The audit log, newest first, narrowed by credential, operator, action, outcome and time range. */
export async function listAudit(query: ListAuditQuery): Promise<AuditPage> {
  const page = await (await getStore()).audit.list(query);
  return { items: page.items.map(toAuditEvent), total: page.total, nextCursor: page.nextCursor };
}

function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    actorName: row.actorName,
    actorKind: row.actorKind,
    action: row.action,
    credentialId: row.credentialId,
    issuer: row.issuer,
    clientId: row.clientId,
    outcome: row.outcome,
    httpStatus: row.httpStatus,
    detail: row.detail,
    requestId: row.requestId,
    ip: row.ip,
    credentialExists: row.credentialExists,
  };
}
