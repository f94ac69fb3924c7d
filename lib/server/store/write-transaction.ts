import "server-only";
import { sql, type Kysely, type Transaction } from "kysely";
import type { SqlDialect } from "./credential-list";
import type { Database } from "./schema";
import { StoreConflictError } from "./types";

// The write transaction the credential, audit and test-run sub-stores share: a change and its audit row commit
// together, and a unique violation anywhere in it is the caller's duplicate.

export async function writeTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreConflictError("duplicate");
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

// secure_delete zeroes a removed row in the database file, but SQLite's write-ahead log still holds the frames
// that wrote it until a checkpoint. Checkpointing and truncating the log right after removing a secret means it is
// gone from disk once the call returns. Best effort: the removal has committed, and a reader in another process
// only postpones the truncation to the next checkpoint.
export async function eraseFromDisk(db: Kysely<Database>, dialect: SqlDialect): Promise<void> {
  if (dialect !== "sqlite") return;
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db).catch(() => undefined);
}
