import "server-only";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import { SYSTEM_ACTOR } from "@/lib/server/audit/record-audit";
import { getJobQueue, type JobQueue } from "@/lib/server/jobs";
import { getLogger } from "@/lib/server/logger";
import { processSingleton } from "@/lib/server/process-singleton";
import { getStore } from "@/lib/server/store";
import { createGiveUpHandler, createItemHandler, RUN_ITEMS_QUEUE, type RunItemJob } from "./execute-items";
import { startRun } from "./start-run";

// At server start: this instance's run worker, what a restart left behind, and the schedule (when configured).
//
// After a restart, runs go on; none is silently left "running":
// - SQLite (one instance, the job table): its jobs survive, and whatever was being tested died with the last process, so
//   every running run's items that were being tested go back to pending and its pending items are queued again (a
//   duplicate job finds its item done or claimed and does nothing).
// - PostgreSQL: pg-boss kept the queued jobs; an item whose instance died mid-test is retried once its job expires
//   (its claim has lapsed by then); a job that fails past its retries ends its item as skipped ("job_failed"), so the
//   run still finishes. A run whose items all ended before its instance could close it is closed here.

export const SCHEDULED_CHECKS_QUEUE = "scheduled-checks";
const BATCH_PER_ISSUER_SLOT = 4;

export function startRunWorkers(): Promise<void> {
  const started = processSingleton("run-workers", () => ({ pending: null as Promise<void> | null }));
  started.pending ??= startAll(getJobQueue()).catch((error: unknown) => {
    started.pending = null;
    throw error;
  });
  return started.pending;
}

async function startAll(queue: JobQueue): Promise<void> {
  const env = getEnv();
  await resumeRuns(queue);
  // Two worker loops share one handler (and its per-issuer cap): while one batch finishes its last items, the other's
  // fill the lanes they leave, so no lane idles at a batch's end.
  const handler = createItemHandler();
  const batchSize = env.TEST_ALL_CONCURRENCY_PER_ISSUER * BATCH_PER_ISSUER_SLOT;
  await queue.work<RunItemJob>(RUN_ITEMS_QUEUE, { batchSize, giveUp: createGiveUpHandler() }, handler);
  await queue.work<RunItemJob>(RUN_ITEMS_QUEUE, { batchSize }, handler);
  if (env.SCHEDULED_CHECKS_INTERVAL_MINUTES) {
    await queue.work(SCHEDULED_CHECKS_QUEUE, { batchSize: 1 }, runScheduledCheck);
    await queue.schedule(SCHEDULED_CHECKS_QUEUE, env.SCHEDULED_CHECKS_INTERVAL_MINUTES, {});
    getLogger().info({ everyMinutes: env.SCHEDULED_CHECKS_INTERVAL_MINUTES, tag: env.SCHEDULED_CHECKS_TAG ?? null }, "scheduled checks on");
  }
}

export async function resumeRuns(queue: JobQueue): Promise<void> {
  const runs = (await getStore()).checkRuns;
  for (const run of await runs.listRunningRuns()) {
    if (queue.kind === "table") {
      await runs.releaseRunningItems(run.id);
      const pending = await runs.listPendingItems(run.id);
      await queue.send<RunItemJob>(
        RUN_ITEMS_QUEUE,
        pending.map((item) => ({ runId: run.id, credentialId: item.credentialId, issuer: item.issuer })),
      );
      if (pending.length > 0) getLogger().info({ runId: run.id, pending: pending.length }, "resumed a test-all run after a restart");
    }
    await runs.finishRunIfComplete(run.id);
  }
}

async function runScheduledCheck(): Promise<void> {
  const tag = getEnv().SCHEDULED_CHECKS_TAG;
  const context = {
    operator: { ...SYSTEM_ACTOR, email: null, login: null, role: "operator" as const, sessionIdHash: "" },
    requestId: "scheduled-checks",
    ip: null,
  };
  try {
    const run = await startRun(context, tag ? { kind: "filter", filter: { tag } } : { kind: "all" });
    getLogger().info({ runId: run.id, total: run.total }, "scheduled check started");
  } catch (error) {
    // The previous scheduled run is still going, or there is nothing to test: skip this slot.
    if (error instanceof ApiError && (error.code === "conflict" || error.code === "validation_failed")) {
      getLogger().info({ reason: error.message }, "scheduled check skipped");
      return;
    }
    throw error;
  }
}
