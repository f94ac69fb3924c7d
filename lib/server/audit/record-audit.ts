import "server-only";
import type { AuditAction } from "@/lib/schemas/audit";
import { getLogger } from "@/lib/server/logger";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import type { AuditEntry, AuditOutcome } from "@/lib/server/store/types";

// The one way an audit row is made: who (the request's operator), what (a typed action), to which credential, how it
// went. Never pass a secret or a token in `detail`.

export interface AuditTarget {
  id: string;
  issuer: string;
  clientId: string;
}

export interface AuditFacts {
  target?: AuditTarget | null;
  outcome?: AuditOutcome;
  httpStatus?: number | null;
  detail?: Record<string, unknown> | null;
}

/** Who acted when there is no signed-in operator (the key rotation command). */
export const SYSTEM_ACTOR = { id: "system", name: "system" } as const;

type Actor = Pick<RequestContext, "requestId" | "ip"> & { operator: { id: string; name: string } };

/** The row, for writes that store it in the same transaction as the change it records. */
export function auditEntry(context: Actor, action: AuditAction, facts: AuditFacts = {}): AuditEntry {
  return {
    actor: context.operator.id,
    actorName: context.operator.name,
    action,
    credentialId: facts.target?.id ?? null,
    issuer: facts.target?.issuer ?? null,
    clientId: facts.target?.clientId ?? null,
    outcome: facts.outcome ?? "success",
    httpStatus: facts.httpStatus ?? null,
    detail: facts.detail ?? null,
    requestId: context.requestId,
    ip: context.ip,
  };
}

export async function recordAudit(context: Actor, action: AuditAction, facts: AuditFacts = {}): Promise<void> {
  await (await getStore()).audit.append(auditEntry(context, action, facts));
}

/** For events that must not fail the request they describe (a refusal, a sign-in): a failed write is logged. */
export async function recordAuditSafely(context: Actor, action: AuditAction, facts: AuditFacts = {}): Promise<void> {
  try {
    await recordAudit(context, action, facts);
  } catch (error) {
    getLogger().error({ err: error, action, requestId: context.requestId }, "could not record an audit event");
  }
}
