import { NextResponse, type NextRequest } from "next/server";

// Runs before every request but static assets (see `config.matcher`):
// - pages get a Content-Security-Policy whose only script source is a fresh nonce: Next reads it from the request's
//   CSP header and stamps it on its own scripts, so an injected <script> has nothing to match;
// - the JSON API gets a policy that allows nothing, since a browser should never render it;
// - nothing of the app may be cached (sessions, secrets' metadata, audit entries);
// - comfort only: visitors without a session cookie are sent to sign-in, keeping where they were going.
//   Every page and API handler still checks the session itself.

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
// `next dev` evaluates modules with eval(); a production build never does.
const IS_DEV = process.env.NODE_ENV === "development";

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (isOwnApi(pathname)) {
    const response = withCommonHeaders(NextResponse.next(), API_POLICY);
    // These headers replace the route's own: the route cannot ask for no-transform itself.
    if (isSmallDiagnosticAnswer(request.method, pathname) || isEventStream(request.method, pathname)) {
      response.headers.set("Cache-Control", "no-store, no-transform");
    }
    return response;
  }

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

// base-uri too: Next answers an unknown /api/* path with its HTML 404 page.
const API_POLICY = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function withCommonHeaders(response: NextResponse, policy: string): NextResponse {
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

// next-auth's routes live under /api/auth but render HTML screens (sign-out), so they get the page policy.
function isOwnApi(pathname: string): boolean {
  return pathname.startsWith("/api/") && !pathname.startsWith("/api/auth/");
}

// A token test's answer is about 2 KB of JSON, an org lookup's under 1 KB. Next.js gzips every answer a client accepts
// gzip for, whatever its size, through the thread pool: for these that cost a millisecond or more of every test, on
// loopback and on a LAN alike, to save a KB or two. `no-transform` is what Next.js's compression honours (and any
// proxy in front, per RFC 9111); every other answer, long lists and exports included, is still compressed, by
// Next.js or by a reverse proxy that compresses in production.
const DIAGNOSTIC_POST = /^\/api\/credentials\/[^/]+\/(?:token|org)$/;

function isSmallDiagnosticAnswer(method: string, pathname: string): boolean {
  return method === "POST" && DIAGNOSTIC_POST.test(pathname);
}

// A run's Server-Sent Events: gzip would hold each event in the compressor's buffer instead of sending it.
const RUN_EVENTS = /^\/api\/runs\/[^/]+\/events$/;

function isEventStream(method: string, pathname: string): boolean {
  return method === "GET" && RUN_EVENTS.test(pathname);
}

function isPage(pathname: string): boolean {
  return !pathname.startsWith("/api/") && pathname !== "/login";
}

function hasSessionCookie(request: NextRequest): boolean {
  return SESSION_COOKIES.some((name) => request.cookies.has(name));
}

export const config = {
  // Everything but Next's own files (build output, dev tooling) and the files in public/, which are the same for
  // everyone and may be cached.
  matcher: ["/((?!_next/|favicon\\.svg$|robots\\.txt$).*)"],
};
