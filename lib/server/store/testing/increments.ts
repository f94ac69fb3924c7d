import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { StoreConflictError, type Store } from "../types";

// A writer that makes `count` read-modify-write increments of a counter kept in `notes`, version-checked,
// re-reading and retrying whenever it loses a race. A lost update would leave the counter short.

export interface WriterReport {
  successes: number;
  conflicts: number;
  errors: string[];
}

const MAX_ERRORS = 10;

export async function runIncrements(store: Store, credentialId: string, count: number, writer: string): Promise<WriterReport> {
  const report: WriterReport = { successes: 0, conflicts: 0, errors: [] };
  while (report.successes < count && report.errors.length < MAX_ERRORS) {
    const current = await store.credentials.get(credentialId);
    if (!current) throw new Error(`credential ${credentialId} vanished`);
    // Think time between read and write, as a request has: other writers get in, so races really happen.
    await sleep(Math.random() < 0.5 ? 0 : 1);
    try {
      await store.credentials.update(
        credentialId,
        current.version,
        { notes: String(Number(current.notes || "0") + 1) },
        { actor: writer, action: "credential.update", outcome: "success" },
      );
      report.successes += 1;
    } catch (error) {
      if (error instanceof StoreConflictError && error.reason === "version") report.conflicts += 1;
      else report.errors.push(String((error as { code?: unknown }).code ?? (error as Error).message));
    }
  }
  return report;
}
