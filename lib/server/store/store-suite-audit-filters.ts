import "server-only";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEntry, newCredential } from "./testing/fixtures";
import type { Store } from "./types";

// The audit page's filters as an operator uses them: each narrows the log to what it names, and together they
// combine. Every entry here carries a client id unique to this run, so other tests' rows stay out.

export function describeAuditFilterSuite(getStore: () => Store): void {
  describe("audit log filters", () => {
    const actor = `op-${randomUUID()}`;
    let keptId = "";
    let goneId = "";
    let between = "";

    beforeAll(async () => {
      const store = getStore();
      const kept = await store.credentials.create(newCredential(), auditEntry("credential.create", { actor, actorName: "Filter Fay" }));
      keptId = kept.id;
      const gone = await store.credentials.create(newCredential(), auditEntry("credential.create", { actor }));
      goneId = gone.id;
      await store.credentials.delete(gone.id, 1, auditEntry("credential.delete", { actor }));
      // Time passes between the two halves of the log, so a range can hold one and not the other.
      await new Promise((resolve) => setTimeout(resolve, 20));
      between = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await store.audit.append(
        auditEntry("token.test", { actor, credentialId: kept.id, outcome: "failure", detail: { reason: "invalid_client" } }),
      );
      await store.audit.append(auditEntry("access.denied", { actor, outcome: "denied", detail: { reason: "role", needed: "admin" } }));
      await store.audit.append(auditEntry("token.test", { actor: `someone-else-${randomUUID()}`, credentialId: kept.id }));
    });

    it("narrows by operator (id or recorded name), action, outcome and time range, alone and combined", async () => {
      const store = getStore();
      expect((await store.audit.list({ actor })).total).toBe(5);
      expect((await store.audit.list({ actor: "Filter Fay", credentialId: keptId })).items.map((row) => row.action)).toEqual([
        "credential.create",
      ]);
      expect((await store.audit.list({ actor, action: "token.test" })).items.map((row) => row.outcome)).toEqual(["failure"]);
      expect((await store.audit.list({ actor, outcome: "denied" })).items.map((row) => row.detail)).toEqual([
        { reason: "role", needed: "admin" },
      ]);
      expect((await store.audit.list({ actor, from: between })).items.map((row) => row.action)).toEqual(["access.denied", "token.test"]);
      expect((await store.audit.list({ actor, to: between })).items.map((row) => row.action)).toEqual([
        "credential.delete",
        "credential.create",
        "credential.create",
      ]);
      expect((await store.audit.list({ actor, from: between, outcome: "success" })).total).toBe(0);
    });

    it("says per row whether its credential still exists", async () => {
      const rows = (await getStore().audit.list({ actor, limit: 200 })).items;
      const exists = (id: string) => rows.filter((row) => row.credentialId === id).map((row) => row.credentialExists);
      expect(exists(keptId)).toEqual([true, true]);
      expect(exists(goneId)).toEqual([false, false]);
      expect(rows.find((row) => row.action === "access.denied")?.credentialExists).toBe(false);
    });
  });
}
