import "server-only";

// The one reader of an upstream's Retry-After, for the diagnosis shown to the operator and for the retry loops alike.

// A Retry-After beyond a day is not a plan anyone can follow: treated as absent.
const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;
// HTTP-date ("Sun, 06 Nov 1994 08:49:37 GMT" and its obsolete spellings); Date.parse alone also takes "-5" as a year.
const HTTP_DATE = /^[A-Z][a-z]{2,8},? .+ GMT$/;

/** Seconds to wait from a Retry-After value (delay-seconds or an HTTP date); null when absent, unreadable or over a day. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  const seconds = /^\d+$/.test(value) ? Number(value) : HTTP_DATE.test(value) ? Math.ceil((Date.parse(value) - now) / 1000) : NaN;
  if (!Number.isFinite(seconds) || seconds > MAX_RETRY_AFTER_SECONDS) return null;
  return Math.max(0, seconds);
}
