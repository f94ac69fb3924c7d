import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import { Kysely } from "kysely";
import { KyselyStore } from "../kysely-store";
import { migrateToLatest } from "../migrations";
import type { Database } from "../schema";
import { createSqliteDialect } from "../sqlite";
import type { Store } from "../types";

/** A store over a connection the test set up itself, e.g. with PRAGMA max_page_count standing in for a full disk. */
export async function sqliteStoreOn(database: BetterSqlite3.Database): Promise<Store> {
  const db = new Kysely<Database>({ dialect: createSqliteDialect(database) });
  await migrateToLatest(db as unknown as Kysely<unknown>);
  return new KyselyStore(db, { driver: "sqlite", database });
}
