import "server-only";
import type { JobHandler, JobQueue, WorkOptions } from "./types";

// Jobs in this process's memory, for SQLite (one instance). Lost on restart: the runs module re-queues what a run
// still has pending when the server starts again (lib/server/runs/resume-runs.ts).

interface Channel {
  jobs: object[];
  wake: (() => void)[];
}

export class InProcessQueue implements JobQueue {
  readonly kind = "in-process";
  private readonly channels = new Map<string, Channel>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly onError: (error: unknown, queue: string) => void) {}

  async send<T extends object>(queue: string, jobs: T[]): Promise<void> {
    const channel = this.channel(queue);
    channel.jobs.push(...jobs);
    for (const wake of channel.wake.splice(0)) wake();
  }

  async work<T extends object>(queue: string, options: WorkOptions<T>, handler: JobHandler<T>): Promise<void> {
    void this.loop(this.channel(queue), options as WorkOptions, handler as JobHandler<object>, queue);
  }

  async schedule<T extends object>(queue: string, everyMinutes: number, data: T): Promise<void> {
    const timer = setInterval(() => void this.send(queue, [data]), everyMinutes * 60_000);
    timer.unref();
    this.timers.push(timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    for (const channel of this.channels.values()) for (const wake of channel.wake.splice(0)) wake();
  }

  private async loop(channel: Channel, options: WorkOptions, handler: JobHandler<object>, queue: string): Promise<void> {
    while (!this.stopped) {
      const batch = channel.jobs.splice(0, options.batchSize);
      if (batch.length === 0) {
        await new Promise<void>((resolve) => channel.wake.push(resolve));
        continue;
      }
      try {
        await handler(batch);
      } catch (error) {
        this.onError(error, queue);
        // No retries here: the batch's jobs are given up at once, so what they stood for does not wait forever.
        await options.giveUp?.(batch).catch((giveUpError: unknown) => this.onError(giveUpError, queue));
      }
    }
  }

  private channel(queue: string): Channel {
    let channel = this.channels.get(queue);
    if (!channel) {
      channel = { jobs: [], wake: [] };
      this.channels.set(queue, channel);
    }
    return channel;
  }
}
