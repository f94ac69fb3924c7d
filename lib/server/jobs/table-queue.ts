import "server-only";
import { randomUUID } from "node:crypto";
import { backoffMs, pause } from "@/lib/backoff";
import type { ClaimedJob, JobStore } from "@/lib/server/store/job-types";
import {
  DEFAULT_RETRY,
  DRAIN_GRACE_MS,
  JOB_EXPIRE_SECONDS,
  type EnqueueOptions,
  type JobHandler,
  type JobQueue,
  type WorkOptions,
} from "./types";

// Jobs in the store's `jobs` table, for SQLite (one instance): a job survives a restart. Each try is claimed with a
// lease; a thrown try is retried with backoff up to its limit, then kept as failed and handed to the give-up handler.
// The instance that starts is the only one, so claims left by the last process are released at once.

const IDLE_POLL_MS = 2_000;

export class TableQueue implements JobQueue {
  readonly kind = "table";
  private readonly wakers = new Set<AbortController>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private released: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly jobs: () => Promise<JobStore>,
    private readonly onError: (error: unknown, queue: string) => void,
  ) {}

  async send<T extends object>(queue: string, jobs: T[], options: EnqueueOptions = {}): Promise<void> {
    const retry = options.retry ?? DEFAULT_RETRY;
    const startAfter = options.startAfter ?? new Date();
    const rows = jobs.map((data) => ({ id: randomUUID(), queue, data, retryLimit: retry.limit, retryDelayMs: retry.delayMs, startAfter }));
    await (await this.jobs()).enqueue(rows, options.tx);
    // Inside a transaction the rows are not visible yet: the workers find them on their next look.
    if (!options.tx) this.wakeAll();
  }

  async work<T extends object>(queue: string, options: WorkOptions<T>, handler: JobHandler<T>): Promise<void> {
    this.released ??= this.jobs().then((store) => store.releaseClaims());
    await this.released;
    void this.loop(queue, options as WorkOptions, handler as JobHandler<object>);
  }

  async schedule<T extends object>(queue: string, everyMinutes: number, data: T): Promise<void> {
    const timer = setInterval(
      () => void this.send(queue, [data]).catch((error: unknown) => this.onError(error, queue)),
      everyMinutes * 60_000,
    );
    timer.unref();
    this.timers.push(timer);
  }

  async stop(graceMs = DRAIN_GRACE_MS): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    this.wakeAll();
    // What is in hand finishes within the grace period; a try cut short stays claimed and is released at next start.
    await Promise.race([Promise.allSettled([...this.inFlight]), pause(graceMs, undefined, { unref: true })]);
  }

  private async loop(queue: string, options: WorkOptions, handler: JobHandler<object>): Promise<void> {
    while (!this.stopped) {
      try {
        const store = await this.jobs();
        const claimed = await store.claimDue(queue, options.batchSize, JOB_EXPIRE_SECONDS * 1000);
        if (claimed.length === 0) {
          await this.idle(store, queue);
          continue;
        }
        const batch = this.settle(store, queue, claimed, options, handler);
        this.inFlight.add(batch);
        await batch.finally(() => this.inFlight.delete(batch));
      } catch (error) {
        // The store is unavailable for a moment: look again later rather than spin.
        this.onError(error, queue);
        await pause(IDLE_POLL_MS, undefined, { unref: true });
      }
    }
  }

  private async settle(store: JobStore, queue: string, claimed: ClaimedJob[], options: WorkOptions, handler: JobHandler<object>) {
    try {
      await handler(claimed.map(({ job }) => job.data));
      await Promise.all(claimed.map(({ job, token }) => store.complete(job.id, token)));
      return;
    } catch (error) {
      this.onError(error, queue);
      const message = error instanceof Error ? error.message : String(error);
      const givenUp: object[] = [];
      for (const { job, token } of claimed) {
        if (job.attempts <= job.retryLimit) {
          await store.retryLater(job.id, token, message, new Date(Date.now() + backoffMs(job.attempts, { baseMs: job.retryDelayMs })));
        } else if (await store.fail(job.id, token, message)) {
          givenUp.push(job.data);
        }
      }
      if (givenUp.length > 0) await options.giveUp?.(givenUp).catch((giveUpError: unknown) => this.onError(giveUpError, queue));
    }
  }

  // Until a job of this process is sent, a retry falls due, or a short poll (a job queued inside a transaction).
  private async idle(store: JobStore, queue: string): Promise<void> {
    const next = await store.nextDueAt(queue);
    const wait = next === null ? IDLE_POLL_MS : Math.min(IDLE_POLL_MS, Math.max(0, Date.parse(next) - Date.now()));
    const waker = new AbortController();
    this.wakers.add(waker);
    await pause(wait, waker.signal, { unref: true });
    this.wakers.delete(waker);
  }

  private wakeAll(): void {
    for (const waker of this.wakers) waker.abort();
    this.wakers.clear();
  }
}
