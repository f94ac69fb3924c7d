// One job-queue contract for the two stores: pg-boss on PostgreSQL (jobs shared by every app instance), an
// in-process queue on SQLite (one instance by nature). Test-all runs and scheduled checks use only this.

export interface WorkOptions<T = object> {
  /** Jobs handed to the handler at once. */
  batchSize: number;
  /**
   * Jobs whose handler failed past their retries (pg-boss: thrown or expired on every try; in-process: thrown once),
   * so their work can be ended instead of waiting forever. Called at least once per such job.
   */
  giveUp?: JobHandler<T>;
}

export type JobHandler<T> = (jobs: T[]) => Promise<void>;

export interface JobQueue {
  readonly kind: "pg-boss" | "in-process";
  /** Queues jobs; each is handed to exactly one worker (pg-boss: across instances). */
  send<T extends object>(queue: string, jobs: T[]): Promise<void>;
  /** Starts a worker loop for the queue in this process. */
  work<T extends object>(queue: string, options: WorkOptions<T>, handler: JobHandler<T>): Promise<void>;
  /** Sends `data` to `queue` every `everyMinutes`, once across instances. */
  schedule<T extends object>(queue: string, everyMinutes: number, data: T): Promise<void>;
  stop(): Promise<void>;
}
