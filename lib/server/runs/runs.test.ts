import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { setTestEnv } from "@/lib/server/http/testing";
import { getJobQueue, TableQueue } from "@/lib/server/jobs";
import type { RequestContext } from "@/lib/server/request-context";
import { closeStore, getStore, type ItemOutcome, type Store } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import type { CheckCredential } from "./check-credential";
import { createItemHandler, RUN_ITEMS_QUEUE, type RunItemJob } from "./execute-items";
import { cancelRun, getRunDetail, interruptItemsInHand, startRun } from "./index";
import { resumeRuns } from "./start-workers";

// The executor on SQLite with its job table. The item's check is instrumented (the real one is covered end to
// end by e2e/runs): it holds items until released, so cancel and concurrency are seen mid-run.

const operator = (id: string): RequestContext => ({
  operator: { id, name: `Operator ${id}`, email: null, login: null, role: "operator", sessionIdHash: "" },
  requestId: randomUUID(),
  ip: null,
});

const PER_ISSUER = 3;
const ISSUERS = ["https://a.example.com", "https://b.example.com"];

let store: Store;
let dir: string;
const calls: { credentialId: string; actor: string }[] = [];
const inFlight = new Map<string, number>();
let maxInFlight: Record<string, number> = {};
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
let gate = deferred();

const check: CheckCredential = async (context, credentialId) => {
  const credential = await store.credentials.get(credentialId);
  const issuer = credential?.issuer ?? "?";
  calls.push({ credentialId, actor: context.operator.id });
  inFlight.set(issuer, (inFlight.get(issuer) ?? 0) + 1);
  maxInFlight[issuer] = Math.max(maxInFlight[issuer] ?? 0, inFlight.get(issuer) ?? 0);
  await gate.promise;
  inFlight.set(issuer, (inFlight.get(issuer) ?? 0) - 1);
  return { state: "done", status: "working", orgId: "o1", orgName: "Acme", code: null } satisfies ItemOutcome;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "m2m-runs-"));
  setTestEnv({ SQLITE_PATH: join(dir, "console.sqlite") });
  store = await getStore();
  await getJobQueue().work<RunItemJob>(RUN_ITEMS_QUEUE, { batchSize: 50 }, createItemHandler(check, PER_ISSUER));
});

afterAll(async () => {
  gate.resolve();
  await getJobQueue().stop();
  await closeStore();
  rmSync(dir, { recursive: true, force: true });
});

async function addCredentials(count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const row = newCredential({ issuer: ISSUERS[i % ISSUERS.length], tags: [tag], label: `${tag}-${i}` });
    await store.credentials.create(row, { actor: "a", action: "credential.create", outcome: "success" });
    ids.push(row.id);
  }
  return ids;
}

async function until(predicate: () => Promise<boolean>): Promise<void> {
  while (!(await predicate())) await new Promise((resolve) => setTimeout(resolve, 10));
}

function reset() {
  calls.length = 0;
  maxInFlight = {};
  gate = deferred();
}

describe("test-all runs", () => {
  it("tests each credential once as the run's starter, at most PER_ISSUER per issuer at a time, and ends done", async () => {
    reset();
    const ids = await addCredentials(12, "batch");
    const run = await startRun(operator("ada"), { kind: "filter", filter: { tag: "batch" } });
    expect(run).toMatchObject({ state: "running", total: 12 });
    await until(async () => calls.length === 2 * PER_ISSUER);
    gate.resolve();
    await until(async () => (await getRunDetail(run.id)).run.state !== "running");

    const detail = await getRunDetail(run.id);
    expect(detail.run).toMatchObject({ state: "done", done: 12, counts: { working: 12, pending: 0, running: 0 } });
    expect(detail.items.every((item) => item.status === "working" && item.org?.name === "Acme")).toBe(true);
    expect(calls.map((call) => call.credentialId).sort()).toEqual([...ids].sort());
    expect(new Set(calls.map((call) => call.actor))).toEqual(new Set(["ada"]));
    expect(maxInFlight).toEqual({ [ISSUERS[0]!]: PER_ISSUER, [ISSUERS[1]!]: PER_ISSUER });
    const audit = await store.audit.list({ action: "run.start" });
    expect(audit.items[0]).toMatchObject({ actor: "ada", detail: { runId: run.id, scope: "filter", total: 12 } });
  });

  it("cancels: no item is tested after the cancel, those in hand finish, the rest are cancelled", async () => {
    reset();
    await addCredentials(10, "cancel");
    const run = await startRun(operator("bob"), { kind: "filter", filter: { tag: "cancel" } });
    await until(async () => calls.length === 2 * PER_ISSUER);
    const cancelled = await cancelRun(operator("bob"), run.id);
    expect(cancelled).toMatchObject({ state: "cancelled", counts: { cancelled: 4, running: 6 } });
    gate.resolve();
    await until(async () => (await getRunDetail(run.id)).run.counts.running === 0);
    expect((await getRunDetail(run.id)).run).toMatchObject({ state: "cancelled", counts: { working: 6, cancelled: 4 } });
    expect(calls).toHaveLength(6);
    await expect(cancelRun(operator("bob"), run.id)).rejects.toMatchObject({ code: "conflict" });
    expect((await store.audit.list({ action: "run.cancel" })).items[0]).toMatchObject({ actor: "bob", detail: { runId: run.id } });
  });

  it("allows one running run per operator, and refuses an empty scope", async () => {
    reset();
    await addCredentials(2, "single");
    const run = await startRun(operator("cy"), { kind: "filter", filter: { tag: "single" } });
    const second = await startRun(operator("cy"), { kind: "all" }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(ApiError);
    expect((second as ApiError).code).toBe("conflict");
    await expect(startRun(operator("dee"), { kind: "filter", filter: { tag: "no-such-tag" } })).rejects.toMatchObject({
      code: "validation_failed",
    });
    gate.resolve();
    await until(async () => (await getRunDetail(run.id)).run.state === "done");
  });

  it("after a restart, re-queues a running run's unfinished items and finishes it", async () => {
    reset();
    gate.resolve();
    const ids = await addCredentials(3, "restart");
    // As a crashed process left it: the run written, one item mid-test, no job in any queue.
    const run = await store.checkRuns.createRun({
      id: randomUUID(),
      startedBy: "eve",
      startedByName: "Eve",
      scope: { kind: "all" },
      items: ids.map((id) => ({ credentialId: id, label: id, issuer: ISSUERS[0]! })),
    });
    await store.checkRuns.claimItem(run.id, ids[0]!, 60_000);
    const restarted = new TableQueue(
      async () => store.jobs,
      () => undefined,
    );
    await restarted.work<RunItemJob>(RUN_ITEMS_QUEUE, { batchSize: 10 }, createItemHandler(check, PER_ISSUER));
    await resumeRuns(restarted);
    await until(async () => (await getRunDetail(run.id)).run.state !== "running");
    await restarted.stop();
    expect((await getRunDetail(run.id)).run).toMatchObject({ state: "done", counts: { working: 3 } });
    expect(calls.map((call) => call.credentialId).sort()).toEqual([...ids].sort());
  });

  it("on shutdown, hands back the items still being tested after the grace period and records each interrupted attempt", async () => {
    reset();
    const ids = await addCredentials(2, "shutdown");
    const run = await startRun(operator("fay"), { kind: "filter", filter: { tag: "shutdown" } });
    await until(async () => calls.length === 2);
    // Both items are held by the check: the grace period (here 1 ms) ends with them in hand.
    await getJobQueue().stop(1);
    expect(await interruptItemsInHand()).toBe(2);
    expect((await getRunDetail(run.id)).run).toMatchObject({ state: "running", counts: { pending: 2, running: 0 } });
    const audit = await store.audit.list({ action: "run.interrupt" });
    expect(audit.items.map((row) => row.credentialId).sort()).toEqual([...ids].sort());
    expect(audit.items[0]).toMatchObject({ actor: "fay", outcome: "failure", detail: { runId: run.id, reason: "shutdown" } });
    // The cut-short checks end later: their results no longer count, the items stay pending for the next start.
    gate.resolve();
    await getJobQueue().stop(60_000);
    expect((await getRunDetail(run.id)).run.counts).toMatchObject({ pending: 2, working: 0 });
  });
});
