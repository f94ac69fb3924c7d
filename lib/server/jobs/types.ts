import type { StoreTransaction } from "@/lib/server/store/job-types";

// One job-queue contract for the two stores: pg-boss on PostgreSQL (jobs shared by every app instance), a job table
// on SQLite (one instance by nature); on both a job outlives the process that queued it. Test-all items, scheduled
// checks and provisioning jobs use only this.

/** How long a worker holds a job before it counts as abandoned (its instance died) and is tried again. */
export const JOB_EXPIRE_SECONDS = 5 * 60;

/** On shutdown, how long the jobs in hand may take to finish; the process's own deadline is a little longer. */
export const DRAIN_GRACE_MS = 8_000;

export interface RetryOptions {
  /** Tries after a first one that failed (thrown, or abandoned by a dead instance). */
  limit: number;
  /** The pause before the first retry; each later one twice as long. */
  delayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { limit: 2, delayMs: 0 };

export interface EnqueueOptions {
  /** Queue with this write: the job exists exactly when the write commits. */
  tx?: StoreTransaction;
  retry?: RetryOptions;
  /** Not handed out before this instant. */
  startAfter?: Date;
}

export interface WorkOptions<T = object> {
  /** Jobs handed to the handler at once. */
  batchSize: number;
  /** Jobs whose handler failed past their retries, so their work can be ended instead of waiting forever. */
  giveUp?: JobHandler<T>;
}

export type JobHandler<T> = (jobs: T[]) => Promise<void>;

export interface JobQueue {
  readonly kind: "pg-boss" | "table";
  /** Queues jobs; each is handed to exactly one worker at a time (pg-boss: across instances). */
  send<T extends object>(queue: string, jobs: T[], options?: EnqueueOptions): Promise<void>;
  /** Starts a worker loop for the queue in this process. */
  work<T extends object>(queue: string, options: WorkOptions<T>, handler: JobHandler<T>): Promise<void>;
  /** Sends `data` to `queue` every `everyMinutes`, once across instances. */
  schedule<T extends object>(queue: string, everyMinutes: number, data: T): Promise<void>;
  /** Stops handing out jobs and waits, up to the grace period (DRAIN_GRACE_MS), for the handlers running now. */
  stop(graceMs?: number): Promise<void>;
}
