import { afterEach, describe, expect, it, vi } from "vitest";
import { OutboundError } from "@/lib/server/http";
import { createIssuerSlots, IssuerBusyError } from "./issuer-slots";

// The per-issuer cap as ZITADEL would see it: how many calls are in flight at once, who waits, who is turned away.

const ACME = "https://acme.zitadel.cloud";
const GLOBEX = "https://globex.zitadel.cloud";

/** Upstream calls that finish when the test says so, counting how many run at once. */
function upstream() {
  const finishers: (() => void)[] = [];
  const state = { running: 0, peak: 0, started: 0 };
  const call = () =>
    new Promise<string>((resolve) => {
      state.running += 1;
      state.started += 1;
      state.peak = Math.max(state.peak, state.running);
      finishers.push(() => {
        state.running -= 1;
        resolve("ok");
      });
    });
  const finishOne = async () => {
    await settled();
    finishers.shift()?.();
    await settled();
  };
  return { call, finishOne, state };
}

/** Lets granted callers start their calls (a few microtask turns; works under fake timers too). */
async function settled(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

afterEach(() => vi.useRealTimers());

describe("issuer slots", () => {
  it("runs at most `concurrency` calls to one issuer at a time; the others wait their turn and then run", async () => {
    const slots = createIssuerSlots({ concurrency: 2, maxQueue: 10, maxWaitMs: 60_000 });
    const zitadel = upstream();
    const calls = Array.from({ length: 5 }, () => slots(ACME, zitadel.call));
    await settled();
    expect(zitadel.state.running).toBe(2);
    for (let i = 0; i < 5; i += 1) await zitadel.finishOne();
    expect(await Promise.all(calls)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(zitadel.state).toMatchObject({ peak: 2, started: 5 });
  });

  it("counts each issuer on its own", async () => {
    const slots = createIssuerSlots({ concurrency: 1, maxQueue: 0, maxWaitMs: 1_000 });
    const zitadel = upstream();
    const both = [slots(ACME, zitadel.call), slots(GLOBEX, zitadel.call)];
    await settled();
    expect(zitadel.state.running).toBe(2);
    await zitadel.finishOne();
    await zitadel.finishOne();
    await expect(Promise.all(both)).resolves.toEqual(["ok", "ok"]);
  });

  it("turns a caller away at once when the queue is full, without calling the issuer", async () => {
    const slots = createIssuerSlots({ concurrency: 1, maxQueue: 1, maxWaitMs: 60_000 });
    const zitadel = upstream();
    const running = slots(ACME, zitadel.call);
    const waiting = slots(ACME, zitadel.call);
    await expect(slots(ACME, zitadel.call)).rejects.toMatchObject({ reason: "queue_full" });
    expect(zitadel.state.started).toBe(1);
    await zitadel.finishOne();
    await zitadel.finishOne();
    await expect(Promise.all([running, waiting])).resolves.toEqual(["ok", "ok"]);
  });

  it("gives up on a caller that waited too long, and its place is not taken later", async () => {
    vi.useFakeTimers();
    const slots = createIssuerSlots({ concurrency: 1, maxQueue: 5, maxWaitMs: 5_000 });
    const zitadel = upstream();
    const running = slots(ACME, zitadel.call);
    const waiting = slots(ACME, zitadel.call).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5_000);
    const refusal = await waiting;
    expect(refusal).toBeInstanceOf(IssuerBusyError);
    expect(refusal).toMatchObject({ reason: "wait_expired" });
    await zitadel.finishOne();
    await running;
    expect(zitadel.state.started).toBe(1);
    // The slot is free again for the next caller.
    const next = slots(ACME, zitadel.call);
    await zitadel.finishOne();
    await expect(next).resolves.toBe("ok");
  });

  it("lets a waiting caller who went away leave the queue as a cancelled call", async () => {
    const slots = createIssuerSlots({ concurrency: 1, maxQueue: 5, maxWaitMs: 60_000 });
    const zitadel = upstream();
    const running = slots(ACME, zitadel.call);
    const controller = new AbortController();
    const leaving = slots(ACME, zitadel.call, controller.signal).catch((error: unknown) => error);
    controller.abort();
    expect(await leaving).toBeInstanceOf(OutboundError);
    await zitadel.finishOne();
    await running;
    expect(zitadel.state.started).toBe(1);
  });

  it("frees the slot when a call fails", async () => {
    const slots = createIssuerSlots({ concurrency: 1, maxQueue: 0, maxWaitMs: 1_000 });
    await expect(slots(ACME, () => Promise.reject(new Error("upstream broke")))).rejects.toThrow("upstream broke");
    await expect(slots(ACME, () => Promise.resolve("ok"))).resolves.toBe("ok");
  });
});
