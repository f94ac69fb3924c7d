import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basic, decodeJwtPart, demo, postForm, requestToken, startTestEmulator, ZITADEL_AUD, ZITADEL_PROJECT_ID } from "./support";
import type { RunningEmulator } from "../src/server";

// The success body byte for byte, both token formats, id_token, client authentication forms (docs/zitadel-notes.md).

let emulator: RunningEmulator;
let base: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  base = emulator.url;
});
afterAll(() => emulator.close());

type TokenBody = { access_token: string; token_type: string; expires_in: number; id_token?: string };
const parse = (text: string) => JSON.parse(text) as TokenBody;

function verify(jwt: string) {
  return jwtVerify(jwt, createRemoteJWKSet(new URL(`${base}/oauth/v2/keys`)), { issuer: emulator.issuer, algorithms: ["RS256"] });
}

describe("client_credentials success", () => {
  it("returns exactly access_token, token_type, expires_in (+ id_token with openid), newline-terminated", async () => {
    const answer = await requestToken(base, demo.reporter, `openid profile ${ZITADEL_AUD}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.text.endsWith("}\n")).toBe(true);
    const body = parse(answer.text);
    expect(Object.keys(body)).toEqual(["access_token", "token_type", "expires_in", "id_token"]);
    expect(answer.text).toBe(
      `{"access_token":"${body.access_token}","token_type":"Bearer","expires_in":43199,"id_token":"${body.id_token}"}\n`,
    );
  });

  it("omits id_token without openid, and never returns scope or refresh_token", async () => {
    const answer = await requestToken(base, demo.reporter, `profile offline_access ${ZITADEL_AUD}`);
    const body = parse(answer.text);
    expect(Object.keys(body)).toEqual(["access_token", "token_type", "expires_in"]);
  });

  it("issues an opaque base64url bearer token for ACCESS_TOKEN_TYPE_BEARER users", async () => {
    const { access_token: token } = parse((await requestToken(base, demo.reporter, "openid")).text);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(token.split(".")).toHaveLength(1);
  });

  it("issues a signed JWT with ZITADEL's access-token claims for ACCESS_TOKEN_TYPE_JWT users", async () => {
    const { access_token: token } = parse((await requestToken(base, demo.jwtBot, `openid ${ZITADEL_AUD}`)).text);
    const { payload, protectedHeader } = await verify(token);
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(protectedHeader.kid).toMatch(/^\d+$/);
    expect(Object.keys(payload)).toEqual(["iss", "sub", "aud", "exp", "iat", "nbf", "client_id", "jti"]);
    expect(payload).toMatchObject({ iss: emulator.issuer, sub: demo.jwtBot.userId, aud: [ZITADEL_PROJECT_ID], client_id: "acme-jwt-bot" });
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.exp! - payload.iat!).toBe(43200);
    expect(payload.jti).toMatch(/^V2_\d+-at_\d+$/);
  });

  it("falls back to aud [username] without an audience scope and adds any project audience", async () => {
    const plain = parse((await requestToken(base, demo.jwtBot, "openid")).text);
    expect(decodeJwtPart(plain.access_token, 1).aud).toEqual(["acme-jwt-bot"]);
    const custom = parse((await requestToken(base, demo.jwtBot, `urn:zitadel:iam:org:project:id:777:aud ${ZITADEL_AUD}`)).text);
    expect(decodeJwtPart(custom.access_token, 1).aud).toEqual(["777", ZITADEL_PROJECT_ID]);
  });

  it("adds resource-owner claims only when asked, and never a scope claim", async () => {
    const { access_token: token } = parse(
      (await requestToken(base, demo.jwtBot, "openid urn:zitadel:iam:user:resourceowner urn:zitadel:iam:org:id:200000000000000001")).text,
    );
    const claims = decodeJwtPart(token, 1);
    expect(claims).toMatchObject({
      "urn:zitadel:iam:org:id": "200000000000000001",
      "urn:zitadel:iam:user:resourceowner:id": "200000000000000001",
      "urn:zitadel:iam:user:resourceowner:name": "ACME Corporation",
      "urn:zitadel:iam:user:resourceowner:primary_domain": "acme.localhost",
    });
    expect(claims).not.toHaveProperty("scope");
  });

  it("signs an id_token for the service user with aud + username, amr pwd and profile claims", async () => {
    const body = parse((await requestToken(base, demo.reporter, `openid profile ${ZITADEL_AUD}`)).text);
    const { payload } = await verify(body.id_token!);
    expect(payload).toMatchObject({
      iss: emulator.issuer,
      sub: demo.reporter.userId,
      aud: [ZITADEL_PROJECT_ID, "acme-reporter"],
      azp: "acme-reporter",
      client_id: "acme-reporter",
      amr: ["pwd"],
      name: "ACME Reporter",
      preferred_username: "acme-reporter",
    });
    expect(payload.auth_time).toBe(payload.iat);
    expect(typeof payload.updated_at).toBe("number");
    expect(payload.at_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const withoutProfile = await verify(parse((await requestToken(base, demo.reporter, "openid")).text).id_token!);
    expect(withoutProfile.payload).not.toHaveProperty("name");
  });
});

describe("client authentication", () => {
  it("accepts a form-encoded Basic username containing + and @", async () => {
    const answer = await requestToken(base, demo.billing, "openid");
    expect(answer.status).toBe(200);
  });

  it("turns an un-encoded + into a space, so the client is not found", async () => {
    const answer = await postForm(
      `${base}/oauth/v2/token`,
      { grant_type: "client_credentials", scope: "openid" },
      { authorization: basic(demo.billing.id, demo.billing.secret, { encode: false }) },
    );
    expect([answer.status, answer.text]).toEqual([400, '{"error":"invalid_client","error_description":"client not found"}\n']);
  });

  it("accepts client_secret_post", async () => {
    const answer = await postForm(`${base}/oauth/v2/token`, {
      grant_type: "client_credentials",
      client_id: demo.billing.id,
      client_secret: demo.billing.secret,
      scope: "openid",
    });
    expect(answer.status).toBe(200);
  });

  it("matches the username case-insensitively", async () => {
    const answer = await requestToken(base, { id: "ACME-Reporter", secret: demo.reporter.secret }, "openid");
    expect(answer.status).toBe(200);
  });

  it("merges URL query parameters into the form", async () => {
    const answer = await postForm(
      `${base}/oauth/v2/token?grant_type=client_credentials&scope=openid`,
      {},
      { authorization: basic(demo.reporter.id, demo.reporter.secret) },
    );
    expect(answer.status).toBe(200);
  });
});
