import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authorizeUrl,
  Browser,
  callbackCode,
  CONSOLE,
  CONSOLE_ROLES_CLAIM,
  exchangeCode,
  isLoginForm,
  pkce,
  ROLES_CLAIM,
  signIn,
  submitLogin,
  userinfo,
} from "./operator-flow";
import { basic, decodeJwtPart, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// Operator sign-in as next-auth does it: authorization code + PKCE through the /ui/login form, then userinfo.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const NORA = "400000000000000004";

/** Authorization request up to the login form, with its markup and a wrong password checked on the way. */
async function loginForm(browser: Browser, challenge: string): Promise<string> {
  const form = await browser.follow(authorizeUrl(emulator.url, challenge));
  expect(isLoginForm(form)).toBe(true);
  expect(form.text).toContain('<button type="submit">Sign in</button>');
  expect(form.text).not.toMatch(/https?:\/\/(?!localhost)/);
  const failed = await submitLogin(browser, form.url, "ada", "demo-password-wrong");
  expect(failed.status).toBe(200);
  expect(failed.text).toContain("Wrong login name or password");
  return form.url;
}

describe("operator sign-in", () => {
  it.each(["basic", "post"] as const)("runs code + PKCE through the login form (client_secret_%s) and serves userinfo", async (style) => {
    const browser = new Browser(emulator.url);
    const { verifier, challenge } = pkce();
    const callback = await submitLogin(browser, await loginForm(browser, challenge), "ada", "demo-password");
    expect(new URL(callback.url).searchParams.get("iss")).toBe(emulator.issuer);
    const tokens = await exchangeCode(emulator.url, callbackCode(callback), verifier, style);
    expect(tokens.status).toBe(200);
    const idToken = decodeJwtPart(tokens.body.id_token!, 1);
    expect(idToken).toMatchObject({ sub: "400000000000000001", aud: CONSOLE.id, iss: emulator.issuer });
    // Like ZITADEL's default, profile and email claims come from userinfo, not the id_token.
    expect(idToken).not.toHaveProperty("email");

    expect(await userinfo(emulator.url, tokens.body.access_token!)).toMatchObject({
      sub: "400000000000000001",
      name: "Ada Admin",
      preferred_username: "ada",
      email: "ada@acme.localhost",
      email_verified: true,
      [ROLES_CLAIM]: { admin: { "200000000000000001": "acme.localhost" } },
      [CONSOLE_ROLES_CLAIM]: { admin: { "200000000000000001": "acme.localhost" } },
    });
  });

  it("signs in an operator without a role, who gets no roles claim at all", async () => {
    const tokens = await signIn(new Browser(emulator.url), emulator.url, "nora", {
      scope: "openid profile email urn:zitadel:iam:org:projects:roles",
    });
    const claims = await userinfo(emulator.url, tokens.access_token);
    expect(claims).toMatchObject({ sub: NORA, name: "Nora Newcomer", preferred_username: "nora", email: "nora@acme.localhost" });
    expect(Object.keys(claims).filter((name) => name.startsWith("urn:zitadel:iam:org:project"))).toEqual([]);
    const idToken = decodeJwtPart(tokens.id_token, 1);
    expect(idToken.sub).toBe(NORA);
    expect(Object.keys(idToken).filter((name) => name.startsWith("urn:zitadel:iam:org:project"))).toEqual([]);
  });

  it("asks for the password again with prompt=login although the browser is signed in", async () => {
    const browser = new Browser(emulator.url);
    await signIn(browser, emulator.url, "ada");
    // The live session alone signs the next request in without a form.
    const silent = await browser.follow(authorizeUrl(emulator.url, pkce().challenge, { state: "again" }));
    expect(callbackCode(silent, "again")).not.toBe("");

    const { verifier, challenge } = pkce();
    const form = await browser.follow(authorizeUrl(emulator.url, challenge, { prompt: "login", state: "switch" }));
    expect(isLoginForm(form)).toBe(true);
    const tokens = await exchangeCode(
      emulator.url,
      callbackCode(await submitLogin(browser, form.url, "vera", "demo-password"), "switch"),
      verifier,
    );
    expect((await userinfo(emulator.url, tokens.body.access_token!)).sub).toBe("400000000000000003");
  });

  it("revokes an operator token with client_secret_post, after which userinfo refuses it", async () => {
    const tokens = await signIn(new Browser(emulator.url), emulator.url, "oscar");
    const revoke = await fetch(`${emulator.url}/oauth/v2/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.access_token, client_id: CONSOLE.id, client_secret: CONSOLE.secret }).toString(),
    });
    expect(revoke.status).toBe(200);
    const answer = await fetch(`${emulator.url}/oidc/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(answer.status).toBe(401);
    expect(await answer.text()).toBe('{"error":"access_denied","error_description":"access token invalid"}\n');
  });

  it("introspects an operator token as active only for apps of the same project", async () => {
    const tokens = await signIn(new Browser(emulator.url), emulator.url, "vera");
    const introspect = (id: string, secret: string) =>
      fetch(`${emulator.url}/oauth/v2/introspect`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(id, secret) },
        body: new URLSearchParams({ token: tokens.access_token }).toString(),
      }).then((r) => r.json());
    expect(await introspect(CONSOLE.id, CONSOLE.secret)).toMatchObject({ active: true, sub: "400000000000000003", client_id: CONSOLE.id });
    expect(await introspect("demo-api", "demo-api-secret")).toEqual({ active: false });
  });

  it("refuses a code exchange without the PKCE verifier", async () => {
    const browser = new Browser(emulator.url);
    const form = await browser.follow(authorizeUrl(emulator.url, pkce().challenge));
    const code = callbackCode(await submitLogin(browser, form.url, "vera@acme.localhost", "demo-password"));
    const tokens = await exchangeCode(emulator.url, code, "wrong-verifier-wrong-verifier-wrong-verifier");
    expect(tokens.status).toBe(400);
    expect(tokens.body.error).toBe("invalid_grant");
  });

  it("refuses an authorization request without a code challenge", async () => {
    const url = new URL(authorizeUrl(emulator.url, "x", { state: "s" }));
    url.searchParams.delete("code_challenge");
    url.searchParams.delete("code_challenge_method");
    const answer = await new Browser(emulator.url).request(url.toString());
    expect(answer.location).toBeDefined();
    expect(new URL(answer.location!).searchParams.get("error")).toBe("invalid_request");
  });
});
