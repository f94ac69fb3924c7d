import "server-only";
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from "kysely";

// SQLite set up as security.md R-R4 asks: WAL, a 5 s busy wait, foreign keys, full fsync, BEGIN IMMEDIATE.

const BUSY_TIMEOUT_MS = 5000;

// A deferred BEGIN that reads then writes fails with SQLITE_BUSY_SNAPSHOT without waiting; IMMEDIATE waits its turn.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

// Kysely's SQLite adapter runs migrations outside a transaction; SQLite DDL is transactional, so use one.
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;

  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }
}

/** Opens (creating if needed) the database file: directory 0700, file 0600, pragmas checked. */
export function openSqliteDatabase(path: string): BetterSqlite3.Database {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Create the file ourselves so it is never briefly world-readable; SQLite gives -wal/-shm the same mode.
  closeSync(openSync(file, "a", 0o600));
  chmodSync(file, 0o600);
  const database = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    const mode = database.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") throw new Error(`SQLite at ${file} cannot use WAL (journal_mode is ${String(mode)})`);
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma("foreign_keys = ON");
    database.pragma("synchronous = FULL");
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

export function createSqliteDialect(path: string): SqliteDialect {
  return createSqliteDialectOn(openSqliteDatabase(path));
}

/** The dialect over a connection opened by openSqliteDatabase (the store shares it with the rate limiter). */
export function createSqliteDialectOn(database: BetterSqlite3.Database): SqliteDialect {
  return new ImmediateSqliteDialect(database);
}
