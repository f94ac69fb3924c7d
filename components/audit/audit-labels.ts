import type { AuditAction } from "@/lib/schemas/audit";

// How the audit page names each recorded action; typed over the list, so a new action cannot go unnamed.
export const ACTION_LABELS: Record<AuditAction, string> = {
  "login.success": "Signed in",
  "login.failure": "Sign-in failed",
  logout: "Signed out",
  "credential.create": "Registered",
  "credential.import": "Imported",
  "credential.update": "Edited",
  "credential.secret.replace": "Replaced secret",
  "credential.delete": "Deleted",
  "token.test": "Tested token",
  "org.lookup": "Looked up organization",
  "credential.api_call": "Called ZITADEL's API with a credential's token",
  "token.reveal": "Revealed token",
  "key.rotate": "Rotated key",
  "access.denied": "Access refused",
  "access.rate_limited": "Rate limited",
  "operator.update": "Changed operator access",
  "operator.sessions_end": "Ended operator sessions",
  "introspection_client.create": "Added introspection client",
  "introspection_client.delete": "Removed introspection client",
  "credential.introspect": "Introspected token",
  "token.lookup": "Looked up a pasted token",
  "user.lookup": "Looked up a service user",
  "alert.sent": "Sent status alert",
  "alert.test": "Sent a test alert",
  "alert.failed": "Status alert not delivered",
  "run.start": "Started a test-all run",
  "run.cancel": "Cancelled a test-all run",
  "run.interrupt": "A test-all item was cut short by a shutdown",
  "zitadel.call": "Called ZITADEL's Management API",
  "provisioning.create": "Started creating a service user",
  "provisioning.resume": "Resumed creating a service user",
  "provisioning.secret_offer": "Took a new service user's secret",
  "credential.zitadel_action": "Changed the service user in ZITADEL",
  "provisioner.register": "Registered a provisioner",
  "provisioner.remove": "Removed a provisioner",
  "share_link.create": "Created a share link",
  "share_link.revoke": "Revoked a share link",
};

export function actionLabel(action: string): string {
  return (ACTION_LABELS as Record<string, string>)[action] ?? action;
}

const REASONS: Record<string, string> = {
  duplicate: "already registered",
  version: "changed by someone else meanwhile",
  not_found: "credential no longer exists",
  no_session: "not signed in",
  bad_origin: "request from another site",
  disabled: "operator disabled",
};

/**
 * Why an entry did not succeed, in words: the recorded reason, the role an action needed (and the one the
 * operator had), or ZITADEL's diagnosis. Null when the entry records none.
 */
export function refusalReason(detail: Record<string, unknown> | null): string | null {
  if (!detail) return null;
  const parts: string[] = [];
  const { reason, needed, had, diagnosis, code } = detail;
  if (reason === "role" && typeof needed === "string") {
    parts.push(`needs the ${needed} role${typeof had === "string" ? ` (had ${had})` : had === null ? " (had none)" : ""}`);
  } else if (typeof reason === "string") {
    parts.push(REASONS[reason] ?? reason.replace(/_/g, " "));
  }
  if (typeof diagnosis === "string") parts.push(`diagnosis: ${diagnosis.replace(/_/g, " ")}`);
  if (typeof code === "string" && parts.length === 0) parts.push(code.replace(/_/g, " "));
  return parts.length > 0 ? parts.join("; ") : null;
}
