import "server-only";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { NewOutboxAlert, Store } from "./types";

// The alert outbox on both databases: a try is won by one claimer, a retry is not due before its time, and only the
// claim's holder records the outcome (so an alert is sent and audited once, across instances).

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

const LEASE_MS = 60_000;

export function describeAlertOutboxSuite(getStore: () => Store): void {
  describe("alert outbox", () => {
    it("hands a pending alert to exactly one of many concurrent claimers", async () => {
      const outbox = getStore().alertOutbox;
      const alert = newAlert();
      await outbox.enqueue(alert);
      const claims = await Promise.all(Array.from({ length: 8 }, () => outbox.claimDue(1_000, LEASE_MS)));
      const mine = claims.flat().filter((claim) => claim.alert.id === alert.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.alert).toMatchObject({ state: "pending", attempts: 0, body: alert.body, from: "working", to: "token_fails" });
      // Held: nobody else gets it until the claim ends.
      expect((await outbox.claimDue(1_000, LEASE_MS)).map((claim) => claim.alert.id)).not.toContain(alert.id);
      expect(await outbox.finish(alert.id, mine[0]!.token, "delivered", { attempts: 1, httpStatus: 200, reason: null })).toBe(true);
    });

    it("lets a lapsed claim (its instance died) be taken over, and then only the new holder records the outcome", async () => {
      const outbox = getStore().alertOutbox;
      const alert = newAlert();
      await outbox.enqueue(alert);
      const [dead] = (await outbox.claimDue(1_000, -1)).filter((claim) => claim.alert.id === alert.id);
      const [alive] = (await outbox.claimDue(1_000, LEASE_MS)).filter((claim) => claim.alert.id === alert.id);
      expect(dead && alive).toBeTruthy();
      expect(await outbox.finish(alert.id, dead!.token, "failed", { attempts: 1, httpStatus: null, reason: "receiver_timeout" })).toBe(
        false,
      );
      expect(await outbox.finish(alert.id, alive!.token, "delivered", { attempts: 1, httpStatus: 204, reason: null })).toBe(true);
      expect(await outbox.getAlert(alert.id)).toMatchObject({ state: "delivered", attempts: 1, httpStatus: 204, reason: null });
      expect((await outbox.getAlert(alert.id))?.finishedAt).not.toBeNull();
    });

    it("keeps a failed try pending until its next due time, with what happened", async () => {
      const outbox = getStore().alertOutbox;
      const alert = newAlert();
      await outbox.enqueue(alert);
      const [claim] = (await outbox.claimDue(1_000, LEASE_MS)).filter((row) => row.alert.id === alert.id);
      const later = new Date(Date.now() + 3_600_000);
      expect(await outbox.retryLater(alert.id, claim!.token, { attempts: 1, httpStatus: 503, reason: "receiver_error" }, later)).toBe(true);
      expect((await outbox.claimDue(1_000, LEASE_MS)).map((row) => row.alert.id)).not.toContain(alert.id);
      expect(await outbox.getAlert(alert.id)).toMatchObject({ state: "pending", attempts: 1, httpStatus: 503, reason: "receiver_error" });
      expect(await outbox.countPending()).toBeGreaterThanOrEqual(1);
      const next = await outbox.nextDueAt();
      expect(next !== null && next <= later.toISOString()).toBe(true);
    });

    it("prunes alerts that ended before a time and keeps pending ones", async () => {
      const outbox = getStore().alertOutbox;
      const done = newAlert();
      const waiting = newAlert();
      await outbox.enqueue(done);
      await outbox.enqueue(waiting);
      const [claim] = (await outbox.claimDue(1_000, LEASE_MS)).filter((row) => row.alert.id === done.id);
      await outbox.finish(done.id, claim!.token, "failed", { attempts: 1, httpStatus: 400, reason: "receiver_refused" });
      expect(await outbox.pruneFinished(new Date(Date.now() + 1_000))).toBeGreaterThanOrEqual(1);
      expect(await outbox.getAlert(done.id)).toBeNull();
      expect(await outbox.getAlert(waiting.id)).toMatchObject({ state: "pending" });
    });
  });
}
