import { NextResponse, type NextRequest } from "next/server";

// Comfort only: send visitors without a session cookie to sign-in, keeping where they were going.
// Every page and API handler still checks the session itself.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSessionCookie) return NextResponse.next();
  const url = new URL("/login", request.url);
  url.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!api/|login|_next/|favicon.ico|icon.svg).*)"],
};
