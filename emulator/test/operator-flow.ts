import { createHash, randomBytes } from "node:crypto";
import { expect } from "vitest";
import { basic } from "./support";

// The operator sign-in as next-auth drives it: a browser with a cookie jar, authorization code + PKCE through the
// /ui/login form, the code exchange, userinfo.

export const CONSOLE = { id: "m2m-console", secret: "m2m-console-demo-secret", projectId: "500000000000000001" };
export const REDIRECT_URI = "http://localhost:3000/api/auth/callback/zitadel";
export const POST_LOGOUT_URI = "http://localhost:3000/login";
export const ROLES_SCOPE = "urn:zitadel:iam:org:projects:roles";
export const ROLES_CLAIM = "urn:zitadel:iam:org:project:roles";
export const CONSOLE_ROLES_CLAIM = `urn:zitadel:iam:org:project:${CONSOLE.projectId}:roles`;

export interface Page {
  url: string;
  status: number;
  text: string;
}

/** A browser in miniature: a cookie jar and manual redirects. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  /** A second browser holding a copy of this one's cookies, as someone who copied them would. */
  copy(): Browser {
    const twin = new Browser(this.base);
    for (const [name, value] of this.cookies) twin.cookies.set(name, value);
    return twin;
  }

  async request(url: string, init: RequestInit = {}): Promise<Page & { location?: string }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = response.headers.get("location") ?? undefined;
    return { url, status: response.status, location: location && new URL(location, url).toString(), text: await response.text() };
  }

  /**
   * Follows redirects while they stay on the emulator; stops at the first page or at a redirect away from it.
   * Pages that submit themselves by script (oidc-provider's form_post) are submitted, as a browser would.
   */
  async follow(url: string, init?: RequestInit): Promise<Page> {
    let answer = await this.request(url, init);
    for (let hops = 0; hops < 10; hops++) {
      if (answer.location) {
        if (new URL(answer.location).origin !== new URL(this.base).origin) return { url: answer.location, status: answer.status, text: "" };
        answer = await this.request(answer.location);
      } else if (answer.text.includes("document.forms[0].submit()")) {
        const action = /<form method="post" action="([^"]+)"/.exec(answer.text)![1]!;
        const fields = [...answer.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map(([, k, v]) => [k!, v!]);
        const body = new URLSearchParams(fields).toString();
        answer = await this.request(action, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
      } else {
        break;
      }
    }
    return { url: answer.url, status: answer.status, text: answer.text };
  }
}

export function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export interface AuthorizeOptions {
  scope?: string;
  state?: string;
  prompt?: string;
}

export function authorizeUrl(
  base: string,
  challenge: string,
  { scope = "openid profile email", state = "state-123", prompt }: AuthorizeOptions = {},
): string {
  const params = new URLSearchParams({
    client_id: CONSOLE.id,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  if (prompt) params.set("prompt", prompt);
  return `${base}/oauth/v2/authorize?${params}`;
}

/** The emulator's login form, as a user sees it: asks for a login name and a password. */
export function isLoginForm(page: Page): boolean {
  return (
    /^\/ui\/login\/[\w-]+$/.test(new URL(page.url).pathname) &&
    page.status === 200 &&
    page.text.includes('<label for="loginName">Login name</label>') &&
    page.text.includes('<label for="password">Password</label>')
  );
}

export function submitLogin(browser: Browser, loginFormUrl: string, loginName: string, password: string): Promise<Page> {
  return browser.follow(loginFormUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ loginName, password }).toString(),
  });
}

/** The app's callback URL carries the code and the state back. */
export function callbackCode(page: Page, state = "state-123"): string {
  expect(page.url.startsWith(`${REDIRECT_URI}?`)).toBe(true);
  const params = new URL(page.url).searchParams;
  expect(params.get("state")).toBe(state);
  return params.get("code")!;
}

export async function exchangeCode(base: string, code: string, verifier: string, style: "basic" | "post" = "basic") {
  const form: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (style === "basic") headers.authorization = basic(CONSOLE.id, CONSOLE.secret);
  else Object.assign(form, { client_id: CONSOLE.id, client_secret: CONSOLE.secret });
  const response = await fetch(`${base}/oauth/v2/token`, { method: "POST", headers, body: new URLSearchParams(form).toString() });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** The whole sign-in of a fresh login: authorize, login form, callback, code exchange. Returns the token response. */
export async function signIn(browser: Browser, base: string, loginName: string, options: AuthorizeOptions = {}) {
  const { verifier, challenge } = pkce();
  const form = await browser.follow(authorizeUrl(base, challenge, options));
  expect(isLoginForm(form)).toBe(true);
  const callback = await submitLogin(browser, form.url, loginName, "demo-password");
  const tokens = await exchangeCode(base, callbackCode(callback, options.state), verifier);
  expect(tokens.status).toBe(200);
  return tokens.body as { access_token: string; id_token: string };
}

export async function userinfo(base: string, accessToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}/oidc/v1/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}
