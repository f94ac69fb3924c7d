import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken, basic, call, demo, oauthBody, postForm, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// Introspection (only apps may ask, token problems are {"active":false}) and userinfo, as ZITADEL answers them.

let emulator: RunningEmulator;
let introspect: string;
let userinfo: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  introspect = `${emulator.url}/oauth/v2/introspect`;
  userinfo = `${emulator.url}/oidc/v1/userinfo`;
});
afterAll(() => emulator.close());

const API_AUD = "urn:zitadel:iam:org:project:id:500000000000000002:aud";
const apiBasic = basic("demo-api", "demo-api-secret");
const INACTIVE = '{"active":false}\n';

describe("introspection", () => {
  it("reports an active token whose audience holds the caller's project", async () => {
    const token = await accessToken(emulator.url, demo.reporter, `openid profile ${API_AUD}`);
    const answer = await postForm(introspect, { token }, { authorization: apiBasic });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    expect(body).toMatchObject({
      active: true,
      scope: `openid profile ${API_AUD}`,
      client_id: "acme-reporter",
      token_type: "Bearer",
      sub: demo.reporter.userId,
      aud: ["500000000000000002"],
      amr: ["pwd"],
      iss: emulator.issuer,
      username: "acme-reporter",
      name: "ACME Reporter",
      preferred_username: "acme-reporter",
    });
    expect(body.jti).toMatch(/^V2_\d+-at_\d+$/);
    expect((body.exp as number) - (body.iat as number)).toBe(43200);
  });

  it("says inactive, with 200, for a token without the caller's audience or an unknown token", async () => {
    const token = await accessToken(emulator.url, demo.reporter, "openid");
    for (const candidate of [token, "unknown-token"]) {
      const answer = await postForm(introspect, { token: candidate }, { authorization: apiBasic });
      expect([answer.status, answer.text]).toEqual([200, INACTIVE]);
    }
  });

  it("refuses an app with a wrong secret, and a service user, as unauthorized_client without description", async () => {
    const token = await accessToken(emulator.url, demo.reporter, API_AUD);
    for (const authorization of [basic("demo-api", "wrong"), basic(demo.reporter.id, demo.reporter.secret)]) {
      const answer = await postForm(introspect, { token }, { authorization });
      expect([answer.status, answer.text]).toEqual([400, '{"error":"unauthorized_client"}\n']);
    }
  });

  it("requires an authenticated client and a token", async () => {
    const noClient = await postForm(introspect, { token: "x" });
    expect([noClient.status, noClient.text]).toEqual([400, oauthBody("invalid_request", "client_id or client_assertion must be provided")]);
    const noSecret = await postForm(introspect, { token: "x", client_id: "demo-api" });
    expect([noSecret.status, noSecret.text]).toEqual([400, oauthBody("invalid_client", "client must be authenticated")]);
    const noToken = await postForm(introspect, {}, { authorization: apiBasic });
    expect([noToken.status, noToken.text]).toEqual([400, oauthBody("invalid_request", "token missing")]);
  });
});

describe("userinfo for service users", () => {
  it("returns sub plus profile claims with the profile scope", async () => {
    const token = await accessToken(emulator.url, demo.reporter, "openid profile");
    const answer = await call(userinfo, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(
      `{"sub":"300000000000000001","name":"ACME Reporter","preferred_username":"acme-reporter","updated_at":${Math.floor(Date.parse("2026-01-11T08:30:01.25Z") / 1000)}}\n`,
    );
  });

  it("returns only sub without the profile scope, also for JWT access tokens", async () => {
    const token = await accessToken(emulator.url, demo.jwtBot, "openid");
    const answer = await call(userinfo, { headers: { authorization: `Bearer ${token}` } });
    expect([answer.status, answer.text]).toEqual([200, '{"sub":"300000000000000002"}\n']);
  });

  it("answers a missing token with 401 invalid_request and a bad one with 401 access_denied", async () => {
    const missing = await call(userinfo);
    expect([missing.status, missing.text]).toEqual([401, oauthBody("invalid_request", "access token missing")]);
    const invalid = await call(userinfo, { headers: { authorization: "Bearer nope" } });
    expect([invalid.status, invalid.text]).toEqual([401, oauthBody("access_denied", "access token invalid")]);
  });
});
