import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgBossQueue } from "@/lib/server/jobs";
import { closeStore, getStore, type Store } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { openScratchSchema } from "@/lib/server/store/testing/pg-scratch-schema";
import type { CheckCredential } from "./check-credential";
import { createItemHandler, RUN_ITEMS_QUEUE, type RunItemJob } from "./execute-items";
import { getRunDetail } from "./index";

// Two app instances on one PostgreSQL, as two pg-boss workers with pools of their own: they share a run's items,
// and no credential is tested twice, even when every item's job is queued twice. The item's check is instrumented.
// Runs when TEST_DATABASE_URL is set.

const url = process.env.TEST_DATABASE_URL;
const N = 40;

let store: Store;
let scratch: Awaited<ReturnType<typeof openScratchSchema>>;
const workers: PgBossQueue[] = [];

beforeAll(async () => {
  if (!url) return;
  scratch = await openScratchSchema(url, "m2m_runs");
  store = await getStore();
});

afterAll(async () => {
  if (!url) return;
  await Promise.all(workers.map((worker) => worker.stop()));
  await closeStore();
  await scratch.drop();
});

describe.skipIf(!url)("a run shared by two instances on PostgreSQL", () => {
  it("tests every credential exactly once, some on each instance", async () => {
    const ids: string[] = [];
    for (let i = 0; i < N; i += 1) {
      const row = newCredential({ label: `split-${i}` });
      await store.credentials.create(row, { actor: "a", action: "credential.create", outcome: "success" });
      ids.push(row.id);
    }
    const tested: { worker: string; credentialId: string }[] = [];
    // Each instance's first item waits until the other instance also holds one: the split is certain, not a matter of timing.
    const started = new Set<string>();
    let bothStarted: () => void = () => {};
    const bothHaveWork = new Promise<void>((resolve) => (bothStarted = resolve));
    const checkOn =
      (worker: string): CheckCredential =>
      async (_context, credentialId) => {
        tested.push({ worker, credentialId });
        started.add(worker);
        if (started.size === 2) bothStarted();
        await bothHaveWork;
        return { state: "done", status: "working", orgId: null, orgName: null, code: null };
      };

    for (const name of ["instance-a", "instance-b"]) {
      const queue = new PgBossQueue({ url: url ?? "", schema: `${scratch.schema}_boss`, poolSize: 2, onError: () => undefined });
      workers.push(queue);
      await queue.work<RunItemJob>(RUN_ITEMS_QUEUE, { batchSize: 4 }, createItemHandler(checkOn(name), 4));
    }

    const run = await store.checkRuns.createRun({
      id: randomUUID(),
      startedBy: "ada",
      startedByName: "Ada",
      scope: { kind: "all" },
      items: ids.map((id) => ({ credentialId: id, label: id, issuer: "https://acme.zitadel.cloud" })),
    });
    const jobs = ids.map((credentialId) => ({ runId: run.id, credentialId, issuer: "https://acme.zitadel.cloud" }));
    await workers[0]!.send(RUN_ITEMS_QUEUE, jobs);
    await workers[1]!.send(RUN_ITEMS_QUEUE, jobs);

    while ((await getRunDetail(run.id)).run.state === "running") await new Promise((resolve) => setTimeout(resolve, 100));

    expect((await getRunDetail(run.id)).run).toMatchObject({ state: "done", counts: { working: N } });
    expect(tested.map((call) => call.credentialId).sort()).toEqual([...ids].sort());
    expect(new Set(tested.map((call) => call.worker))).toEqual(new Set(["instance-a", "instance-b"]));
  }, 60_000);
});
