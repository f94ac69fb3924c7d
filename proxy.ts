import { NextResponse, type NextRequest } from "next/server";

// Runs before every page and next-auth's screens (see `config.matcher`; the JSON API's headers are static, in
// next.config.mjs, so its requests skip this and their bodies are not read before the session check):
// - pages get a Content-Security-Policy whose only script source is a fresh nonce: Next reads it from the request's
//   CSP header and stamps it on its own scripts, so an injected <script> has nothing to match;
// - nothing of the app may be cached (sessions, secrets' metadata, audit entries);
// - comfort only: visitors without a session cookie are sent to sign-in, keeping where they were going.
//   Every page and API handler still checks the session itself.

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
// `next dev` evaluates modules with eval(); a production build never does.
const IS_DEV = process.env.NODE_ENV === "development";

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = pagePolicy(nonce);
  if (isPage(pathname) && !hasSessionCookie(request)) {
    const url = new URL("/login", request.url);
    url.searchParams.set("callbackUrl", `${pathname}${request.nextUrl.search}`);
    return withCommonHeaders(NextResponse.redirect(url), policy);
  }
  // The nonce travels to the renderer on the request only (`x-nonce` for a page that adds its own <Script>, read with
  // headers()); the response gets none of the request's headers.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  return withCommonHeaders(NextResponse.next({ request: { headers } }), policy);
}

function pagePolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced bootstrap load Next's chunks; 'self' is only a fallback for old browsers.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${IS_DEV ? " 'unsafe-eval'" : ""}`,
    // React renders `style` attributes, which no nonce can cover; styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // next-auth's own sign-out screen posts a form to this origin.
    "form-action 'self'",
  ].join("; ");
}

function withCommonHeaders(response: NextResponse, policy: string): NextResponse {
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

function isPage(pathname: string): boolean {
  return !pathname.startsWith("/api/") && pathname !== "/login";
}

function hasSessionCookie(request: NextRequest): boolean {
  return SESSION_COOKIES.some((name) => request.cookies.has(name));
}

export const config = {
  // Everything but Next's own files (build output, dev tooling), the files in public/, which are the same for everyone
  // and may be cached, shared reports (app/shared: no session, a policy of their own), and the JSON API; next-auth's
  // routes under /api/auth/ render HTML screens (sign-out), so they get the page policy.
  matcher: ["/((?!_next/|favicon\\.svg$|robots\\.txt$|shared/|api/(?!auth/)).*)"],
};
