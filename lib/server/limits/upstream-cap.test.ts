import { beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/lib/server/http/testing";
import { withIssuerSlot } from "./index";
import { IssuerBusyError } from "./issuer-slots";

// The instance's cap over all issuers: two issuers at their own cap each no longer add up to twice the calls.

const PER_ISSUER = 8;
const OVERALL = 10;

beforeAll(() => setTestEnv({ ISSUER_CONCURRENCY: String(PER_ISSUER), UPSTREAM_CONCURRENCY: String(OVERALL) }));

async function settled(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

describe("withIssuerSlot", () => {
  it("keeps calls to all issuers together within UPSTREAM_CONCURRENCY, each issuer within its own cap", async () => {
    const running = new Map<string, number>();
    const peak = { all: 0, byIssuer: new Map<string, number>() };
    const finishers: (() => void)[] = [];
    const call = (issuer: string) =>
      withIssuerSlot(issuer, async () => {
        running.set(issuer, (running.get(issuer) ?? 0) + 1);
        const all = [...running.values()].reduce((sum, count) => sum + count, 0);
        peak.all = Math.max(peak.all, all);
        peak.byIssuer.set(issuer, Math.max(peak.byIssuer.get(issuer) ?? 0, running.get(issuer) ?? 0));
        await new Promise<void>((resolve) => finishers.push(resolve));
        running.set(issuer, (running.get(issuer) ?? 0) - 1);
      });
    const calls = ["https://acme.example", "https://globex.example"].flatMap((issuer) => Array.from({ length: 12 }, () => call(issuer)));
    await settled();
    expect(peak.all).toBe(OVERALL);
    while (finishers.length > 0) {
      finishers.shift()?.();
      await settled();
    }
    await Promise.all(calls);
    expect(peak.all).toBe(OVERALL);
    expect(Math.max(...peak.byIssuer.values())).toBeLessThanOrEqual(PER_ISSUER);
  });

  it("refuses at once, naming the overall cap, when its queue is full", async () => {
    const finishers: (() => void)[] = [];
    const hold = () => new Promise<void>((resolve) => finishers.push(resolve));
    // Each issuer below its own cap; together they fill the overall cap and its queue (four per slot).
    const held = Array.from({ length: OVERALL * 5 }, (_, index) => withIssuerSlot(`https://tenant-${index % 10}.example`, hold));
    await settled();
    const refused = await withIssuerSlot("https://one-more.example", hold).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IssuerBusyError);
    expect(refused).toMatchObject({ reason: "queue_full", scope: "upstream" });
    while (finishers.length > 0) {
      finishers.shift()?.();
      await settled();
    }
    await Promise.all(held);
  });
});
