import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeUrl, Browser, callbackCode, CONSOLE, isLoginForm, pkce, POST_LOGOUT_URI, signIn } from "./operator-flow";
import { call, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// RP-initiated logout as ZITADEL answers it: no confirmation page, the browser's login ends, a 302 to the
// registered post-logout URI with the state; anything unregistered is refused before the session is touched.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const endSessionUrl = (params: Record<string, string>) => `${emulator.url}/oidc/v1/end_session?${new URLSearchParams(params)}`;

/** Signs `loginName` in on a fresh browser and shows that the login is live: a second request needs no form. */
async function signedInBrowser(loginName: string) {
  const browser = new Browser(emulator.url);
  const tokens = await signIn(browser, emulator.url, loginName);
  expect(await asksForPassword(browser)).toBe(false);
  return { browser, idToken: tokens.id_token, accessToken: tokens.access_token };
}

async function asksForPassword(browser: Browser): Promise<boolean> {
  const page = await browser.follow(authorizeUrl(emulator.url, pkce().challenge, { state: "next" }));
  if (isLoginForm(page)) return true;
  expect(callbackCode(page, "next")).not.toBe("");
  return false;
}

describe("end_session", () => {
  it("ends the login and redirects to the registered post-logout URI with the state, without a confirmation", async () => {
    const { browser, idToken, accessToken } = await signedInBrowser("oscar");
    const copied = browser.copy();
    const answer = await browser.request(
      endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: POST_LOGOUT_URI, state: "bye-1" }),
    );
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`${POST_LOGOUT_URI}?state=bye-1`);
    expect(await asksForPassword(browser)).toBe(true);
    // The login ended on the server, not just in this browser's cookie jar.
    expect(await asksForPassword(copied)).toBe(true);
    // Its access token (no offline_access) ended with it.
    const info = await call(`${emulator.url}/oidc/v1/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(info.status).toBe(401);
  });

  it("accepts the request as a form POST with client_id instead of a hint", async () => {
    const { browser } = await signedInBrowser("vera");
    const answer = await browser.request(`${emulator.url}/oidc/v1/end_session`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: CONSOLE.id, post_logout_redirect_uri: POST_LOGOUT_URI }).toString(),
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(POST_LOGOUT_URI);
    expect(await asksForPassword(browser)).toBe(true);
  });

  it("refuses an unregistered post-logout URI and leaves the login alone", async () => {
    const { browser, idToken } = await signedInBrowser("ada");
    for (const uri of ["https://evil.example/login", `${POST_LOGOUT_URI}/`, `${POST_LOGOUT_URI}?next=/`]) {
      const answer = await browser.request(endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: uri, state: "s" }));
      expect(answer.status).toBe(400);
      expect(answer.location).toBeUndefined();
      expect(answer.text).toBe('{"error":"invalid_request","error_description":"post_logout_redirect_uri invalid"}\n');
    }
    expect(await asksForPassword(browser)).toBe(false);
  });

  it("refuses a tampered id_token_hint and a client_id that does not match it", async () => {
    const { browser, idToken } = await signedInBrowser("ada");
    const [header, payload] = idToken.split(".");
    const forged = await browser.request(
      endSessionUrl({ id_token_hint: `${header}.${payload}.AAAA`, post_logout_redirect_uri: POST_LOGOUT_URI }),
    );
    expect(forged.status).toBe(400);
    expect(forged.text).toBe('{"error":"invalid_request","error_description":"id_token_hint invalid"}\n');
    const mismatch = await browser.request(endSessionUrl({ id_token_hint: idToken, client_id: "demo-api" }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toBe('{"error":"invalid_request","error_description":"client_id does not match azp of id_token_hint"}\n');
    expect(await asksForPassword(browser)).toBe(false);
  });

  it("without a client, ignores the post-logout URI and sends the browser to the signed-out page", async () => {
    const { browser } = await signedInBrowser("oscar");
    const answer = await browser.request(endSessionUrl({ post_logout_redirect_uri: "https://evil.example/", state: "bye-2" }));
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`${emulator.url}/ui/login/logout/done?state=bye-2`);
    const page = await call(answer.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain("You have been signed out.");
    expect(await asksForPassword(browser)).toBe(true);
  });
});
