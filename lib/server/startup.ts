import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { applyNextAuthUrl, getEnv } from "@/lib/env";
import { startAlertDelivery } from "@/lib/server/alerts";
import { seedCredentials } from "@/lib/server/credentials/seed-credentials";
import { getKeyring } from "@/lib/server/crypto";
import { verifyKeyring } from "@/lib/server/crypto/verify-keyring";
import { closeJobQueue } from "@/lib/server/jobs";
import { prepareLimits } from "@/lib/server/limits";
import { getLogger } from "@/lib/server/logger";
import { nodeVersionWarning } from "@/lib/server/node-version";
import { processSingleton } from "@/lib/server/process-singleton";
import { startProvisioningWorker } from "@/lib/server/provisioning";
import { interruptItemsInHand, startRunWorkers } from "@/lib/server/runs";
import { checkStoreOnOpen, closeStore, getStore, isStoreUnavailable } from "@/lib/server/store";

// Server start and stop, from instrumentation.ts. Settings, store (migrated) and keyring must be usable before the
// first request (the rate-limit table too), and the keyring must open what the store already holds
// (docs/security.md#keys-fail-closed). A database that is only unreachable is no reason to exit: requests answer 503 until it is back, then it is migrated and checked.

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
const CLOSE_DEADLINE_MS = 10_000;

let prepared: Promise<void> | undefined;
// Per process, not per module copy: /api/health is bundled apart from the copy instrumentation.ts prepares with.
const serving = processSingleton("serving", () => ({ isStoreReady: false }));

/** Whether the store is open, migrated and its keys checked: until then every API call answers 503. */
export function isStoreReady(): boolean {
  return serving.isStoreReady;
}
let ready: Promise<void> = Promise.resolve();

export function prepareServer(): Promise<void> {
  prepared ??= prepare().catch((error: unknown) => {
    prepared = undefined;
    throw error;
  });
  return prepared;
}

async function prepare(): Promise<void> {
  // next-auth v4 reads NEXTAUTH_URL itself; from here on it is the checked APP_ORIGIN.
  applyNextAuthUrl(getEnv());
  const keyring = getKeyring();
  // Every open of the shared store, at start or after the database came back, checks the keys before serving.
  checkStoreOnOpen(async (store) => {
    const check = await verifyKeyring(store, keyring);
    getLogger().info(
      { driver: store.driver, encryptKid: keyring.encryptKid, secrets: check.secrets, secretsByKid: check.byKid },
      "store migrated and keyring verified",
    );
  });
  await getStore();
  await prepareLimits();
  serving.isStoreReady = true;
}

/** Called once from instrumentation.ts. */
export async function bootServer(): Promise<void> {
  const nodeWarning = nodeVersionWarning(process.version);
  if (nodeWarning) getLogger().warn({ node: process.version }, nodeWarning);
  handleShutdownSignals();
  await startServing();
  // Test-all runs and scheduled checks work in the background once the store is ready (after an outage too).
  void serverReady()
    .then(startRunWorkers)
    .catch((error: unknown) => getLogger().error({ err: error }, "the test-all run workers could not start"));
  const seedFile = getEnv().SEED_CREDENTIALS_FILE;
  if (seedFile) {
    void serverReady()
      .then(() => seedCredentials(seedFile))
      .catch((error: unknown) => getLogger().error({ err: error }, "the seed credentials could not be registered"));
  }
  // Provisioning jobs queued here or on another instance (a dead one's included) run on this instance's worker too.
  void serverReady()
    .then(startProvisioningWorker)
    .catch((error: unknown) => getLogger().error({ err: error }, "the provisioning worker could not start"));
  // Alerts a stopped or crashed instance left in the outbox go out once the store is ready.
  void serverReady()
    .then(startAlertDelivery)
    .catch((error: unknown) => getLogger().error({ err: error }, "the alert outbox could not start"));
}

/**
 * Prepares the server. A bad setting, key or database file prints why and exits 1, instead of answering 500s; an
 * unreachable database is retried in the background (see serverReady) while requests answer 503.
 */
export async function startServing(retryFirstMs = RETRY_FIRST_MS): Promise<void> {
  try {
    await prepareServer();
  } catch (error) {
    if (!isStoreUnavailable(error)) return exitWith(error);
    getLogger().warn({ err: error }, "the database is unreachable; requests answer 503 until it is back");
    ready = retryUntilPrepared(retryFirstMs);
  }
}

/** Settles once the server is prepared (at once, unless the database was unreachable at start). */
export function serverReady(): Promise<void> {
  return ready;
}

async function retryUntilPrepared(firstDelayMs: number): Promise<void> {
  for (let delay = firstDelayMs; ; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
    // Unref'd: a server that is stopping does not wait for the next attempt.
    await sleep(delay, undefined, { ref: false });
    try {
      await prepareServer();
      return;
    } catch (error) {
      if (!isStoreUnavailable(error)) return exitWith(error);
      getLogger().warn({ err: error, retryInMs: Math.min(delay * 2, RETRY_MAX_MS) }, "the database is still unreachable");
    }
  }
}

function exitWith(error: unknown): void {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

/**
 * On SIGTERM/SIGINT `next start` stops accepting connections, lets in-flight requests finish, then calls
 * process.exit(143 or 130). We keep that drain and take over its exit: close the store first (SQLite checkpoints
 * and truncates its WAL; PostgreSQL ends its pool), then exit 0. With nobody else handling the signal, we close
 * and exit at once.
 */
export function handleShutdownSignals(): void {
  processSingleton("shutdown-signals", () => {
    const exit = process.exit.bind(process);
    let closing: Promise<void> | undefined;
    const closeAndExit = () => {
      // Workers stop first: the jobs in hand get a grace period to finish; a run item still being tested after it is
      // handed back and recorded as interrupted. Then the store they write to.
      closing ??= closeJobQueue()
        .catch(() => undefined)
        .then(interruptItemsInHand)
        .catch(() => undefined)
        .then(closeStore)
        .then(
          () => exit(0),
          (error: unknown) => {
            console.error(`could not close the store cleanly: ${error instanceof Error ? error.message : String(error)}`);
            exit(1);
          },
        );
      setTimeout(() => exit(1), CLOSE_DEADLINE_MS).unref();
    };
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        if (process.listenerCount(signal) === 0) return closeAndExit();
        process.exit = (() => closeAndExit()) as typeof process.exit;
      });
    }
    return true;
  });
}
