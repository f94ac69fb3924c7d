import "server-only";
import type { Operator } from "@/lib/server/auth";
import { getLogger } from "@/lib/server/logger";
import { StoreConflictError, StoreNotFoundError, type AuditEntry, type Store } from "@/lib/server/store/types";

// Who is acting, from which request: every write records it in the audit log (docs/security.md#append-only-audit-log).

export interface RequestScope {
  operator: Operator;
  requestId: string;
  ip: string | null;
}

export type CredentialAction =
  | "credential.create"
  | "credential.update"
  | "credential.secret.replace"
  | "credential.delete"
  | "credential.import";

interface AuditTarget {
  id: string;
  issuer: string;
  clientId: string;
}

/** The audit row for one credential write. Never pass a secret in `detail`. */
export function auditEntry(
  scope: RequestScope,
  action: CredentialAction,
  target: AuditTarget,
  outcome: AuditEntry["outcome"] = "success",
  detail: Record<string, unknown> | null = null,
): AuditEntry {
  return {
    actor: scope.operator.id,
    actorName: scope.operator.name,
    action,
    credentialId: target.id,
    issuer: target.issuer,
    clientId: target.clientId,
    outcome,
    httpStatus: null,
    detail,
    requestId: scope.requestId,
    ip: scope.ip,
  };
}

export function storeConflictReason(error: unknown): "duplicate" | "version" | null {
  return error instanceof StoreConflictError ? error.reason : null;
}

export function isStoreNotFound(error: unknown): boolean {
  return error instanceof StoreNotFoundError;
}

/** A refused write (duplicate, stale version, gone) is recorded too; recording it must not hide the original error. */
export async function auditRefusal(store: Store, scope: RequestScope, action: CredentialAction, target: AuditTarget, error: unknown) {
  const reason = storeConflictReason(error) ?? (isStoreNotFound(error) ? "not_found" : null);
  if (!reason) return;
  try {
    await store.appendAudit(auditEntry(scope, action, target, "failure", { reason }));
  } catch (auditError) {
    getLogger().error({ err: auditError, requestId: scope.requestId }, "could not record a refused credential write");
  }
}
