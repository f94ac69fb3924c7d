import "server-only";
import { recordAuditSafely } from "@/lib/server/audit";
import { getLogger } from "@/lib/server/logger";
import { processSingleton } from "@/lib/server/process-singleton";
import { getStore } from "@/lib/server/store";
import { runContext, type RunItemJob } from "./execute-items";

// On shutdown the queue lets the items in hand finish within a grace period; those still being tested after it are
// handed back (pending again, for the next start or another instance) and their cut-short attempt is audited as
// `run.interrupt`, so an item tested twice upstream leaves a trace of both attempts.

const inHand = processSingleton("run-items-in-hand", () => new Map<string, RunItemJob>());

/** Runs `test` with the item marked as held by this process. */
export async function holdingItem<T>(job: RunItemJob, test: () => Promise<T>): Promise<T> {
  const key = `${job.runId}:${job.credentialId}`;
  inHand.set(key, job);
  try {
    return await test();
  } finally {
    inHand.delete(key);
  }
}

/** Server stop, after the grace period: hands back the items still in hand and records each interrupted attempt. */
export async function interruptItemsInHand(): Promise<number> {
  const store = await getStore();
  const runs = store.checkRuns;
  let interrupted = 0;
  for (const [key, job] of [...inHand]) {
    inHand.delete(key);
    if (!(await runs.releaseItem(job.runId, job.credentialId))) continue;
    interrupted += 1;
    getLogger().warn({ runId: job.runId, credentialId: job.credentialId }, "a run item was interrupted by a shutdown");
    const run = await runs.getRunHeader(job.runId);
    if (!run) continue;
    const credential = await store.credentials.get(job.credentialId);
    await recordAuditSafely(runContext(run), "run.interrupt", {
      target: credential ? { id: credential.id, issuer: credential.issuer, clientId: credential.clientId } : null,
      outcome: "failure",
      detail: { runId: job.runId, reason: "shutdown" },
    });
  }
  return interrupted;
}
