import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basic, call, demo, oauthBody, postForm, serviceUser, startTestEmulator, ZITADEL_AUD } from "./support";
import type { RunningEmulator } from "../src/server";

// Every token error in docs/zitadel-notes.md#token-errors, its HTTP status and its exact body, in ZITADEL's check order.

let emulator: RunningEmulator;
let tokenUrl: string;

beforeAll(async () => {
  emulator = await startTestEmulator((seed) => {
    serviceUser(seed, "acme-flaky").state = "locked";
  });
  tokenUrl = `${emulator.url}/oauth/v2/token`;
});
afterAll(() => emulator.close());

const SCOPE_MISSING =
  "The scope of your request is missing. Please ensure some scopes are requested. If you have any questions, you may contact the administrator of the application.";

function credentialsRequest(id: string, secret: string, form: Record<string, string> = {}) {
  return postForm(tokenUrl, { grant_type: "client_credentials", scope: "openid", ...form }, { authorization: basic(id, secret) });
}

describe("token endpoint errors", () => {
  it("answers a missing grant_type with 400 invalid_request and ZITADEL's no-cache JSON", async () => {
    const answer = await postForm(tokenUrl, { scope: "openid" }, { authorization: basic(demo.reporter.id, demo.reporter.secret) });
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(oauthBody("invalid_request", "grant_type missing"));
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("pragma")).toBe("no-cache");
  });

  it("ignores a JSON body, so grant_type looks missing", async () => {
    const answer = await call(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: basic(demo.reporter.id, demo.reporter.secret) },
      body: JSON.stringify({ grant_type: "client_credentials", scope: "openid" }),
    });
    expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_request", "grant_type missing")]);
  });

  it("answers an empty body with grant_type missing", async () => {
    const answer = await call(tokenUrl, { method: "POST" });
    expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_request", "grant_type missing")]);
  });

  it("names an unsupported grant type", async () => {
    const answer = await postForm(tokenUrl, { grant_type: "password", username: "ada", password: "demo-password" });
    expect([answer.status, answer.text]).toEqual([400, oauthBody("unsupported_grant_type", "password not supported")]);
  });

  it("requires a client id", async () => {
    const answer = await postForm(tokenUrl, { grant_type: "client_credentials", scope: "openid" });
    expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_request", "client_id or client_assertion must be provided")]);
  });

  it("refuses Basic plus client_id and client_secret in the body", async () => {
    const answer = await credentialsRequest(demo.reporter.id, demo.reporter.secret, {
      client_id: demo.reporter.id,
      client_secret: demo.reporter.secret,
    });
    expect([answer.status, answer.text]).toEqual([
      400,
      oauthBody("invalid_request", "client authentication must not use more than one method"),
    ]);
  });

  it("still accepts Basic plus a lone client_id in the body", async () => {
    const answer = await credentialsRequest(demo.reporter.id, demo.reporter.secret, { client_id: demo.reporter.id });
    expect(answer.status).toBe(200);
  });

  it("rejects a malformed %-escape in Basic credentials", async () => {
    const header = `Basic ${Buffer.from(`acme-reporter%zz:${demo.reporter.secret}`).toString("base64")}`;
    const answer = await postForm(tokenUrl, { grant_type: "client_credentials", scope: "openid" }, { authorization: header });
    expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_client", "invalid basic auth header")]);
  });

  it("does not find an unknown client", async () => {
    const answer = await credentialsRequest("nobody", "whatever");
    expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_client", "client not found")]);
  });

  it("does not accept the numeric user id as client id", async () => {
    const answer = await credentialsRequest(demo.reporter.userId, demo.reporter.secret);
    expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_client", "client not found")]);
  });

  it("reports a machine without a secret, and a human user, as Secret.NotExisting", async () => {
    for (const [id, secret] of [
      [demo.noSecret.id, "anything"],
      ["ada", "demo-password"],
    ] as const) {
      const answer = await credentialsRequest(id, secret);
      expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_request", "Errors.User.Machine.Secret.NotExisting")]);
    }
  });

  it("answers a wrong or empty secret with 400 Secret.Invalid, not 401", async () => {
    for (const secret of [`${demo.reporter.secret}x`, ""]) {
      const answer = await credentialsRequest(demo.reporter.id, secret);
      expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_request", "Errors.User.Machine.Secret.Invalid")]);
    }
  });

  it("requires a non-empty scope", async () => {
    for (const form of [{ scope: "" }, { scope: "   " }]) {
      const answer = await credentialsRequest(demo.reporter.id, demo.reporter.secret, form);
      expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_request", SCOPE_MISSING)]);
    }
    const noScope = await postForm(
      tokenUrl,
      { grant_type: "client_credentials" },
      { authorization: basic(demo.reporter.id, demo.reporter.secret) },
    );
    expect([noScope.status, noScope.text]).toEqual([400, oauthBody("invalid_request", SCOPE_MISSING)]);
  });

  it("refuses deactivated and locked users with Errors.User.NotActive", async () => {
    const retired = await credentialsRequest(demo.retired.id, demo.retired.secret);
    expect([retired.status, retired.text]).toEqual([400, oauthBody("invalid_request", "Errors.User.NotActive")]);
    const locked = await credentialsRequest(demo.flaky.id, demo.flaky.secret);
    expect([locked.status, locked.text]).toEqual([400, oauthBody("invalid_request", "Errors.User.NotActive")]);
  });

  it("checks the secret before the scope, and the scope before the user state", async () => {
    const badSecretNoScope = await credentialsRequest(demo.reporter.id, "wrong", { scope: "" });
    expect(badSecretNoScope.text).toBe(oauthBody("invalid_request", "Errors.User.Machine.Secret.Invalid"));
    const retiredWrongSecret = await credentialsRequest(demo.retired.id, "wrong");
    expect(retiredWrongSecret.text).toBe(oauthBody("invalid_request", "Errors.User.Machine.Secret.Invalid"));
    const retiredNoScope = await credentialsRequest(demo.retired.id, demo.retired.secret, { scope: "" });
    expect(retiredNoScope.text).toBe(oauthBody("invalid_request", SCOPE_MISSING));
  });

  it("drops foreign org scopes and unknown scopes silently and still issues a token", async () => {
    const answer = await credentialsRequest(demo.reporter.id, demo.reporter.secret, {
      scope: `urn:zitadel:iam:org:id:200000000000000002 urn:zitadel:iam:org:domain:primary:globex.localhost api:read ${ZITADEL_AUD}`,
    });
    expect(answer.status).toBe(200);
    expect(Object.keys(JSON.parse(answer.text) as object)).toEqual(["access_token", "token_type", "expires_in"]);
  });
});
