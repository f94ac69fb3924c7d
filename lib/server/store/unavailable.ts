import "server-only";
import { brandedError } from "@/lib/branded-error";

// Errors that mean "the database is overloaded, down or cannot write: try again later" (503), not "the request
// was wrong". Nothing was saved when one of these is thrown: the transaction did not commit.

const POSTGRES_CODES = new Set([
  "57014", // statement_timeout cancelled the query
  "57P01", // admin shutdown
  "57P03", // cannot connect now (starting up / shutting down)
  "53300", // too many connections
  "53100", // disk full
  "08000",
  "08001",
  "08003",
  "08006", // connection failures
  "40001", // serialization failure
  "40P01", // deadlock
  "55P03", // lock not available
]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
// SQLite cannot write its file: disk full, file or directory read-only, or an I/O error (SQLITE_IOERR_*).
const SQLITE_CANNOT_WRITE = /^SQLITE_(FULL|READONLY|IOERR)/;
// After a failed write SQLite may already have rolled the transaction back; the ROLLBACK that follows then fails.
const SQLITE_ROLLED_BACK = "cannot rollback - no transaction is active";

/** The database cannot take writes right now (disk full, read-only, I/O error); the message says so and why. */
export class StoreUnavailableError extends brandedError("StoreUnavailableError") {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** SQLite's "cannot write" errors as a StoreUnavailableError that says so; any other error unchanged. */
export function toSqliteWriteFailure(error: unknown): unknown {
  const code = codeOf(error) ?? "";
  if (!SQLITE_CANNOT_WRITE.test(code) && !(error instanceof Error && error.message === SQLITE_ROLLED_BACK)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(
    `the SQLite database cannot write (${code || "rolled back"}: ${reason}); nothing was saved — free disk space or make the database file and its directory writable`,
    { cause: error },
  );
}

export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof StoreUnavailableError) return true;
    const code = codeOf(current);
    if (code && (POSTGRES_CODES.has(code) || NETWORK_CODES.has(code))) return true;
    if (code && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || SQLITE_CANNOT_WRITE.test(code))) return true;
    if (current.message === SQLITE_ROLLED_BACK) return true;
    // pg-pool's wait for a free connection ran out (connectionTimeoutMillis); it sets no code.
    if (current.message === "timeout exceeded when trying to connect" || current.message === "Connection terminated unexpectedly")
      return true;
  }
  return false;
}
