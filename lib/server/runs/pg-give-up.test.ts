import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PgBossQueue } from "@/lib/server/jobs";
import { closeStore, getStore, type Store } from "@/lib/server/store";
import { openScratchSchema } from "@/lib/server/store/testing/pg-scratch-schema";
import type { CheckCredential } from "./check-credential";
import { createGiveUpHandler, createItemHandler, JOB_FAILED_CODE, RUN_ITEMS_QUEUE, type RunItemJob } from "./execute-items";
import { getRunDetail } from "./index";

// An item whose job fails on every try (here: the store refuses to record its result) must not keep its run
// "running" forever: once pg-boss gives the job up, the item ends as skipped with a code the run page shows, and the
// run finishes. Runs when TEST_DATABASE_URL is set.

const url = process.env.TEST_DATABASE_URL;

let store: Store;
let scratch: Awaited<ReturnType<typeof openScratchSchema>>;
let queue: PgBossQueue;

beforeAll(async () => {
  if (!url) return;
  scratch = await openScratchSchema(url, "m2m_giveup");
  store = await getStore();
});

afterAll(async () => {
  if (!url) return;
  vi.restoreAllMocks();
  await queue?.stop();
  await closeStore();
  await scratch.drop();
});

describe.skipIf(!url)("a run item whose job fails past its retries", () => {
  it("ends as skipped (job_failed) and the run finishes, its other items tested as usual", async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const broken = ids[1]!;
    const tries: string[] = [];
    const check: CheckCredential = async (_context, credentialId) => {
      tries.push(credentialId);
      return { state: "done", status: "working", orgId: null, orgName: null, code: null };
    };
    const finishItem = store.checkRuns.finishItem.bind(store.checkRuns);
    vi.spyOn(store.checkRuns, "finishItem").mockImplementation(async (runId, credentialId, outcome) => {
      if (credentialId === broken) throw new Error("could not write the item's result");
      return finishItem(runId, credentialId, outcome);
    });

    queue = new PgBossQueue({ url: url ?? "", schema: `${scratch.schema}_boss`, poolSize: 2, onError: () => undefined });
    await queue.work<RunItemJob>(RUN_ITEMS_QUEUE, { batchSize: 1, giveUp: createGiveUpHandler() }, createItemHandler(check, 4));

    const run = await store.checkRuns.createRun({
      id: randomUUID(),
      startedBy: "ada",
      startedByName: "Ada",
      scope: { kind: "all" },
      items: ids.map((id, i) => ({ credentialId: id, label: `item-${i}`, issuer: "https://acme.zitadel.cloud" })),
    });
    await queue.send(
      RUN_ITEMS_QUEUE,
      ids.map((credentialId) => ({ runId: run.id, credentialId, issuer: "https://acme.zitadel.cloud" })),
    );

    while ((await getRunDetail(run.id)).run.state === "running") await new Promise((resolve) => setTimeout(resolve, 200));

    const detail = await getRunDetail(run.id);
    expect(detail.run).toMatchObject({ state: "done", counts: { working: 2, skipped: 1, pending: 0, running: 0 } });
    expect(detail.items.find((item) => item.credentialId === broken)).toMatchObject({ state: "skipped", code: JOB_FAILED_CODE });
    // Each try claimed the item again after the failed one handed it back: the first try and both retries ran.
    expect(tries.filter((id) => id === broken)).toHaveLength(3);
  }, 60_000);
});
