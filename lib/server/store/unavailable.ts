import "server-only";

// Errors that mean "the database is overloaded or down, try again later" (503), not "the request was wrong".

const POSTGRES_CODES = new Set([
  "57014", // statement_timeout cancelled the query
  "57P01", // admin shutdown
  "57P03", // cannot connect now (starting up / shutting down)
  "53300", // too many connections
  "08000",
  "08001",
  "08003",
  "08006", // connection failures
  "40001", // serialization failure
  "40P01", // deadlock
  "55P03", // lock not available
]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (POSTGRES_CODES.has(code) || NETWORK_CODES.has(code)) return true;
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return true;
  }
  // pg-pool's wait for a free connection ran out (connectionTimeoutMillis); it sets no code.
  return error.message === "timeout exceeded when trying to connect" || error.message === "Connection terminated unexpectedly";
}
