import "server-only";
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult } from "kysely";
import { toSqliteWriteFailure } from "./unavailable";

// SQLite for several writers: WAL, a 5 s busy wait, foreign keys, BEGIN IMMEDIATE; plus secure_delete and a start-up
// page check. Statements are prepared once per SQL text, not once per query.

const BUSY_TIMEOUT_MS = 5000;
// Kysely prepares every query anew; the console runs a few dozen distinct statements, so keep them. The bound only
// matters for SQL whose text varies (IN lists of different lengths).
const MAX_CACHED_STATEMENTS = 256;

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #database: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
  }

  // Disk full, read-only file or I/O error: say that the database cannot write, whatever statement hit it.
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return {
      executeQuery: async (query) => {
        try {
          return this.#run(query);
        } catch (error) {
          throw toSqliteWriteFailure(error);
        }
      },
      // A stream holds its statement until it is read to the end: it gets a statement of its own.
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
  }

  // What Kysely's SQLite connection does, with a reused statement. Safe because Kysely hands out the one connection
  // to one caller at a time and a statement runs to completion synchronously.
  #run<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.#prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#database.prepare(sql);
      this.#statements.set(sql, statement);
      if (this.#statements.size > MAX_CACHED_STATEMENTS) this.#statements.delete(this.#statements.keys().next().value!);
    }
    return statement;
  }

  // A deferred BEGIN that reads then writes fails with SQLITE_BUSY_SNAPSHOT without waiting; IMMEDIATE waits its turn.
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  // SQLite rolls a transaction back by itself after some failed writes (disk full, I/O error); a second ROLLBACK
  // would then fail and hide the error that explains what happened.
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#database.inTransaction) await super.rollbackTransaction(connection);
  }

  // A stopped server leaves one self-contained file: the WAL folded in and emptied, even if another process
  // (the rotate script, a second instance) still has the database open and so keeps the WAL file itself.
  override async destroy(): Promise<void> {
    if (this.#database.open) {
      try {
        this.#database.pragma("wal_checkpoint(TRUNCATE)");
      } catch {
        // Closing anyway: SQLite replays the WAL on the next open.
      }
    }
    await super.destroy();
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
    return new ImmediateSqliteDriver(this.#database);
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
    // With WAL, NORMAL syncs at checkpoints instead of at every commit: a crash of the app loses nothing and the file
    // cannot be corrupted; a power cut or OS crash may roll back the last commits. FULL cost a disk flush per write
    // (five per token test).
    database.pragma("synchronous = NORMAL");
    // Deleted rows are overwritten with zeros, not just unlinked: a deleted secret envelope leaves no readable copy.
    database.pragma("secure_delete = ON");
    assertIntact(database, file);
  } catch (error) {
    database.close();
    throw isDamaged(error) ? new Error(damagedMessage(file, [(error as Error).message]), { cause: error }) : error;
  }
  return database;
}

function isDamaged(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_NOTADB" || (typeof code === "string" && code.startsWith("SQLITE_CORRUPT"));
}

// Damaged pages would otherwise surface later as 500s on whichever request touches them, or as silently missing
// rows. quick_check reads every page once (O(size), without the index cross-checks of integrity_check).
function assertIntact(database: BetterSqlite3.Database, file: string): void {
  const rows = database.pragma("quick_check") as { quick_check: string }[];
  const problems = rows.flatMap((row) => row.quick_check.split("\n")).filter((line) => line && !line.startsWith("***"));
  if (problems.length === 1 && problems[0] === "ok") return;
  throw new Error(damagedMessage(file, problems));
}

function damagedMessage(file: string, problems: string[]): string {
  const shown = problems.slice(0, 3).join("; ") + (problems.length > 3 ? `; and ${problems.length - 3} more` : "");
  return (
    `The SQLite database ${file} is damaged (${shown}). The console will not start on it: stop every process that ` +
    `uses it, keep a copy of the damaged file, then restore ${file} from your last backup (or rescue what is readable ` +
    `with \`sqlite3 ${file} .recover | sqlite3 restored.sqlite\` and put restored.sqlite in its place), and start again.`
  );
}

/** A dialect over the file at `source`, or over a connection the caller opened with openSqliteDatabase. */
export function createSqliteDialect(source: string | BetterSqlite3.Database): SqliteDialect {
  return new ImmediateSqliteDialect(typeof source === "string" ? openSqliteDatabase(source) : source);
}
