import type { CheckedStatus } from "@/lib/schemas/health";

// Status alerts in the store: written when a change is recorded, claimed per try, ended delivered or given up.

export interface NewOutboxAlert {
  id: string;
  credentialId: string;
  issuer: string;
  clientId: string;
  from: CheckedStatus | null;
  to: CheckedStatus;
  /** The alert exactly as it will be POSTed; built from the change's facts, never holding a secret or a token. */
  body: string;
}

export type OutboxState = "pending" | "delivered" | "failed";

export interface OutboxAlertRow extends NewOutboxAlert {
  state: OutboxState;
  /** Tries made so far. */
  attempts: number;
  nextAttemptAt: string;
  httpStatus: number | null;
  reason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A try won by `claimDue`: only the holder of the token may record how it went. */
export interface ClaimedAlert {
  alert: OutboxAlertRow;
  token: string;
}

export interface TryResult {
  attempts: number;
  httpStatus: number | null;
  reason: string | null;
}

export interface AlertOutboxStore {
  enqueue(alert: NewOutboxAlert): Promise<void>;
  countPending(): Promise<number>;
  /**
   * Up to `limit` pending alerts that are due and not held by a live claim, each won by a compare-and-set; the claim
   * lapses after `leaseMs` (its instance died mid-try) and the alert may be claimed again.
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedAlert[]>;
  /** A failed try that may pass: pending again at `nextAttemptAt`. False when the claim was lost. */
  retryLater(id: string, token: string, result: TryResult, nextAttemptAt: Date): Promise<boolean>;
  /** pending → delivered or failed (given up). False when the claim was lost: someone else records it. */
  finish(id: string, token: string, state: Exclude<OutboxState, "pending">, result: TryResult): Promise<boolean>;
  /** When the earliest pending alert may next be tried (its due time, or the end of a claim on it); null when none. */
  nextDueAt(): Promise<string | null>;
  getAlert(id: string): Promise<OutboxAlertRow | null>;
  /** Deletes delivered and given-up alerts that ended before `before`; the audit log keeps their outcome. */
  pruneFinished(before: Date): Promise<number>;
}
