import "server-only";
import { Kysely } from "kysely";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/server/logger";
import { KyselyStore } from "./kysely-store";
import { migrateToLatest } from "./migrations";
import { createPostgresDialect, createPostgresPool, type PostgresOptions } from "./postgres";
import type { Database } from "./schema";
import { createSqliteDialectOn, openSqliteDatabase } from "./sqlite";
import type { Store, StoreConnection } from "./types";

// Opens the store the settings ask for (PostgreSQL when DATABASE_URL is set, else SQLite), migrated and shared.

export * from "./types";
export { isStoreUnavailable } from "./unavailable";

export type StoreOptions = { driver: "sqlite"; path: string } | ({ driver: "postgres" } & PostgresOptions);

/** Opens a store and brings its schema up to date. Callers own it and must close() it. */
export async function createStore(options: StoreOptions): Promise<Store> {
  const connection: StoreConnection =
    options.driver === "sqlite" ? { driver: "sqlite", database: openSqliteDatabase(options.path) } : { driver: "postgres", pool: createPostgresPool(options) };
  const db =
    connection.driver === "sqlite"
      ? new Kysely<Database>({ dialect: createSqliteDialectOn(connection.database) })
      : new Kysely<Database>({ dialect: createPostgresDialect(connection.pool) });
  try {
    if (options.driver === "postgres" && options.schema) await db.schema.createSchema(options.schema).ifNotExists().execute();
    await migrateToLatest(db as unknown as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, connection);
}

// On globalThis so Next.js dev reloads and separate server bundles share one connection (R-R4: one per process).
const STORE_KEY = Symbol.for("m2m-console.store");
type StoreGlobal = typeof globalThis & { [STORE_KEY]?: Promise<Store> };

export function getStore(): Promise<Store> {
  const global = globalThis as StoreGlobal;
  global[STORE_KEY] ??= createStore(storeOptionsFromEnv()).catch((error: unknown) => {
    delete global[STORE_KEY];
    throw error;
  });
  return global[STORE_KEY];
}

/** Closes the shared store (graceful shutdown); the next getStore() opens a new one. */
export async function closeStore(): Promise<void> {
  const global = globalThis as StoreGlobal;
  const pending = global[STORE_KEY];
  delete global[STORE_KEY];
  if (pending) await (await pending).close();
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
