import "server-only";
import { CompiledQuery } from "kysely";
import PgBoss from "pg-boss";
import type { StoreTransaction } from "@/lib/server/store/job-types";
import {
  DEFAULT_RETRY,
  DRAIN_GRACE_MS,
  JOB_EXPIRE_SECONDS,
  type EnqueueOptions,
  type JobHandler,
  type JobQueue,
  type WorkOptions,
} from "./types";

// pg-boss on the console's PostgreSQL: a job is fetched with SKIP LOCKED, so each goes to one instance; a job whose
// instance died is expired and retried. Its tables live in their own schema, beside the console's.

export interface PgBossQueueOptions {
  url: string;
  schema?: string;
  /** Connections of pg-boss's own pool (separate from the store's). */
  poolSize?: number;
  onError: (error: unknown) => void;
  /** How long a job may be held before it counts as abandoned (tests shorten it). */
  expireInSeconds?: number;
  /** How often pg-boss looks for abandoned jobs (tests shorten it). */
  maintenanceIntervalSeconds?: number;
}

const POLL_SECONDS = 0.5;
const DEAD_LETTER_SUFFIX = "__given-up";

export class PgBossQueue implements JobQueue {
  readonly kind = "pg-boss";
  private readonly boss: PgBoss;
  private readonly created = new Map<string, Promise<void>>();
  private started: Promise<unknown> | null = null;
  private readonly expireInSeconds: number;

  constructor(options: PgBossQueueOptions) {
    this.expireInSeconds = options.expireInSeconds ?? JOB_EXPIRE_SECONDS;
    this.boss = new PgBoss({
      connectionString: options.url,
      schema: options.schema ?? "pgboss",
      max: options.poolSize ?? 4,
      application_name: "m2m-console-jobs",
      ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
    });
    this.boss.on("error", options.onError);
  }

  async send<T extends object>(queue: string, jobs: T[], options: EnqueueOptions = {}): Promise<void> {
    await this.ready(queue);
    const retry = options.retry ?? DEFAULT_RETRY;
    const timing = {
      expireInSeconds: this.expireInSeconds,
      retryLimit: retry.limit,
      retryDelay: Math.ceil(retry.delayMs / 1000),
      retryBackoff: retry.delayMs > 0,
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    };
    const connection = options.tx ? { db: inTransaction(options.tx) } : {};
    const CHUNK = 1_000;
    for (let start = 0; start < jobs.length; start += CHUNK) {
      await this.boss.insert(
        jobs.slice(start, start + CHUNK).map((data) => ({ name: queue, data, ...timing })),
        connection,
      );
    }
  }

  async work<T extends object>(queue: string, options: WorkOptions<T>, handler: JobHandler<T>): Promise<void> {
    if (options.giveUp) await this.workDeadLetters(queue, options.giveUp);
    await this.ready(queue);
    let workerId = "";
    workerId = await this.boss.work<T>(queue, { batchSize: options.batchSize, pollingIntervalSeconds: POLL_SECONDS }, async (jobs) => {
      await handler(jobs.map((job) => job.data));
      // A full batch means more may be waiting: fetch again at once instead of after the polling interval.
      if (jobs.length === options.batchSize && workerId) this.boss.notifyWorker(workerId);
    });
  }

  // A job that failed past its retry limit (thrown or expired every time) is copied by pg-boss into the queue's dead
  // letter queue; working that queue ends what the job stood for. Set on the queue, so every instance's jobs have it.
  private async workDeadLetters<T extends object>(queue: string, giveUp: JobHandler<T>): Promise<void> {
    const deadLetter = `${queue}${DEAD_LETTER_SUFFIX}`;
    await this.ready(deadLetter);
    await this.ready(queue);
    await this.boss.updateQueue(queue, { name: queue, deadLetter });
    await this.boss.work<T>(deadLetter, { batchSize: 50, pollingIntervalSeconds: POLL_SECONDS }, async (jobs) => {
      await giveUp(jobs.map((job) => job.data));
    });
  }

  async schedule<T extends object>(queue: string, everyMinutes: number, data: T): Promise<void> {
    await this.ready(queue);
    // The schedule is stored once in PostgreSQL; pg-boss's clock sends each slot's job once, whichever instance runs it.
    await this.boss.schedule(queue, cronEvery(everyMinutes), data, { singletonKey: queue });
  }

  async stop(graceMs = DRAIN_GRACE_MS): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: graceMs });
  }

  private async ready(queue: string): Promise<void> {
    this.started ??= this.boss.start();
    await this.started;
    let created = this.created.get(queue);
    if (!created) {
      created = this.boss.createQueue(queue);
      this.created.set(queue, created);
    }
    await created;
  }
}

// pg-boss writes its job rows through the store's open transaction, so they commit or roll back with it.
function inTransaction(tx: StoreTransaction): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({ rows: [...(await tx.executeQuery(CompiledQuery.raw(text, values))).rows] }),
  };
}

/** A cron expression for "every N minutes" (the env schema accepts only N that cron can express). */
export function cronEvery(minutes: number): string {
  if (minutes < 60) return `*/${minutes} * * * *`;
  if (minutes < 1_440) return `0 */${minutes / 60} * * *`;
  return "0 0 * * *";
}
