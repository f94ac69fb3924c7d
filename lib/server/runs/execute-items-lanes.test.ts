import { describe, expect, it } from "vitest";
import { createIssuerSlots } from "@/lib/server/limits/issuer-slots";

const createIssuerLanes = (perIssuer: number) => createIssuerSlots({ concurrency: perIssuer });

// Test-all's lanes are the issuer slots without a bound on the wait. The per-issuer cap holds across batches: work
// handed over at different times shares an issuer's lanes.

describe("issuer lanes", () => {
  it("runs at most perIssuer items of one issuer at once, across calls, and other issuers beside them", async () => {
    const lanes = createIssuerLanes(2);
    const active = new Map<string, number>();
    const most = new Map<string, number>();
    const release: (() => void)[] = [];
    const item = (issuer: string) =>
      lanes(issuer, async () => {
        active.set(issuer, (active.get(issuer) ?? 0) + 1);
        most.set(issuer, Math.max(most.get(issuer) ?? 0, active.get(issuer) ?? 0));
        await new Promise<void>((resolve) => release.push(resolve));
        active.set(issuer, (active.get(issuer) ?? 0) - 1);
        return issuer;
      });
    const firstBatch = ["a", "a", "a", "b"].map(item);
    const secondBatch = ["a", "a", "b", "b", "b"].map(item);
    const all = Promise.all([...firstBatch, ...secondBatch]);
    let finished = false;
    void all.then(() => (finished = true));
    // One item ends at a time; each ending lets the next waiting item of its issuer in.
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      release.shift()?.();
    }
    expect(await all).toEqual(["a", "a", "a", "b", "a", "a", "b", "b", "b"]);
    expect(Object.fromEntries(most)).toEqual({ a: 2, b: 2 });
  });

  it("hands the lane on when an item throws", async () => {
    const lanes = createIssuerLanes(1);
    await expect(lanes("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await lanes("a", async () => "next")).toBe("next");
  });
});
