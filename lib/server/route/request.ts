import "server-only";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";

// What a request says about where it came from: its origin (for writes) and, behind our own proxy, its client IP.

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

// Route handlers have no CSRF protection of their own: a page on another site can make the operator's browser send
// a form post or a navigation with the session cookie. Fetch metadata and Origin tell such a request apart.
export function checkOrigin(request: Request): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") {
    throw new ApiError("bad_origin", "Cross-site requests are not allowed.");
  }
  if (request.headers.get("origin") !== getEnv().APP_ORIGIN) {
    throw new ApiError("bad_origin", "This request did not come from M2M Console.", {
      hint: `Send Origin: ${getEnv().APP_ORIGIN} with every change.`,
    });
  }
}

export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

// Forwarded-for headers are only believed behind a proxy the operator declared (TRUST_PROXY_HEADERS), and only
// the entry that proxy appended (the last): everything before it is whatever the client chose to send.
export function clientIp(request: Request): string | null {
  if (!getEnv().TRUST_PROXY_HEADERS) return null;
  return request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
}
