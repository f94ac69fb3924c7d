import "server-only";
import type { AuditAction } from "@/lib/schemas/audit";
import { recordAuditSafely, type AuditTarget } from "@/lib/server/audit";
import type { RequestContext } from "@/lib/server/request-context";
import { StoreConflictError, StoreNotFoundError } from "@/lib/server/store/types";

// A refused write (duplicate, stale version, gone) is recorded too; recording it must not hide the original error.

export function storeConflictReason(error: unknown): "duplicate" | "version" | null {
  return error instanceof StoreConflictError ? error.reason : null;
}

export async function auditRefusal(context: RequestContext, action: AuditAction, target: AuditTarget, error: unknown): Promise<void> {
  const reason = storeConflictReason(error) ?? (error instanceof StoreNotFoundError ? "not_found" : null);
  if (!reason) return;
  await recordAuditSafely(context, action, { target, outcome: "failure", detail: { reason } });
}
