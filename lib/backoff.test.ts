import { describe, expect, it } from "vitest";
import { backoffMs, pause } from "./backoff";

describe("backoffMs", () => {
  it("grows by its factor from the base and stops at the cap", () => {
    const policy = { baseMs: 1_000, factor: 4, capMs: 20_000 };
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, policy))).toEqual([1_000, 4_000, 16_000, 20_000]);
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, { baseMs: 250 }))).toEqual([250, 500, 1_000]);
  });

  it("with jitter, stays within the upper half of the pause", () => {
    for (let i = 0; i < 50; i += 1) {
      const wait = backoffMs(3, { baseMs: 250, capMs: 2_000, jitter: true });
      expect(wait).toBeGreaterThanOrEqual(500);
      expect(wait).toBeLessThanOrEqual(1_000);
    }
  });
});

describe("pause", () => {
  it("ends early, answering false, when its signal aborts", async () => {
    const controller = new AbortController();
    const waiting = pause(60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(await pause(60_000, controller.signal)).toBe(false);
    expect(await pause(1)).toBe(true);
  });
});
