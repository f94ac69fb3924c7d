import "server-only";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { NewJob, NewOutboxAlert, Store } from "./types";

// The alert outbox and the job table on both databases: a job's try is won by one claimer, a lapsed claim is taken
// over and only its new holder settles it, a retry is not due before its time; an alert's outcome is recorded once
// (so it is audited once, across instances), in the same write as its delivery job.

function newAlert(): NewOutboxAlert {
  return {
    id: randomUUID(),
    credentialId: randomUUID(),
    issuer: "https://acme.zitadel.cloud",
    clientId: "acme-export",
    from: "working",
    to: "token_fails",
    body: '{"type":"credential.status_changed"}',
  };
}

function newJob(queue: string): NewJob {
  return { id: randomUUID(), queue, data: { alertId: randomUUID() }, retryLimit: 2, retryDelayMs: 1_000, startAfter: new Date() };
}

const LEASE_MS = 60_000;

export function describeAlertOutboxSuite(getStore: () => Store): void {
  describe("job table", () => {
    it("hands a due job to exactly one of many concurrent claimers", async () => {
      const jobs = getStore().jobs;
      const queue = `q-${randomUUID()}`;
      await jobs.enqueue([newJob(queue)]);
      const claims = await Promise.all(Array.from({ length: 8 }, () => jobs.claimDue(queue, 10, LEASE_MS)));
      const won = claims.flat();
      expect(won).toHaveLength(1);
      expect(won[0]?.job).toMatchObject({ state: "pending", attempts: 1, queue });
      // Held: nobody else gets it until the claim ends.
      expect(await jobs.claimDue(queue, 10, LEASE_MS)).toEqual([]);
      expect(await jobs.complete(won[0]!.job.id, won[0]!.token)).toBe(true);
      expect(await jobs.getJob(won[0]!.job.id)).toBeNull();
    });

    it("lets a lapsed claim (its instance died) be taken over, and then only the new holder settles the job", async () => {
      const jobs = getStore().jobs;
      const queue = `q-${randomUUID()}`;
      await jobs.enqueue([newJob(queue)]);
      const [dead] = await jobs.claimDue(queue, 10, -1);
      const [alive] = await jobs.claimDue(queue, 10, LEASE_MS);
      expect(dead && alive).toBeTruthy();
      expect(alive!.job.attempts).toBe(2);
      expect(await jobs.complete(dead!.job.id, dead!.token)).toBe(false);
      expect(await jobs.fail(dead!.job.id, dead!.token, "late")).toBe(false);
      expect(await jobs.complete(alive!.job.id, alive!.token)).toBe(true);
    });

    it("keeps a failed try pending until its next due time, and a job given up as failed", async () => {
      const jobs = getStore().jobs;
      const queue = `q-${randomUUID()}`;
      const later = new Date(Date.now() + 3_600_000);
      await jobs.enqueue([newJob(queue), newJob(queue)]);
      const [first, second] = await jobs.claimDue(queue, 10, LEASE_MS);
      expect(await jobs.retryLater(first!.job.id, first!.token, "receiver_error", later)).toBe(true);
      expect(await jobs.fail(second!.job.id, second!.token, "boom")).toBe(true);
      expect(await jobs.claimDue(queue, 10, LEASE_MS)).toEqual([]);
      expect(await jobs.getJob(first!.job.id)).toMatchObject({ state: "pending", attempts: 1, lastError: "receiver_error" });
      expect(await jobs.getJob(second!.job.id)).toMatchObject({ state: "failed", lastError: "boom" });
      const next = await jobs.nextDueAt(queue);
      expect(next !== null && next <= later.toISOString()).toBe(true);
    });
  });

  describe("alert outbox", () => {
    it("records an alert's outcome once, whoever delivered it", async () => {
      const outbox = getStore().alertOutbox;
      const alert = newAlert();
      await outbox.enqueue(alert);
      expect(await outbox.getAlert(alert.id)).toMatchObject({ state: "pending", attempts: 0, body: alert.body, from: "working" });
      const results = await Promise.all([
        outbox.finish(alert.id, "delivered", { attempts: 1, httpStatus: 204, reason: null }),
        outbox.finish(alert.id, "failed", { attempts: 1, httpStatus: null, reason: "receiver_timeout" }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await outbox.getAlert(alert.id))?.finishedAt).not.toBeNull();
    });

    it("writes the alert and its delivery job together, or neither", async () => {
      const store = getStore();
      const alert = newAlert();
      const queue = `q-${randomUUID()}`;
      const failed = await store.alertOutbox
        .enqueue(alert, async (tx) => {
          await store.jobs.enqueue([newJob(queue)], tx);
          throw new Error("the job could not be queued");
        })
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(Error);
      expect(await store.alertOutbox.getAlert(alert.id)).toBeNull();
      expect(await store.jobs.claimDue(queue, 10, LEASE_MS)).toEqual([]);
    });

    it("prunes alerts that ended before a time and keeps pending ones", async () => {
      const outbox = getStore().alertOutbox;
      const done = newAlert();
      const waiting = newAlert();
      await outbox.enqueue(done);
      await outbox.enqueue(waiting);
      await outbox.finish(done.id, "failed", { attempts: 1, httpStatus: 400, reason: "receiver_refused" });
      expect(await outbox.countPending()).toBeGreaterThanOrEqual(1);
      expect(await outbox.pruneFinished(new Date(Date.now() + 1_000))).toBeGreaterThanOrEqual(1);
      expect(await outbox.getAlert(done.id)).toBeNull();
      expect(await outbox.getAlert(waiting.id)).toMatchObject({ state: "pending" });
    });
  });
}
