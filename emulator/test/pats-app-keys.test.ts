import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken, basic, call, demo, demoPats, keyFile, oauthBody, postForm, signAssertion, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// Personal access tokens (Bearer wherever a service user's token goes) and introspection authenticated with an
// API app's key (private_key_jwt).

const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const INACTIVE = '{"active":false}\n';
const UNAUTHORIZED = [400, '{"error":"unauthorized_client"}\n'];
const TOKEN_INVALID = JSON.stringify({
  code: 16,
  message: "Errors.Token.Invalid (AUTH-7fs1e)",
  details: [{ "@type": "type.googleapis.com/zitadel.v1.ErrorDetail", id: "AUTH-7fs1e", message: "Errors.Token.Invalid" }],
});
const PAT_EXP = Date.parse("2099-01-01T00:00:00Z") / 1000;

let emulator: RunningEmulator;
let introspect: string;
const pats = demoPats();

beforeAll(async () => {
  emulator = await startTestEmulator();
  introspect = `${emulator.url}/oauth/v2/introspect`;
});
afterAll(() => emulator.close());

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const apiBasic = basic("demo-api", "demo-api-secret");

describe("personal access tokens", () => {
  it("open orgs/me and userinfo while valid", async () => {
    const orgs = await call(`${emulator.url}/management/v1/orgs/me`, bearer(pats.valid));
    expect(orgs.status).toBe(200);
    expect(JSON.parse(orgs.text)).toMatchObject({ org: { id: "200000000000000001", name: "ACME Corporation" } });
    const userinfo = await call(`${emulator.url}/oidc/v1/userinfo`, bearer(pats.valid));
    expect(userinfo.status).toBe(200);
    expect(JSON.parse(userinfo.text)).toMatchObject({
      sub: demo.reporter.userId,
      preferred_username: "acme-reporter",
      "urn:zitadel:iam:user:resourceowner:id": "200000000000000001",
    });
  });

  it("introspect as active for demo-api, with the PAT's expiry and no client or amr", async () => {
    const answer = await postForm(introspect, { token: pats.valid }, { authorization: apiBasic });
    expect(answer.status).toBe(200);
    const claims = JSON.parse(answer.text) as Record<string, unknown>;
    expect(claims).toMatchObject({
      active: true,
      token_type: "Bearer",
      exp: PAT_EXP,
      sub: demo.reporter.userId,
      aud: ["100000000000000001", "demo-api", "500000000000000002"],
      iss: emulator.issuer,
      username: "acme-reporter",
    });
    expect(claims).not.toHaveProperty("client_id");
    expect(claims).not.toHaveProperty("amr");
  });

  it("introspect as active for any authenticated app: ZITADEL adds the caller's client and project ids to the audience", async () => {
    const answer = await postForm(introspect, { token: pats.valid }, { authorization: basic("m2m-console", "m2m-console-demo-secret") });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      active: true,
      sub: demo.reporter.userId,
      aud: ["100000000000000001", "m2m-console", "500000000000000001"],
    });
  });

  it("answer like an expired token once expired: orgs/me 401, userinfo 401, introspection inactive", async () => {
    const orgs = await call(`${emulator.url}/management/v1/orgs/me`, bearer(pats.expired));
    expect([orgs.status, orgs.text]).toEqual([401, TOKEN_INVALID]);
    const userinfo = await call(`${emulator.url}/oidc/v1/userinfo`, bearer(pats.expired));
    expect([userinfo.status, userinfo.text]).toEqual([401, oauthBody("access_denied", "access token invalid")]);
    const introspection = await postForm(introspect, { token: pats.expired }, { authorization: apiBasic });
    expect([introspection.status, introspection.text]).toEqual([200, INACTIVE]);
  });

  it("stop working when the user is deactivated", async () => {
    const deactivated = await startTestEmulator((seed) => {
      seed.serviceUsers.find((user) => user.username === "acme-reporter")!.state = "inactive";
    });
    try {
      const orgs = await call(`${deactivated.url}/management/v1/orgs/me`, bearer(pats.valid));
      expect([orgs.status, orgs.text]).toEqual([401, TOKEN_INVALID]);
      const introspection = await postForm(`${deactivated.url}/oauth/v2/introspect`, { token: pats.valid }, { authorization: apiBasic });
      expect([introspection.status, introspection.text]).toEqual([200, INACTIVE]);
    } finally {
      await deactivated.close();
    }
  });
});

describe("introspection with an application key (private_key_jwt)", () => {
  function introspectWith(assertion: string, token: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
    return postForm(introspect, { client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion, token, ...extra }, headers);
  }

  it("accepts an assertion signed with demo-api's key", async () => {
    const assertion = await signAssertion(keyFile("demo-api"), emulator.issuer);
    const answer = await introspectWith(assertion, pats.valid);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ active: true, sub: demo.reporter.userId, exp: PAT_EXP });
    // The caller is demo-api: a token for another audience is still inactive.
    const other = await introspectWith(assertion, await accessToken(emulator.url, demo.reporter, "openid"), { client_id: "demo-api" });
    expect([other.status, other.text]).toEqual([200, INACTIVE]);
  });

  it.each([
    ["an aud that is not the issuer", () => signAssertion(keyFile("demo-api"), `${emulator.issuer}/`)],
    ["an expired assertion", () => signAssertion(keyFile("demo-api"), emulator.issuer, { exp: Math.floor(Date.now() / 1000) - 10 })],
    ["iss different from sub", () => signAssertion(keyFile("demo-api"), emulator.issuer, { sub: "m2m-console" })],
    ["an unknown kid", () => signAssertion(keyFile("demo-api"), emulator.issuer, {}, { kid: "699999999999999999" })],
    [
      "a signature by another key",
      () => signAssertion({ ...keyFile("acme-key-bot"), keyId: keyFile("demo-api").keyId, userId: "demo-api" }, emulator.issuer),
    ],
    ["a service user's key", () => signAssertion(keyFile("acme-key-bot"), emulator.issuer)],
  ])("refuses %s with 400 unauthorized_client", async (_case, assertion) => {
    const answer = await introspectWith(await assertion(), pats.valid);
    expect([answer.status, answer.text]).toEqual(UNAUTHORIZED);
  });

  it("answers an assertion that is not a JWT with 200 inactive: ZITADEL swallows all but unauthorized_client", async () => {
    const answer = await introspectWith("not-a-jwt", pats.valid);
    expect([answer.status, answer.text]).toEqual([200, INACTIVE]);
  });

  it("refuses a valid assertion with the wrong assertion type or another client_id", async () => {
    const assertion = await signAssertion(keyFile("demo-api"), emulator.issuer);
    const wrongType = await introspectWith(assertion, pats.valid, { client_assertion_type: "urn:example:other" });
    expect([wrongType.status, wrongType.text]).toEqual(UNAUTHORIZED);
    const wrongClient = await introspectWith(assertion, pats.valid, { client_id: "m2m-console" });
    expect([wrongClient.status, wrongClient.text]).toEqual(UNAUTHORIZED);
  });

  it("refuses an assertion together with Basic credentials", async () => {
    const assertion = await signAssertion(keyFile("demo-api"), emulator.issuer);
    const answer = await introspectWith(assertion, pats.valid, {}, { authorization: apiBasic });
    expect([answer.status, answer.text]).toEqual([
      400,
      oauthBody("invalid_request", "client authentication must not use more than one method"),
    ]);
  });
});
