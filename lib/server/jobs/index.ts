import "server-only";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/server/logger";
import { processSingleton } from "@/lib/server/process-singleton";
import { getStore } from "@/lib/server/store";
import { PgBossQueue } from "./pg-boss-queue";
import { TableQueue } from "./table-queue";
import type { EnqueueOptions, JobQueue } from "./types";

// The process's job queue: pg-boss when the store is PostgreSQL (DATABASE_URL), else the job table in SQLite.

export type * from "./types";
export { JOB_EXPIRE_SECONDS } from "./types";
export { TableQueue } from "./table-queue";
export { PgBossQueue } from "./pg-boss-queue";

const shared = processSingleton("job-queue", () => ({ queue: null as JobQueue | null }));

export function getJobQueue(): JobQueue {
  shared.queue ??= openQueue();
  return shared.queue;
}

/** Tests: this process's queue is the given one (e.g. pg-boss in a scratch schema, with short leases). */
export function setJobQueueForTests(queue: JobQueue): void {
  shared.queue = queue;
}

/** Queues one job on the process's queue (see EnqueueOptions: within a write, with retries, later). */
export function enqueue<T extends object>(name: string, data: T, options?: EnqueueOptions): Promise<void> {
  return getJobQueue().send(name, [data], options);
}

export interface WorkEachOptions<T> {
  /** Jobs handled at once in this process. */
  concurrency?: number;
  /** A job that failed past its retries (thrown, or its instance died on every try): end what it stood for. */
  giveUp?: (data: T) => Promise<void>;
}

/** Works the queue one job per handler call; a job whose handler throws is retried as it was enqueued. */
export async function work<T extends object>(
  name: string,
  handler: (data: T) => Promise<void>,
  options: WorkEachOptions<T> = {},
): Promise<void> {
  const { giveUp, concurrency = 1 } = options;
  const each = (fn: (data: T) => Promise<void>) => async (jobs: T[]) => {
    for (const job of jobs) await fn(job);
  };
  for (let loop = 0; loop < concurrency; loop += 1) {
    // pg-boss sets the dead letter on the queue once; a second loop needs no give-up handler of its own.
    await getJobQueue().work<T>(name, { batchSize: 1, ...(giveUp && loop === 0 ? { giveUp: each(giveUp) } : {}) }, each(handler));
  }
}

/** Stops the workers (graceful shutdown); jobs still queued stay in PostgreSQL for another instance. */
export async function closeJobQueue(): Promise<void> {
  const queue = shared.queue;
  shared.queue = null;
  await queue?.stop();
}

function openQueue(): JobQueue {
  const env = getEnv();
  const onError = (error: unknown, queue?: string) => getLogger().error({ err: error, queue }, "a background job failed");
  if (!env.DATABASE_URL) return new TableQueue(async () => (await getStore()).jobs, onError);
  return new PgBossQueue({ url: env.DATABASE_URL, onError });
}
