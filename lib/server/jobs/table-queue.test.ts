import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createStore, type Store } from "@/lib/server/store";
import { cronEvery } from "./pg-boss-queue";
import { TableQueue } from "./table-queue";

// The SQLite side of the job queue: each job handed out once, in batches; a failed job retried, then given up; a job
// outlives the process that queued it; a schedule fires on its interval.

let dir: string;
let path: string;
let store: Store;
let queueNo = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "m2m-jobs-"));
  path = join(dir, "console.sqlite");
  store = await createStore({ driver: "sqlite", path });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => vi.useRealTimers());

/** A queue name of its own per test: the table is shared. */
const fresh = () => `q-${(queueNo += 1)}`;
const onStore = (on: Store = store, errors: unknown[] = []) =>
  new TableQueue(
    async () => on.jobs,
    (error) => void errors.push(error),
  );

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("table queue", () => {
  it("hands each job to one of several workers, in batches of at most batchSize", async () => {
    const name = fresh();
    const queue = onStore();
    const seen: number[] = [];
    const batches: number[] = [];
    const handler = async (jobs: { n: number }[]) => {
      batches.push(jobs.length);
      seen.push(...jobs.map((job) => job.n));
    };
    await queue.work(name, { batchSize: 3 }, handler);
    await queue.work(name, { batchSize: 3 }, handler);
    await queue.send(
      name,
      Array.from({ length: 20 }, (_, n) => ({ n })),
    );
    await until(() => seen.length === 20);
    await queue.stop();
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(Math.max(...batches)).toBeLessThanOrEqual(3);
  });

  it("retries a job whose handler threw up to its limit, then gives it up, and keeps working the others", async () => {
    const name = fresh();
    const errors: unknown[] = [];
    const queue = onStore(store, errors);
    const tries: string[] = [];
    const givenUp: string[] = [];
    await queue.work<{ id: string }>(
      name,
      { batchSize: 1, giveUp: async (jobs) => void givenUp.push(...jobs.map((job) => job.id)) },
      async ([job]) => {
        tries.push(job!.id);
        if (job!.id === "bad") throw new Error("boom");
      },
    );
    await queue.send(name, [{ id: "bad" }, { id: "good" }], { retry: { limit: 2, delayMs: 1 } });
    await until(() => givenUp.length === 1);
    await queue.stop();
    expect(tries.filter((id) => id === "bad")).toHaveLength(3);
    expect(tries.filter((id) => id === "good")).toHaveLength(1);
    expect(givenUp).toEqual(["bad"]);
    expect(errors).toHaveLength(3);
  });

  it("keeps a queued job across a restart, and hands on one whose worker died mid-job", async () => {
    const name = fresh();
    const before = onStore();
    await before.send(name, [{ id: "queued" }]);
    // The first process takes a second job and dies holding it.
    await before.send(name, [{ id: "in-hand" }]);
    const held = await store.jobs.claimDue(name, 1, 60_000);
    expect(held).toHaveLength(1);
    await store.close();

    store = await createStore({ driver: "sqlite", path });
    const after = onStore();
    const done: string[] = [];
    await after.work<{ id: string }>(name, { batchSize: 5 }, async (jobs) => void done.push(...jobs.map((job) => job.id)));
    await until(() => done.length === 2);
    await after.stop();
    expect(done.sort()).toEqual(["in-hand", "queued"]);
    expect(await store.jobs.claimDue(name, 5, 60_000)).toEqual([]);
  });

  it("does not hand out a job before its start time", async () => {
    const name = fresh();
    const queue = onStore();
    const done: number[] = [];
    await queue.work<{ n: number }>(name, { batchSize: 1 }, async ([job]) => void done.push(job!.n));
    await queue.send(name, [{ n: 2 }], { startAfter: new Date(Date.now() + 150) });
    await queue.send(name, [{ n: 1 }]);
    await until(() => done.length === 2);
    await queue.stop();
    expect(done).toEqual([1, 2]);
  });

  it("sends a scheduled job every interval", async () => {
    vi.useFakeTimers();
    const queue = onStore();
    const sent = vi.spyOn(queue, "send").mockResolvedValue();
    await queue.schedule("scheduled-checks", 15, {});
    vi.advanceTimersByTime(14 * 60_000);
    expect(sent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(sent).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(15 * 60_000);
    expect(sent).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
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
