import type { CheckedStatus } from "@/lib/schemas/health";
import type { StoreTransaction } from "./job-types";

// Status alerts in the store: written when a change is recorded (with their delivery job), ended delivered or given up.

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

export interface TryResult {
  attempts: number;
  httpStatus: number | null;
  reason: string | null;
}

export interface AlertOutboxStore {
  /** `within` runs in the same transaction (the alert's delivery job is queued with its row). */
  enqueue(alert: NewOutboxAlert, within?: (tx: StoreTransaction) => Promise<void>): Promise<void>;
  countPending(): Promise<number>;
  /** pending → delivered or failed (given up), once: false when someone else recorded it first. */
  finish(id: string, state: Exclude<OutboxState, "pending">, result: TryResult): Promise<boolean>;
  getAlert(id: string): Promise<OutboxAlertRow | null>;
  /** Deletes delivered and given-up alerts that ended before `before`; the audit log keeps their outcome. */
  pruneFinished(before: Date): Promise<number>;
}
