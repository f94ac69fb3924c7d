import "server-only";
import { getEnv } from "@/lib/env";
import { getKeyring } from "@/lib/server/crypto";
import { verifyKeyring } from "@/lib/server/crypto/verify-keyring";
import { prepareLimits } from "@/lib/server/limits";
import { getLogger } from "@/lib/server/logger";
import { getStore } from "@/lib/server/store";

// Called once from instrumentation.ts: settings, store (migrated), rate-limit table and keyring must all be usable before
// the first request, and the keyring must open what the store already holds (fail closed, R-S3).

let prepared: Promise<void> | undefined;

export function prepareServer(): Promise<void> {
  prepared ??= prepare().catch((error: unknown) => {
    prepared = undefined;
    throw error;
  });
  return prepared;
}

async function prepare(): Promise<void> {
  getEnv();
  const keyring = getKeyring();
  const store = await getStore();
  const check = await verifyKeyring(store, keyring);
  await prepareLimits();
  getLogger().info(
    { driver: store.driver, encryptKid: keyring.encryptKid, secrets: check.secrets, secretsByKid: check.byKid },
    "store migrated and keyring verified",
  );
}
