import "server-only";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/server/logger";
import { processSingleton } from "@/lib/server/process-singleton";
import { InProcessQueue } from "./in-process-queue";
import { PgBossQueue } from "./pg-boss-queue";
import type { JobQueue } from "./types";

// The process's job queue: pg-boss when the store is PostgreSQL (DATABASE_URL), else in-process like the store.

export type * from "./types";
export { InProcessQueue } from "./in-process-queue";
export { PgBossQueue } from "./pg-boss-queue";

const shared = processSingleton("job-queue", () => ({ queue: null as JobQueue | null }));

export function getJobQueue(): JobQueue {
  shared.queue ??= openQueue();
  return shared.queue;
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
  if (!env.DATABASE_URL) return new InProcessQueue(onError);
  return new PgBossQueue({ url: env.DATABASE_URL, onError });
}
