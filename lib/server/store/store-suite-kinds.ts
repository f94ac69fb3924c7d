import "server-only";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditEntry, newCredential, type StoreHarness } from "./testing/fixtures";
import type { Store } from "./types";

// Credential kinds (migration 0005): the kind and the key's columns round-trip on both databases, rows written
// before kinds existed read as client secrets, and the database itself refuses a kind it does not know.

export function describeKindsSuite(getHarness: () => StoreHarness): void {
  describe("credential kinds", () => {
    const store = (): Store => getHarness().store;

    it("stores a key's ids, fingerprint and expiry, and a PAT's kind, as written", async () => {
      const key = newCredential({
        kind: "jwt_profile",
        clientId: `31${Date.now()}`,
        keyId: "310000000000000001",
        keyUserId: "310000000000000000",
        keyFingerprint: "q1Yb1xkZ4mWgk7o9Qm0aC0d5C6n5r2o0xM8yq6o4Xn0",
        expiresAt: "2099-01-01T00:00:00.000Z",
        secretEnvelope: "v1.x",
      });
      expect(await store().credentials.create(key, auditEntry("credential.create"))).toEqual(key);
      expect(await store().credentials.get(key.id)).toEqual(key);
      const pat = newCredential({ kind: "pat", clientId: `pat-${randomUUID()}`, scopes: "" });
      expect(await store().credentials.create(pat, auditEntry("credential.create"))).toEqual(pat);
      expect((await store().credentials.get(pat.id))?.kind).toBe("pat");
    });

    it("updates the key's columns with a replaced key, and clears an expiry", async () => {
      const row = await store().credentials.create(
        newCredential({
          kind: "jwt_profile",
          keyId: "old",
          keyUserId: "u1",
          keyFingerprint: "fp-old",
          expiresAt: "2030-01-01T00:00:00.000Z",
        }),
        auditEntry("credential.create"),
      );
      const replaced = await store().credentials.update(
        row.id,
        1,
        { keyId: "new", keyFingerprint: "fp-new", expiresAt: "2031-02-03T04:05:06.000Z" },
        auditEntry("credential.secret.replace"),
      );
      expect(replaced).toMatchObject({
        kind: "jwt_profile",
        keyId: "new",
        keyUserId: "u1",
        keyFingerprint: "fp-new",
        expiresAt: "2031-02-03T04:05:06.000Z",
      });
      const cleared = await store().credentials.update(row.id, 2, { expiresAt: null }, auditEntry("credential.secret.replace"));
      expect(cleared.expiresAt).toBeNull();
      expect(await store().credentials.get(row.id)).toEqual(cleared);
    });

    it("records a PAT's expiry learned from ZITADEL without a new version, and never on another kind", async () => {
      const pat = await store().credentials.create(
        newCredential({ kind: "pat", clientId: `pat-${randomUUID()}`, scopes: "" }),
        auditEntry("credential.create"),
      );
      await store().credentials.recordPatExpiry(pat.id, "2099-01-01T00:00:00.000Z");
      expect(await store().credentials.get(pat.id)).toMatchObject({
        expiresAt: "2099-01-01T00:00:00.000Z",
        version: pat.version,
        updatedAt: pat.updatedAt,
      });
      const secret = await store().credentials.create(newCredential({ clientId: `c-${randomUUID()}` }), auditEntry("credential.create"));
      await store().credentials.recordPatExpiry(secret.id, "2099-01-01T00:00:00.000Z");
      expect((await store().credentials.get(secret.id))?.expiresAt).toBeNull();
    });

    it("reads a row written without a kind as a client secret, and refuses an unknown kind", async () => {
      const id = randomUUID();
      const now = new Date().toISOString();
      await getHarness().rawExec(
        `insert into credentials (id, label, issuer, client_id, auth_method, created_at, created_by, updated_at, version)
         values ('${id}', 'Old row', 'https://old.example.com', 'old-${id}', 'basic', '${now}', 'someone', '${now}', 1)`,
      );
      expect(await store().credentials.get(id)).toMatchObject({
        kind: "client_secret",
        keyId: null,
        keyUserId: null,
        keyFingerprint: null,
        expiresAt: null,
      });
      const bad = randomUUID();
      await expect(
        getHarness().rawExec(
          `insert into credentials (id, label, issuer, client_id, auth_method, created_at, created_by, updated_at, version, kind)
           values ('${bad}', 'Bad', 'https://old.example.com', 'bad-${bad}', 'basic', '${now}', 'someone', '${now}', 1, 'password')`,
        ),
      ).rejects.toThrow();
    });
  });
}
