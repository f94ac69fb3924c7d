import type { AuditAction, ListAuditQuery as ListAuditQueryParsed } from "@/lib/schemas/audit";
import type { OperatorKind } from "@/lib/schemas/roles";
import type { Page } from "./types";

// The audit log in the store: an append-only hash chain, read a page at a time and verified end to end.

export type ListAuditQuery = Partial<ListAuditQueryParsed>;

export type AuditOutcome = "success" | "failure" | "denied";

export interface AuditEntry {
  actor: string; // operator id (sub) or "system"
  actorName?: string | null;
  action: AuditAction;
  credentialId?: string | null;
  issuer?: string | null;
  clientId?: string | null;
  outcome: AuditOutcome;
  httpStatus?: number | null;
  detail?: Record<string, unknown> | null; // never a secret or token
  requestId?: string | null;
  ip?: string | null;
}

// Rows are read back as stored: an action written by an older version is still shown.
export interface AuditRow extends Required<Omit<AuditEntry, "detail" | "action">> {
  action: string;
  id: string;
  at: string;
  detail: Record<string, unknown> | null;
  /** Whether the credential the row names still exists (false for a deleted one, a refused duplicate, or none). */
  credentialExists: boolean;
  /** The actor's kind as the operators table knows it (a ZITADEL user id is a person or a machine for good); null for others. */
  actorKind: OperatorKind | null;
}

/** The newest audit row and its chain hash, as `npm run audit:verify` prints it. */
export interface AuditChainHead {
  id: string;
  hash: string;
}

/** What a walk of the audit hash chain found; `broken` names the first row whose link does not hold. */
export interface AuditChainReport {
  rows: number; // rows checked up to the first break
  head: AuditChainHead | null; // the newest row as the chain head names it
  broken: { id: string; at: string | null; reason: string } | null;
}

export interface AuditStore {
  /** Appends one row to the chain, in a transaction of its own. */
  append(entry: AuditEntry): Promise<void>;
  list(query: ListAuditQuery): Promise<Page<AuditRow>>;
  /** Checks that no audit row was changed or removed since it was written, nor since `recorded` was printed. */
  verifyChain(recorded?: AuditChainHead): Promise<AuditChainReport>;
}
