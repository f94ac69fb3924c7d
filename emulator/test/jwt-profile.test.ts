import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  basic,
  call,
  decodeJwtPart,
  demo,
  keyFile,
  oauthBody,
  postForm,
  serviceUser,
  signAssertion,
  startTestEmulator,
  ZITADEL_AUD,
  ZITADEL_PROJECT_ID,
} from "./support";
import type { RunningEmulator } from "../src/server";

// The JWT-profile grant: an assertion signed with a service user's key file, no client authentication, and
// ZITADEL's 500 Errors.Internal for every assertion it cannot verify.

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const INTERNAL = [500, oauthBody("server_error", "Errors.Internal")];
const API_AUD = "urn:zitadel:iam:org:project:id:500000000000000002:aud";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

function grant(assertion: string | undefined, scope = `openid ${ZITADEL_AUD}`, base = emulator.url) {
  const form: Record<string, string> = { grant_type: JWT_BEARER, scope };
  if (assertion !== undefined) form.assertion = assertion;
  return postForm(`${base}/oauth/v2/token`, form);
}

type TokenBody = { access_token: string; token_type: string; expires_in: number; id_token?: string };

describe("JWT-profile grant", () => {
  it("gives a valid assertion a token whose orgs/me answers the user's org", async () => {
    const answer = await grant(await signAssertion(keyFile("acme-key-bot"), emulator.issuer));
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as TokenBody;
    expect(answer.text).toBe(
      `{"access_token":"${body.access_token}","token_type":"Bearer","expires_in":43199,"id_token":"${body.id_token}"}\n`,
    );
    expect(body.access_token.split(".")).toHaveLength(1); // acme-key-bot's tokens are opaque (bearer)
    const orgs = await call(`${emulator.url}/management/v1/orgs/me`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(orgs.status).toBe(200);
    expect(JSON.parse(orgs.text)).toMatchObject({ org: { id: "200000000000000001", name: "ACME Corporation" } });
  });

  it("names the user as client_id and gives no amr, in the id_token and in introspection", async () => {
    const answer = await grant(await signAssertion(keyFile("acme-key-bot"), emulator.issuer), `openid ${API_AUD}`);
    const body = JSON.parse(answer.text) as TokenBody;
    const idToken = decodeJwtPart(body.id_token!, 1);
    expect(idToken).toMatchObject({ sub: demo.keyBot.userId, client_id: "acme-key-bot", azp: "acme-key-bot" });
    expect(idToken).not.toHaveProperty("amr");
    const introspection = await postForm(
      `${emulator.url}/oauth/v2/introspect`,
      { token: body.access_token },
      { authorization: basic("demo-api", "demo-api-secret") },
    );
    const claims = JSON.parse(introspection.text) as Record<string, unknown>;
    expect(claims).toMatchObject({ active: true, client_id: "acme-key-bot", sub: demo.keyBot.userId, aud: ["500000000000000002"] });
    expect(claims).not.toHaveProperty("amr");
  });

  it("ignores client authentication and needs no client_id", async () => {
    const assertion = await signAssertion(keyFile("acme-key-bot"), emulator.issuer);
    const answer = await postForm(
      `${emulator.url}/oauth/v2/token`,
      { grant_type: JWT_BEARER, assertion, scope: "openid" },
      { authorization: basic("acme-reporter", "wrong") },
    );
    expect(answer.status).toBe(200);
  });

  it("answers a missing assertion with 400 invalid_request", async () => {
    for (const assertion of [undefined, ""]) {
      const answer = await grant(assertion);
      expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_request", "assertion missing")]);
    }
  });

  it("applies the client_credentials scope rules: an empty scope is refused", async () => {
    const answer = await grant(await signAssertion(keyFile("acme-key-bot"), emulator.issuer), "");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringMatching(/^The scope of your request is missing/),
    });
  });

  it.each([
    ["a token that is not a JWT", () => Promise.resolve("not-a-jwt")],
    ["an aud with a trailing slash", () => signAssertion(keyFile("acme-key-bot"), `${emulator.issuer}/`)],
    ["an aud without the issuer", () => signAssertion(keyFile("acme-key-bot"), "https://elsewhere.example")],
    ["iss different from sub", () => signAssertion(keyFile("acme-key-bot"), emulator.issuer, { sub: demo.reporter.userId })],
    ["an expired exp", () => signAssertion(keyFile("acme-key-bot"), emulator.issuer, { exp: Math.floor(Date.now() / 1000) - 10 })],
    ["no iat", () => signAssertion(keyFile("acme-key-bot"), emulator.issuer, { iat: undefined })],
    ["an iat in the future", () => signAssertion(keyFile("acme-key-bot"), emulator.issuer, { iat: Math.floor(Date.now() / 1000) + 120 })],
    [
      "an iat over an hour old",
      () => signAssertion(keyFile("acme-key-bot"), emulator.issuer, { iat: Math.floor(Date.now() / 1000) - 3700 }),
    ],
    ["an unknown kid", () => signAssertion(keyFile("acme-key-bot"), emulator.issuer, {}, { kid: "699999999999999999" })],
    ["no kid", () => signAssertion(keyFile("acme-key-bot"), emulator.issuer, {}, { kid: undefined })],
    [
      "a kid owned by another user",
      () => signAssertion(keyFile("acme-retired"), emulator.issuer, { iss: demo.keyBot.userId, sub: demo.keyBot.userId }),
    ],
    [
      "a signature by another key",
      () =>
        signAssertion({ ...keyFile("acme-retired"), keyId: keyFile("acme-key-bot").keyId, userId: demo.keyBot.userId }, emulator.issuer),
    ],
    ["an expired key", () => signAssertion(keyFile("acme-key-bot-expired"), emulator.issuer)],
    ["an application key", () => signAssertion(keyFile("demo-api"), emulator.issuer)],
  ])("refuses %s with 500 server_error Errors.Internal", async (_case, assertion) => {
    const answer = await grant(await assertion());
    expect([answer.status, answer.text]).toEqual(INTERNAL);
  });

  it("tampering with a valid assertion's claims breaks its signature", async () => {
    const [header, , signature] = (await signAssertion(keyFile("acme-key-bot"), emulator.issuer)).split(".");
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: demo.reporter.userId, sub: demo.reporter.userId, aud: emulator.issuer, iat: now, exp: now + 60 };
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
    const answer = await grant(forged);
    expect([answer.status, answer.text]).toEqual(INTERNAL);
  });

  it("answers a deactivated user's valid key like client_credentials: 400 Errors.User.NotActive", async () => {
    const answer = await grant(await signAssertion(keyFile("acme-retired"), emulator.issuer));
    expect([answer.status, answer.text]).toEqual([400, oauthBody("invalid_request", "Errors.User.NotActive")]);
  });
});

describe("JWT-profile grant for a user with JWT access tokens", () => {
  let jwtEmulator: RunningEmulator;

  beforeAll(async () => {
    // Hand acme-key-bot's key to acme-jwt-bot, whose access tokens are JWTs.
    jwtEmulator = await startTestEmulator((seed) => {
      serviceUser(seed, "acme-jwt-bot").keys = serviceUser(seed, "acme-key-bot").keys;
      serviceUser(seed, "acme-key-bot").keys = [];
    });
  });
  afterAll(() => jwtEmulator.close());

  it("mints a signed JWT access token with the user's name as client_id", async () => {
    const file = { ...keyFile("acme-key-bot"), userId: demo.jwtBot.userId };
    const answer = await grant(await signAssertion(file, jwtEmulator.issuer), `openid ${ZITADEL_AUD}`, jwtEmulator.url);
    expect(answer.status).toBe(200);
    const { access_token: token } = JSON.parse(answer.text) as TokenBody;
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${jwtEmulator.url}/oauth/v2/keys`)), {
      issuer: jwtEmulator.issuer,
      algorithms: ["RS256"],
    });
    expect(payload).toMatchObject({ sub: demo.jwtBot.userId, client_id: "acme-jwt-bot", aud: [ZITADEL_PROJECT_ID] });
    expect(payload).not.toHaveProperty("scope");
  });
});
