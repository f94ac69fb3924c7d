import "server-only";
import { randomBytes } from "node:crypto";
import { createStore } from "@/lib/server/store";
import { auditEntry, newCredential } from "@/lib/server/store/testing/fixtures";
import type { Store } from "@/lib/server/store/types";
import { secretContext, tokenContext } from "./contexts";
import type { Keyring } from "./keyring";

// A SQLite store holding secrets sealed under one key, for the rotation and start-up tests.

export interface SeededSecret {
  id: string;
  plaintext: string;
  context: string[];
}

export async function seedStore(path: string, keyring: Keyring, count: number): Promise<{ store: Store; secrets: SeededSecret[] }> {
  const store = await createStore({ driver: "sqlite", path });
  const secrets: SeededSecret[] = [];
  for (let i = 0; i < count; i += 1) {
    const row = newCredential();
    const plaintext = `secret-${i}-${randomBytes(8).toString("hex")}`;
    const context = secretContext(row.id, row.issuer, row.clientId);
    await store.credentials.create({ ...row, secretEnvelope: keyring.seal(plaintext, context) }, auditEntry("credential.create"));
    await store.tokenCache.put({
      credentialId: row.id,
      scopeKey: "openid",
      tokenEnvelope: keyring.seal("access-token", tokenContext(row.id, "openid")),
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      obtainedAt: new Date().toISOString(),
      metadata: {},
    });
    secrets.push({ id: row.id, plaintext, context });
  }
  await store.credentials.create(newCredential(), auditEntry("credential.create"));
  return { store, secrets: secrets.sort((a, b) => a.id.localeCompare(b.id)) };
}
