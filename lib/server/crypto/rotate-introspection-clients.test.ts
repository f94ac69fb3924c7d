import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStore } from "@/lib/server/store";
import type { IntrospectionClientRow } from "@/lib/server/store/types";
import { introspectionClientContext } from "./contexts";
import { DecryptError, envelopeKid } from "./envelope";
import { Keyring } from "./keyring";
import { rotateIntrospectionClients } from "./rotate-introspection-clients";

// After a rotation the old key can go: an introspection client's secret opens under the new key alone.

const dir = mkdtempSync(join(tmpdir(), "m2m-rotate-introspection-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const ringA = new Keyring(keyA);
const onlyB = new Keyring(keyB);
const rotating = new Keyring(keyB, [keyA]);

function client(keyring: Keyring, secret: string): IntrospectionClientRow {
  const id = randomUUID();
  const issuer = `https://${id.slice(0, 8)}.zitadel.cloud`;
  const now = new Date().toISOString();
  return {
    id,
    issuer,
    method: "client_secret",
    clientId: "demo-api",
    secretEnvelope: keyring.seal(secret, introspectionClientContext(id, issuer, "demo-api")),
    keyId: null,
    createdAt: now,
    createdBy: "Ada Admin",
    updatedAt: now,
    version: 1,
  };
}

describe("rotateIntrospectionClients", () => {
  it("re-wraps each client's secret under the new key, skips current ones, and reports what it cannot open", async () => {
    const store = await createStore({ driver: "sqlite", path: join(dir, "console.sqlite") });
    try {
      const audit = { actor: "system", action: "introspection_client.create" as const, outcome: "success" as const };
      const old = client(ringA, "demo-api-secret-one");
      const current = client(onlyB, "demo-api-secret-two");
      const lost = client(new Keyring(randomBytes(32)), "demo-api-secret-lost");
      for (const row of [old, current, lost]) await store.introspectionClients.create(row, audit);

      const result = await rotateIntrospectionClients(store.introspectionClients, rotating);
      expect(result).toMatchObject({ scanned: 3, rewrapped: 1, alreadyCurrent: 1, changedMeanwhile: 0, failed: 1 });
      expect(result.failures.map((failure) => failure.introspectionClientId)).toEqual([lost.id]);

      const rotated = await store.introspectionClients.get(old.id);
      expect(envelopeKid(rotated?.secretEnvelope ?? "")).toBe(onlyB.encryptKid);
      expect(onlyB.open(rotated?.secretEnvelope ?? "", introspectionClientContext(old.id, old.issuer, "demo-api"))).toBe(
        "demo-api-secret-one",
      );
      expect(() => ringA.open(rotated?.secretEnvelope ?? "", introspectionClientContext(old.id, old.issuer, "demo-api"))).toThrow(
        DecryptError,
      );
      expect(await rotateIntrospectionClients(store.introspectionClients, rotating)).toMatchObject({ rewrapped: 0, alreadyCurrent: 2 });
    } finally {
      await store.close();
    }
  });

  it("leaves an envelope that changed meanwhile alone (compare-and-set)", async () => {
    const row = client(ringA, "demo-api-secret-one");
    const racing = { list: async () => [row], rewrap: async () => false };
    expect(await rotateIntrospectionClients(racing, rotating)).toMatchObject({ scanned: 1, rewrapped: 0, changedMeanwhile: 1 });
  });
});
