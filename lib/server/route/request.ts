import "server-only";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import { clientIpOf } from "@/lib/server/client-ip";

// What a request says about where it came from: its origin (for writes) and, behind our own proxy, its client IP (lib/server/client-ip.ts).

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

export function clientIp(request: Request): string | null {
  return clientIpOf(request.headers);
}
