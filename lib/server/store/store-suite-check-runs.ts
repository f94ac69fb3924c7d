import "server-only";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { NewCheckRun, Store } from "./types";

// Test-all runs on both databases: claims are won once, a cancelled run stops handing out items, counts follow items.

function newRun(size: number, overrides: Partial<NewCheckRun> = {}): NewCheckRun {
  return {
    id: randomUUID(),
    startedBy: "operator-1",
    startedByName: "Ada",
    scope: { kind: "all" },
    items: Array.from({ length: size }, (_, i) => ({
      credentialId: randomUUID(),
      label: `cred-${i}`,
      issuer: "https://acme.zitadel.cloud",
    })),
    ...overrides,
  };
}

const LEASE_MS = 60_000;

export function describeCheckRunSuite(getStore: () => Store): void {
  describe("check runs", () => {
    it("creates a run with every item pending and counts them", async () => {
      const runs = getStore().checkRuns;
      const run = await runs.createRun(newRun(3));
      expect(run).toMatchObject({ state: "running", total: 3, scope: { kind: "all" }, startedByName: "Ada", finishedAt: null });
      expect(run.counts).toMatchObject({ pending: 3, running: 0, working: 0 });
      expect(await runs.listPendingItems(run.id)).toHaveLength(3);
      expect((await runs.listRunningRuns("operator-1")).map((row) => row.id)).toContain(run.id);
    });

    it("lets only one of many concurrent claims win an item", async () => {
      const runs = getStore().checkRuns;
      const spec = newRun(1);
      const run = await runs.createRun(spec);
      const id = spec.items[0]!.credentialId;
      const wins = await Promise.all(Array.from({ length: 8 }, () => runs.claimItem(run.id, id, LEASE_MS)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await runs.claimItem(run.id, id, LEASE_MS)).toBe(false);
    });

    it("records each item's outcome once and ends the run when none is left", async () => {
      const runs = getStore().checkRuns;
      const spec = newRun(3);
      const run = await runs.createRun(spec);
      const [a, b, c] = spec.items.map((item) => item.credentialId) as [string, string, string];
      for (const id of [a, b, c]) expect(await runs.claimItem(run.id, id, LEASE_MS)).toBe(true);
      expect(await runs.finishItem(run.id, a, { state: "done", status: "working", orgId: "o1", orgName: "Acme", code: null })).toBe(true);
      expect(await runs.finishItem(run.id, a, { state: "done", status: "org_fails", orgId: null, orgName: null, code: "x" })).toBe(false);
      expect(
        await runs.finishItem(run.id, b, { state: "done", status: "token_fails", orgId: null, orgName: null, code: "invalid_client" }),
      ).toBe(true);
      expect(await runs.finishRunIfComplete(run.id)).toBe(false);
      expect(await runs.finishItem(run.id, c, { state: "skipped", code: "credential_not_found" })).toBe(true);
      expect(await runs.finishRunIfComplete(run.id)).toBe(true);
      expect(await runs.finishRunIfComplete(run.id)).toBe(false);

      const ended = await runs.getRun(run.id);
      expect(ended).toMatchObject({ state: "done", counts: { working: 1, token_fails: 1, skipped: 1, pending: 0, running: 0 } });
      expect(ended?.finishedAt).not.toBeNull();
      const items = await runs.listItemsFinishedSince(run.id, null, 10);
      expect(items.map((item) => item.credentialId).sort()).toEqual([a, b, c].sort());
      expect(items.find((item) => item.credentialId === a)).toMatchObject({ status: "working", orgId: "o1", orgName: "Acme" });
    });

    it("gives a running run's pace: when each item in flight was claimed and how long tested items took", async () => {
      const runs = getStore().checkRuns;
      const spec = newRun(3);
      const run = await runs.createRun(spec);
      const [a, b] = spec.items.map((item) => item.credentialId) as [string, string];
      const before = Date.now();
      await runs.claimItem(run.id, a, LEASE_MS);
      await runs.claimItem(run.id, b, LEASE_MS);
      await runs.finishItem(run.id, a, { state: "done", status: "working", orgId: null, orgName: null, code: null });
      const pace = (await runs.getRun(run.id))?.pace;
      expect(pace?.runningSince).toHaveLength(1);
      expect(Date.parse(pace!.runningSince[0]!)).toBeGreaterThanOrEqual(before - 1000);
      expect(pace?.recentDurationsMs).toHaveLength(1);
      expect(pace!.recentDurationsMs[0]).toBeGreaterThanOrEqual(0);
      await runs.cancelRun(run.id, "done with it");
      expect((await runs.getRun(run.id))?.pace).toBeUndefined();
    });

    it("cancels pending items, hands out no more, and lets a running item finish", async () => {
      const runs = getStore().checkRuns;
      const spec = newRun(3);
      const run = await runs.createRun(spec);
      const [a, b] = spec.items.map((item) => item.credentialId) as [string, string];
      await runs.claimItem(run.id, a, LEASE_MS);
      const cancelled = await runs.cancelRun(run.id, "cancelled by Ada");
      expect(cancelled).toMatchObject({ state: "cancelled", reason: "cancelled by Ada", counts: { cancelled: 2, running: 1 } });
      expect(await runs.cancelRun(run.id, "again")).toBeNull();
      expect(await runs.claimItem(run.id, b, LEASE_MS)).toBe(false);
      expect(await runs.finishItem(run.id, a, { state: "done", status: "working", orgId: null, orgName: null, code: null })).toBe(true);
      expect((await runs.getRun(run.id))?.counts).toMatchObject({ working: 1, cancelled: 2, running: 0 });
      expect((await runs.listRunningRuns()).map((row) => row.id)).not.toContain(run.id);
    });

    it("gives an item whose claim outlived its lease to the next claimant, and releases running items on restart", async () => {
      const runs = getStore().checkRuns;
      const spec = newRun(2);
      const run = await runs.createRun(spec);
      const [a, b] = spec.items.map((item) => item.credentialId) as [string, string];
      expect(await runs.claimItem(run.id, a, LEASE_MS)).toBe(true);
      expect(await runs.claimItem(run.id, a, -1)).toBe(true); // a lease that is already over
      expect(await runs.claimItem(run.id, b, LEASE_MS)).toBe(true);
      expect(await runs.releaseRunningItems(run.id)).toBe(2);
      expect((await runs.listPendingItems(run.id)).map((item) => item.credentialId).sort()).toEqual([a, b].sort());
      expect(await runs.failRun(run.id, "stopped")).toBe(true);
      expect((await runs.getRun(run.id))?.counts).toMatchObject({ cancelled: 2, pending: 0 });
    });

    it("hands a broken-off item back for a retry, and ends an item whose job gave up so the run can finish", async () => {
      const runs = getStore().checkRuns;
      const spec = newRun(2);
      const run = await runs.createRun(spec);
      const [first, second] = spec.items.map((item) => item.credentialId) as [string, string];
      expect(await runs.claimItem(run.id, first, LEASE_MS)).toBe(true);
      expect(await runs.releaseItem(run.id, first)).toBe(true);
      expect(await runs.claimItem(run.id, first, LEASE_MS)).toBe(true);
      expect(await runs.abandonItem(run.id, first, "job_failed")).toBe(true);
      expect(await runs.abandonItem(run.id, second, "job_failed")).toBe(true);
      expect(await runs.abandonItem(run.id, second, "job_failed")).toBe(false);
      expect(await runs.releaseItem(run.id, first)).toBe(false);
      expect(await runs.finishRunIfComplete(run.id)).toBe(true);
      const items = await runs.listItems(run.id);
      expect(items.map((item) => [item.state, item.code, item.finishedAt !== null])).toEqual([
        ["skipped", "job_failed", true],
        ["skipped", "job_failed", true],
      ]);
      expect((await runs.getRun(run.id))?.counts).toMatchObject({ skipped: 2, pending: 0, running: 0 });
    });

    it("lists runs newest first", async () => {
      const runs = getStore().checkRuns;
      const first = await runs.createRun(newRun(1));
      // Start times have millisecond precision; two runs in the same millisecond have no "newer" one.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await runs.createRun(newRun(1, { scope: { kind: "filter", filter: { search: "acme" } } }));
      const listed = (await runs.listRuns(50)).map((row) => row.id);
      expect(listed.indexOf(second.id)).toBeLessThan(listed.indexOf(first.id));
      expect((await runs.getRun(second.id))?.scope).toEqual({ kind: "filter", filter: { search: "acme" } });
    });
  });
}
