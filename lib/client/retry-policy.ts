import { ApiError } from "@/lib/api-error";
import { backoffMs } from "@/lib/backoff";

// When SWR should ask again after a failed request: as late as the server's Retry-After says (a rate limit), never for
// a refusal that asking again cannot change (403, 404, 409, 422), otherwise with a growing pause, five times at most.

const MAX_RETRIES = 5;
const MAX_PAUSE_MS = 30_000;

/** Milliseconds until the next try, or null for none. */
export function retryDelayMs(error: unknown, retryCount: number): number | null {
  if (error instanceof ApiError) {
    if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
    if (error.status > 0 && error.status < 500) return null; // 0: the server was never reached
  }
  if (retryCount >= MAX_RETRIES) return null;
  return backoffMs(retryCount + 1, { baseMs: 1000, capMs: MAX_PAUSE_MS });
}
