import "server-only";
import { randomUUID } from "node:crypto";
import { auditEntry, SYSTEM_ACTOR } from "@/lib/server/audit/record-audit";
import type { Store } from "@/lib/server/store/types";
import { secretContext } from "./contexts";
import type { Keyring } from "./keyring";
import { resealUnderCurrentKey } from "./reseal";

// Re-wraps every client secret under the current key, so old keys can be retired. Each row is compare-and-set, so an
// interrupted run can simply be started again: rows already under the current key are skipped.

export type RotationStore = Pick<Store, "secrets" | "tokenCache" | "audit">;

export interface RotationProgress {
  scanned: number;
  rewrapped: number;
  alreadyCurrent: number;
  changedMeanwhile: number; // someone replaced the secret during the run; the new one is already current
  failed: number;
}

export interface RotationResult extends RotationProgress {
  encryptKid: string;
  tokensPurged: number;
  failures: { credentialId: string; reason: string }[];
}

export interface RotateOptions {
  batchSize?: number;
  onProgress?: (progress: RotationProgress) => void | Promise<void>;
  actor?: string;
}

const MAX_FAILURES_IN_AUDIT = 20;

export async function rotateSecrets(store: RotationStore, keyring: Keyring, options: RotateOptions = {}): Promise<RotationResult> {
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const result: RotationResult = {
    encryptKid: keyring.encryptKid,
    scanned: 0,
    rewrapped: 0,
    alreadyCurrent: 0,
    changedMeanwhile: 0,
    failed: 0,
    tokensPurged: 0,
    failures: [],
  };
  let afterId: string | null = null;
  for (;;) {
    const batch = await store.secrets.listEnvelopes(afterId, batchSize);
    if (batch.length === 0) break;
    for (const row of batch) await rewrapOne(store, keyring, row, result);
    afterId = batch[batch.length - 1]?.id ?? null;
    await options.onProgress?.(progressOf(result));
    if (batch.length < batchSize) break;
  }
  // Cached access tokens can be fetched again; dropping them beats re-wrapping them.
  result.tokensPurged = await store.tokenCache.purge();
  const actor = options.actor ? { id: options.actor, name: options.actor } : SYSTEM_ACTOR;
  await store.audit.append(
    auditEntry({ operator: actor, requestId: randomUUID(), ip: null }, "key.rotate", {
      outcome: result.failed > 0 ? "failure" : "success",
      detail: {
        ...progressOf(result),
        encryptKid: result.encryptKid,
        tokensPurged: result.tokensPurged,
        failedCredentialIds: result.failures.slice(0, MAX_FAILURES_IN_AUDIT).map((failure) => failure.credentialId),
      },
    }),
  );
  return result;
}

async function rewrapOne(
  store: RotationStore,
  keyring: Keyring,
  row: Awaited<ReturnType<Store["secrets"]["listEnvelopes"]>>[number],
  result: RotationResult,
): Promise<void> {
  result.scanned += 1;
  const step = resealUnderCurrentKey(keyring, row.secretEnvelope, secretContext(row.id, row.issuer, row.clientId));
  if (step.status === "current") result.alreadyCurrent += 1;
  else if (step.status === "failed") {
    result.failed += 1;
    result.failures.push({ credentialId: row.id, reason: step.reason });
  } else if (await store.secrets.rewrap(row.id, row.secretEnvelope, step.next)) result.rewrapped += 1;
  else result.changedMeanwhile += 1;
}

function progressOf(result: RotationResult): RotationProgress {
  const { scanned, rewrapped, alreadyCurrent, changedMeanwhile, failed } = result;
  return { scanned, rewrapped, alreadyCurrent, changedMeanwhile, failed };
}
