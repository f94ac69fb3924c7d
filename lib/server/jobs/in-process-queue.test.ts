import { afterEach, describe, expect, it, vi } from "vitest";
import { InProcessQueue } from "./in-process-queue";
import { cronEvery } from "./pg-boss-queue";

// The SQLite side of the job queue: each job handed out once, in batches; a schedule fires on its interval.

afterEach(() => vi.useRealTimers());

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("in-process queue", () => {
  it("hands each job to one of several workers, in batches of at most batchSize", async () => {
    const queue = new InProcessQueue(() => undefined);
    const seen: number[] = [];
    const batches: number[] = [];
    const handler = async (jobs: { n: number }[]) => {
      batches.push(jobs.length);
      seen.push(...jobs.map((job) => job.n));
      await new Promise((resolve) => setTimeout(resolve, 1));
    };
    await queue.work("q", { batchSize: 3 }, handler);
    await queue.work("q", { batchSize: 3 }, handler);
    await queue.send(
      "q",
      Array.from({ length: 20 }, (_, n) => ({ n })),
    );
    await until(() => seen.length === 20);
    await queue.stop();
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(Math.max(...batches)).toBeLessThanOrEqual(3);
  });

  it("keeps working after a handler throws, and reports the error", async () => {
    const errors: unknown[] = [];
    const queue = new InProcessQueue((error) => errors.push(error));
    const done: string[] = [];
    await queue.work<{ id: string }>("q", { batchSize: 1 }, async ([job]) => {
      if (job?.id === "bad") throw new Error("boom");
      done.push(job!.id);
    });
    await queue.send("q", [{ id: "bad" }, { id: "good" }]);
    await until(() => done.length === 1);
    await queue.stop();
    expect(done).toEqual(["good"]);
    expect(errors).toHaveLength(1);
  });

  it("gives up a batch whose handler threw, so its work can be ended", async () => {
    const queue = new InProcessQueue(() => undefined);
    const givenUp: string[] = [];
    await queue.work<{ id: string }>(
      "q",
      { batchSize: 2, giveUp: async (jobs) => void givenUp.push(...jobs.map((job) => job.id)) },
      async (jobs) => {
        if (jobs.some((job) => job.id === "bad")) throw new Error("boom");
      },
    );
    await queue.send("q", [{ id: "bad" }, { id: "beside" }, { id: "fine" }]);
    await until(() => givenUp.length === 2);
    await queue.stop();
    expect(givenUp).toEqual(["bad", "beside"]);
  });

  it("sends a scheduled job every interval", async () => {
    vi.useFakeTimers();
    const queue = new InProcessQueue(() => undefined);
    const sent = vi.spyOn(queue, "send");
    await queue.schedule("scheduled-checks", 15, {});
    vi.advanceTimersByTime(14 * 60_000);
    expect(sent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(sent).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(15 * 60_000);
    expect(sent).toHaveBeenCalledTimes(2);
    await queue.stop();
  });
});

describe("cronEvery", () => {
  it("writes the intervals the settings accept as cron", () => {
    expect(cronEvery(5)).toBe("*/5 * * * *");
    expect(cronEvery(120)).toBe("0 */2 * * *");
    expect(cronEvery(1_440)).toBe("0 0 * * *");
  });
});
