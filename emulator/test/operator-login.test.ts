import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/server";
import { basic, decodeJwtPart, startTestEmulator } from "./support";

// Operator sign-in as next-auth does it: authorization code + PKCE through the /ui/login form, then userinfo.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const CLIENT = { id: "m2m-console", secret: "m2m-console-demo-secret" };
const REDIRECT_URI = "http://localhost:3000/api/auth/callback/zitadel";

/** A browser in miniature: a cookie jar and manual redirects. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<{ status: number; location?: string; text: string }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = response.headers.get("location") ?? undefined;
    return { status: response.status, location: location && new URL(location, url).toString(), text: await response.text() };
  }

  /** Follows redirects inside the emulator; stops at the first page or at the app's callback. */
  async follow(url: string, init?: RequestInit): Promise<{ url: string; status: number; text: string }> {
    let current = url;
    let answer = await this.request(current, init);
    for (let hops = 0; answer.location && hops < 10; hops++) {
      current = answer.location;
      if (current.startsWith(REDIRECT_URI)) return { url: current, status: answer.status, text: "" };
      answer = await this.request(current);
    }
    return { url: current, status: answer.status, text: answer.text };
  }
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(challenge: string, state: string): string {
  const params = new URLSearchParams({
    client_id: CLIENT.id,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid profile email",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return `${emulator.url}/oauth/v2/authorize?${params}`;
}

async function signIn(browser: Browser, loginName: string, password: string, verifier: string, challenge: string) {
  const loginPage = await browser.follow(authorizeUrl(challenge, "state-123"));
  expect(new URL(loginPage.url).pathname).toMatch(/^\/ui\/login\/[\w-]+$/);
  expect(loginPage.status).toBe(200);
  expect(loginPage.text).toContain('<label for="loginName">Login name</label>');
  expect(loginPage.text).toContain('<label for="password">Password</label>');
  expect(loginPage.text).toContain('<button type="submit">Sign in</button>');
  expect(loginPage.text).not.toMatch(/https?:\/\/(?!localhost)/);

  const post = (name: string, pass: string) =>
    browser.follow(loginPage.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ loginName: name, password: pass }).toString(),
    });
  const failed = await post(loginName, `${password}-wrong`);
  expect(failed.status).toBe(200);
  expect(failed.text).toContain("Wrong login name or password");

  const callback = await post(loginName, password);
  const params = new URL(callback.url).searchParams;
  expect(params.get("state")).toBe("state-123");
  expect(params.get("iss")).toBe(emulator.issuer);
  return { code: params.get("code")!, verifier };
}

async function exchange(code: string, verifier: string, style: "basic" | "post") {
  const form: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (style === "basic") headers.authorization = basic(CLIENT.id, CLIENT.secret);
  else Object.assign(form, { client_id: CLIENT.id, client_secret: CLIENT.secret });
  const response = await fetch(`${emulator.url}/oauth/v2/token`, { method: "POST", headers, body: new URLSearchParams(form).toString() });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe("operator sign-in", () => {
  it.each(["basic", "post"] as const)("runs code + PKCE through the login form (client_secret_%s) and serves userinfo", async (style) => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const { code } = await signIn(browser, "ada", "demo-password", verifier, challenge);
    const tokens = await exchange(code, verifier, style);
    expect(tokens.status).toBe(200);
    const idToken = decodeJwtPart(tokens.body.id_token!, 1);
    expect(idToken).toMatchObject({ sub: "400000000000000001", aud: CLIENT.id, iss: emulator.issuer });
    // Like ZITADEL's default, profile and email claims come from userinfo, not the id_token.
    expect(idToken).not.toHaveProperty("email");

    const userinfo = await fetch(`${emulator.url}/oidc/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({
      sub: "400000000000000001",
      name: "Ada Admin",
      preferred_username: "ada",
      email: "ada@acme.localhost",
      email_verified: true,
      "urn:zitadel:iam:org:project:roles": { admin: { "200000000000000001": "acme.localhost" } },
    });
  });

  it("revokes an operator token with client_secret_post, after which userinfo refuses it", async () => {
    const { verifier, challenge } = pkce();
    const { code } = await signIn(new Browser(), "oscar", "demo-password", verifier, challenge);
    const tokens = await exchange(code, verifier, "basic");
    const revoke = await fetch(`${emulator.url}/oauth/v2/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.body.access_token!, client_id: CLIENT.id, client_secret: CLIENT.secret }).toString(),
    });
    expect(revoke.status).toBe(200);
    const userinfo = await fetch(`${emulator.url}/oidc/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    expect(userinfo.status).toBe(401);
    expect(await userinfo.text()).toBe('{"error":"access_denied","error_description":"access token invalid"}\n');
  });

  it("introspects an operator token as active only for apps of the same project", async () => {
    const { verifier, challenge } = pkce();
    const { code } = await signIn(new Browser(), "vera", "demo-password", verifier, challenge);
    const tokens = await exchange(code, verifier, "basic");
    const introspect = (id: string, secret: string) =>
      fetch(`${emulator.url}/oauth/v2/introspect`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(id, secret) },
        body: new URLSearchParams({ token: tokens.body.access_token! }).toString(),
      }).then((r) => r.json());
    expect(await introspect(CLIENT.id, CLIENT.secret)).toMatchObject({ active: true, sub: "400000000000000003", client_id: CLIENT.id });
    expect(await introspect("demo-api", "demo-api-secret")).toEqual({ active: false });
  });

  it("refuses a code exchange without the PKCE verifier", async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const { code } = await signIn(browser, "vera@acme.localhost", "demo-password", verifier, challenge);
    const tokens = await exchange(code, "wrong-verifier-wrong-verifier-wrong-verifier", "basic");
    expect(tokens.status).toBe(400);
    expect(tokens.body.error).toBe("invalid_grant");
  });

  it("refuses an authorization request without a code challenge", async () => {
    const url = new URL(authorizeUrl("x", "s"));
    url.searchParams.delete("code_challenge");
    url.searchParams.delete("code_challenge_method");
    const answer = await new Browser().request(url.toString());
    expect(answer.location).toBeDefined();
    expect(new URL(answer.location!).searchParams.get("error")).toBe("invalid_request");
  });

  it("signs out at /oidc/v1/end_session without a confirmation click", async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const { code } = await signIn(browser, "oscar", "demo-password", verifier, challenge);
    const tokens = await exchange(code, verifier, "basic");
    const params = new URLSearchParams({ id_token_hint: tokens.body.id_token!, post_logout_redirect_uri: "http://localhost:3000/login" });
    const page = await browser.request(`${emulator.url}/oidc/v1/end_session?${params}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("form.submit()");
    const action = /<form[^>]*action="([^"]+)"/.exec(page.text)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)![1]!;
    const done = await browser.request(new URL(action, emulator.url).toString(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }).toString(),
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe("http://localhost:3000/login");
  });
});
