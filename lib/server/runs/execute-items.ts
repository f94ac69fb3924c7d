import "server-only";
import { getEnv } from "@/lib/env";
import { SYSTEM_ACTOR } from "@/lib/server/audit/record-audit";
import { JOB_EXPIRE_SECONDS } from "@/lib/server/jobs";
import { createIssuerSlots } from "@/lib/server/limits/issuer-slots";
import { getLogger } from "@/lib/server/logger";
import { countRunFinished } from "@/lib/server/metrics";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, type CheckRunRow, type ItemOutcome } from "@/lib/server/store";
import { checkCredential, type CheckCredential } from "./check-credential";
import { holdingItem } from "./interrupt-items";

// The worker side of a run: each job names one item. The item is claimed (compare-and-set) before it is tested, so a
// job delivered twice, or to two instances, tests the credential once. Items of one issuer run at most
// TEST_ALL_CONCURRENCY_PER_ISSUER at a time in this instance; other issuers' items run beside them.

export const RUN_ITEMS_QUEUE = "check-run-items";

export interface RunItemJob {
  runId: string;
  credentialId: string;
  issuer: string;
}

// Shorter than the job's expiry: when pg-boss retries the job of an instance that died mid-test, the claim has lapsed.
export const ITEM_LEASE_MS = (JOB_EXPIRE_SECONDS - 60) * 1000;

/**
 * The queue handler: a batch of item jobs under the per-issuer cap. The cap is the handler's, not the batch's, so
 * several worker loops may share one handler and keep the issuer's lanes busy between batches.
 */
export function createItemHandler(check: CheckCredential = checkCredential, perIssuer = getEnv().TEST_ALL_CONCURRENCY_PER_ISSUER) {
  // No bound on the wait: every item of the batch is tested, each in its turn.
  const lanes = createIssuerSlots({ concurrency: perIssuer });
  return async (jobs: RunItemJob[]): Promise<void> => {
    const results = await Promise.allSettled(jobs.map((job) => lanes(job.issuer, () => executeItem(job, check))));
    // Every job of the batch ran to its end before the batch fails: the queue's retry (or give-up) sees them all.
    const failed = results.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  };
}

/** The code an item ends with when its job gave up; the run page shows it beside the item. */
export const JOB_FAILED_CODE = "job_failed";

/** The queue's give-up handler: items whose jobs failed past their retries end as skipped, and their run can finish. */
export function createGiveUpHandler() {
  return async (jobs: RunItemJob[]): Promise<void> => {
    const runs = (await getStore()).checkRuns;
    for (const job of jobs) {
      if (await runs.abandonItem(job.runId, job.credentialId, JOB_FAILED_CODE)) {
        getLogger().error({ runId: job.runId, credentialId: job.credentialId }, "a run item's job failed past its retries");
      }
      if (await runs.finishRunIfComplete(job.runId)) countRunFinished("done");
    }
  };
}

export async function executeItem(job: RunItemJob, check: CheckCredential): Promise<void> {
  const runs = (await getStore()).checkRuns;
  if (!(await runs.claimItem(job.runId, job.credentialId, ITEM_LEASE_MS))) return; // another worker has it, or the run ended
  try {
    await holdingItem(job, () => testClaimed(job, check));
  } catch (error) {
    // The store failed around the test: hand the item back, so the job's retry can claim it again at once.
    await runs.releaseItem(job.runId, job.credentialId).catch(() => undefined);
    throw error;
  }
  if (await runs.finishRunIfComplete(job.runId)) countRunFinished("done");
}

async function testClaimed(job: RunItemJob, check: CheckCredential): Promise<void> {
  const runs = (await getStore()).checkRuns;
  const run = await runs.getRunHeader(job.runId);
  if (!run) return;
  let outcome: ItemOutcome;
  try {
    outcome = await check(runContext(run), job.credentialId, run.startedBy === SYSTEM_ACTOR.id ? "auto" : "operator");
  } catch (error) {
    getLogger().error({ err: error, runId: job.runId, credentialId: job.credentialId }, "a run item could not be tested");
    outcome = { state: "skipped", code: "error" };
  }
  await runs.finishItem(job.runId, job.credentialId, outcome);
}

/** Items act as the operator who started the run (scheduled checks: the system actor); audit rows carry the run id. */
export function runContext(run: Pick<CheckRunRow, "id" | "startedBy" | "startedByName">): RequestContext {
  return {
    operator: {
      id: run.startedBy,
      name: run.startedByName ?? run.startedBy,
      email: null,
      login: null,
      role: "operator",
      sessionIdHash: "",
    },
    requestId: run.id,
    ip: null,
  };
}
