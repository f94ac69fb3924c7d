import type { Transaction } from "kysely";
import type { Database } from "./schema";

// Background jobs in the store (SQLite's queue; PostgreSQL's jobs live in pg-boss): enqueued, claimed per try with a
// lease, then removed (done), written back with a later due time (retry) or kept as failed (the dead letter).

/** A write in progress: a job enqueued with it exists exactly when the write commits. */
export type StoreTransaction = Transaction<Database>;

export interface NewJob {
  id: string;
  queue: string;
  data: object;
  /** Tries after the first one that failed. */
  retryLimit: number;
  /** The pause after the first failed try; each later one twice the previous. */
  retryDelayMs: number;
  startAfter: Date;
}

export interface JobRow extends NewJob {
  state: "pending" | "failed";
  /** Tries made so far, the one in hand included once claimed. */
  attempts: number;
  lastError: string | null;
}

/** A try won by `claimDue`: only the holder of the token may settle it. */
export interface ClaimedJob {
  job: JobRow;
  token: string;
}

export interface JobStore {
  enqueue(jobs: NewJob[], tx?: StoreTransaction): Promise<void>;
  /** Up to `limit` due jobs of the queue, each claimed for `leaseMs` (a lapsed claim may be taken by another worker). */
  claimDue(queue: string, limit: number, leaseMs: number): Promise<ClaimedJob[]>;
  /** Done: the job is gone. False when the claim was lost (another worker took the job over). */
  complete(id: string, token: string): Promise<boolean>;
  retryLater(id: string, token: string, error: string, due: Date): Promise<boolean>;
  fail(id: string, token: string, error: string): Promise<boolean>;
  /** Ends every claim at once: for a single instance's start, when whatever held them has died with the last process. */
  releaseClaims(): Promise<number>;
  /** When the earliest pending job of the queue falls due (or its claim lapses); null when none is pending. */
  nextDueAt(queue: string): Promise<string | null>;
  getJob(id: string): Promise<JobRow | null>;
}
