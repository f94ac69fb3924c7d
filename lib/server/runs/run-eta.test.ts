import { describe, expect, it } from "vitest";
import { estimateSecondsLeft, type RunPace } from "./run-eta";

const fast: RunPace = {
  left: 10,
  tested: 40,
  elapsedMs: 8_000,
  inFlightAgesMs: [],
  recentDurationsMs: [300, 350, 400],
  callDeadlineMs: 10_000,
};

describe("estimateSecondsLeft", () => {
  it("has no estimate before the first item lands", () => {
    expect(estimateSecondsLeft({ ...fast, tested: 0, inFlightAgesMs: [100] })).toBeNull();
  });

  it("goes by the pace so far while items land at a typical speed", () => {
    // 0.2 s an item at the pace so far, ten to go.
    expect(estimateSecondsLeft({ ...fast, inFlightAgesMs: [100, 200] })).toBe(2);
  });

  it("counts the last item, waiting on a slow issuer, until its call's deadline instead of saying 0 s", () => {
    const lastOne = { ...fast, left: 1 };
    const estimates = [2_000, 4_000, 9_000].map((ageMs) => estimateSecondsLeft({ ...lastOne, inFlightAgesMs: [ageMs] }));
    expect(estimates).toEqual([8, 6, 1]);
    // Without it, the pace alone would have said 0 s all along.
    expect(estimateSecondsLeft({ ...lastOne, inFlightAgesMs: [] })).toBe(0);
  });

  it("counts an item whose token call answered slowly until its org lookup's deadline", () => {
    expect(estimateSecondsLeft({ ...fast, left: 1, inFlightAgesMs: [12_500] })).toBe(8);
    // Past both calls' deadlines the item is about to end either way.
    expect(estimateSecondsLeft({ ...fast, left: 1, inFlightAgesMs: [20_500] })).toBe(0);
  });

  it("does not jump to the deadline for an item only a little slower than typical", () => {
    expect(estimateSecondsLeft({ ...fast, left: 1, inFlightAgesMs: [900] })).toBe(0);
  });

  it("takes the later of the queue's pace and the slowest item in flight", () => {
    expect(estimateSecondsLeft({ ...fast, left: 100, inFlightAgesMs: [5_000] })).toBe(20);
    expect(estimateSecondsLeft({ ...fast, left: 3, inFlightAgesMs: [5_000, 2_000] })).toBe(8);
  });
});
