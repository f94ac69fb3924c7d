import "server-only";

// The append-only audit log: one way to record an event, one way to read the log.

export { listAudit } from "./list-audit";
export { auditedPath, recordAnonymousRefusal } from "./sampled-refusals";
export { auditEntry, recordAudit, recordAuditSafely, SYSTEM_ACTOR, type AuditTarget } from "./record-audit";
