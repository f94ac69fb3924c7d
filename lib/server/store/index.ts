import "server-only";
import { Kysely, sql } from "kysely";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/server/logger";
import { processSingleton } from "@/lib/server/process-singleton";
import { KyselyStore } from "./kysely-store";
import { migrateToLatest } from "./migrations";
import { createPostgresDialect, createPostgresPool, type PostgresOptions } from "./postgres";
import type { Database } from "./schema";
import { createSqliteDialect, openSqliteDatabase } from "./sqlite";
import type { Store, StoreConnection } from "./types";

// Opens the store the settings ask for (PostgreSQL when DATABASE_URL is set, else SQLite), migrated and shared.

export * from "./types";
export { isStoreUnavailable, StoreUnavailableError } from "./unavailable";

export type StoreOptions = { driver: "sqlite"; path: string } | ({ driver: "postgres" } & PostgresOptions);

/** Opens a store and brings its schema up to date. Callers own it and must close() it. */
export async function createStore(options: StoreOptions): Promise<Store> {
  const connection: StoreConnection =
    options.driver === "sqlite"
      ? { driver: "sqlite", database: openSqliteDatabase(options.path) }
      : { driver: "postgres", pool: createPostgresPool(options) };
  const db =
    connection.driver === "sqlite"
      ? new Kysely<Database>({ dialect: createSqliteDialect(connection.database) })
      : new Kysely<Database>({ dialect: createPostgresDialect(connection.pool) });
  try {
    if (options.driver === "postgres" && options.schema) await db.schema.createSchema(options.schema).ifNotExists().execute();
    await migrateToLatest(db as unknown as Kysely<unknown>, {
      schema: options.driver === "postgres" ? await currentSchema(db) : undefined,
    });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, connection);
}

// The schema the tables go to (search_path): the migration tables must be looked for there, not in any schema.
async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error("PostgreSQL has no current schema: set search_path for the console's database user");
  return schema;
}

// One store per process, shared by every route bundle; a failed open is forgotten so the next call tries again.
type OpenCheck = (store: Store) => Promise<void>;
const shared = processSingleton("store", () => ({
  pending: undefined as Promise<Store> | undefined,
  check: undefined as OpenCheck | undefined,
}));

/** Runs `check` on the shared store each time it is opened, before anyone gets it (the server verifies its keys). */
export function checkStoreOnOpen(check: OpenCheck): void {
  shared.check = check;
}

export function getStore(): Promise<Store> {
  shared.pending ??= openShared().catch((error: unknown) => {
    shared.pending = undefined;
    throw error;
  });
  return shared.pending;
}

async function openShared(): Promise<Store> {
  const store = await createStore(storeOptionsFromEnv());
  try {
    await shared.check?.(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** Closes the shared store (graceful shutdown); the next getStore() opens a new one. */
export async function closeStore(): Promise<void> {
  const pending = shared.pending;
  shared.pending = undefined;
  const store = await pending?.catch(() => undefined);
  await store?.close();
}

function storeOptionsFromEnv(): StoreOptions {
  const env = getEnv();
  if (!env.DATABASE_URL) return { driver: "sqlite", path: env.SQLITE_PATH };
  return {
    driver: "postgres",
    url: env.DATABASE_URL,
    onPoolError: (error) => getLogger().warn({ err: error }, "an idle PostgreSQL connection failed; the pool replaces it"),
  };
}
