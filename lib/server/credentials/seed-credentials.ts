import "server-only";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { createCredentialSchema } from "@/lib/schemas/credential";
import { createIntrospectionClientSchema } from "@/lib/schemas/introspection";
import { SYSTEM_ACTOR } from "@/lib/server/audit";
import { createIntrospectionClient } from "@/lib/server/introspection";
import { getLogger } from "@/lib/server/logger";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { insertCredential } from "./create-credential";

// SEED_CREDENTIALS_FILE: a store that holds no sealed secret yet starts with these credentials and introspection
// clients, registered by `system` through the same use cases (and audit rows) as a person's. `npm run demo` uses it
// so a newcomer meets the demo table registered, not an empty list.

const seedFileSchema = z.strictObject({
  credentials: z.array(createCredentialSchema).max(1000),
  introspectionClients: z.array(createIntrospectionClientSchema).max(100).default([]),
});

const seedContext: RequestContext = {
  operator: { ...SYSTEM_ACTOR, email: null, login: null, role: "admin", sessionIdHash: "" },
  requestId: randomUUID(),
  ip: null,
};

/** Registers the file's entries when the store is new; answers how many were registered (0 when it was not new). */
export async function seedCredentials(path: string): Promise<number> {
  const store = await getStore();
  if ((await store.secrets.listEnvelopes(null, 1)).length > 0) return 0;
  const parsed = seedFileSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) throw new Error(`SEED_CREDENTIALS_FILE ${path}: ${z.prettifyError(parsed.error)}`);
  for (const client of parsed.data.introspectionClients) await createIntrospectionClient(seedContext, client);
  for (const credential of parsed.data.credentials) await insertCredential(seedContext, credential, { detail: { seeded: true } });
  const count = parsed.data.credentials.length;
  getLogger().info({ path, credentials: count, introspectionClients: parsed.data.introspectionClients.length }, "seeded a new store");
  return count;
}
