import "server-only";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { IntrospectionClientRow } from "./introspection-client-types";
import type { StoreHarness } from "./testing/fixtures";
import { StoreConflictError, StoreNotFoundError, type AuditEntry, type Store } from "./types";

// Introspection clients on both databases: one per issuer, write-once envelope, delete compare-and-set, every change
// audited in the same transaction (a refused change leaves no audit row).

function newClient(overrides: Partial<IntrospectionClientRow> = {}): IntrospectionClientRow {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    issuer: `https://${randomUUID().slice(0, 8)}.zitadel.cloud`,
    method: "client_secret",
    clientId: "demo-api",
    secretEnvelope: "v1.kid.iv.tag.ct",
    keyId: null,
    createdAt: now,
    createdBy: "Ada Admin",
    updatedAt: now,
    version: 1,
    ...overrides,
  };
}

function audit(action: AuditEntry["action"], issuer: string): AuditEntry {
  return { actor: "admin-1", actorName: "Ada Admin", action, issuer, clientId: "demo-api", outcome: "success" };
}

async function auditCount(store: Store, action: AuditEntry["action"], issuer: string): Promise<number> {
  const page = await store.audit.list({ action, limit: 200 });
  return page.items.filter((row) => row.issuer === issuer).length;
}

export function describeIntrospectionClientSuite(getHarness: () => StoreHarness): void {
  describe("introspection clients", () => {
    it("keeps one client per issuer, found by id and by issuer, with its audit row", async () => {
      const { store } = getHarness();
      const row = newClient({ method: "private_key_jwt", keyId: "key-1", clientId: "123@demo" });
      const created = await store.introspectionClients.create(row, audit("introspection_client.create", row.issuer));
      expect(created).toEqual(row);
      expect(await store.introspectionClients.get(row.id)).toEqual(row);
      expect(await store.introspectionClients.getForIssuer(row.issuer)).toEqual(row);
      expect(await store.introspectionClients.getForIssuer("https://other.example")).toBeNull();
      expect((await store.introspectionClients.list()).map((client) => client.id)).toContain(row.id);
      expect(await auditCount(store, "introspection_client.create", row.issuer)).toBe(1);
    });

    it("refuses a second client for the same issuer, and records nothing for the refused one", async () => {
      const { store } = getHarness();
      const first = newClient();
      await store.introspectionClients.create(first, audit("introspection_client.create", first.issuer));
      const second = newClient({ issuer: first.issuer, clientId: "other-app" });
      const error = await store.introspectionClients
        .create(second, audit("introspection_client.create", first.issuer))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreConflictError);
      expect((error as StoreConflictError).reason).toBe("duplicate");
      expect(await store.introspectionClients.get(second.id)).toBeNull();
      expect(await auditCount(store, "introspection_client.create", first.issuer)).toBe(1);
    });

    it("deletes only the version the caller saw, and says whether the client is gone or changed", async () => {
      const { store } = getHarness();
      const row = newClient();
      await store.introspectionClients.create(row, audit("introspection_client.create", row.issuer));
      await expect(store.introspectionClients.delete(row.id, 2, audit("introspection_client.delete", row.issuer))).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      expect(await store.introspectionClients.get(row.id)).not.toBeNull();
      await store.introspectionClients.delete(row.id, 1, audit("introspection_client.delete", row.issuer));
      expect(await store.introspectionClients.get(row.id)).toBeNull();
      expect(await auditCount(store, "introspection_client.delete", row.issuer)).toBe(1);
      await expect(store.introspectionClients.delete(row.id, 1, audit("introspection_client.delete", row.issuer))).rejects.toBeInstanceOf(
        StoreNotFoundError,
      );
      // A deleted client frees its issuer for a new one.
      await store.introspectionClients.create(newClient({ issuer: row.issuer }), audit("introspection_client.create", row.issuer));
    });

    it("re-wraps an envelope only while it is still the one the rotation read", async () => {
      const { store } = getHarness();
      const row = newClient();
      await store.introspectionClients.create(row, audit("introspection_client.create", row.issuer));
      expect(await store.introspectionClients.rewrap(row.id, "v1.other.iv.tag.ct", "v1.new.iv.tag.ct")).toBe(false);
      expect(await store.introspectionClients.rewrap(row.id, row.secretEnvelope, "v1.new.iv.tag.ct")).toBe(true);
      expect(await store.introspectionClients.get(row.id)).toMatchObject({ secretEnvelope: "v1.new.iv.tag.ct", version: 1 });
    });

    it("refuses a method the console does not know, at the database", async () => {
      const harness = getHarness();
      const row = newClient();
      await expect(
        harness.rawExec(
          `INSERT INTO introspection_clients (id, issuer, method, client_id, secret_envelope, key_id, created_at, created_by, updated_at, version)
           VALUES ('${row.id}', '${row.issuer}', 'none', 'x', 'e', NULL, '${row.createdAt}', 'a', '${row.updatedAt}', 1)`,
        ),
      ).rejects.toThrow();
    });
  });
}
