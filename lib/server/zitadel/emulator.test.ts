import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { exchangeToken, type ExchangeInput } from "./exchange";
import { lookupOrg } from "./orgs";
import { analyzeToken } from "./token-analysis";
import { ZITADEL_API_AUDIENCE_SCOPE } from "./wire";

// End to end against the bundled ZITADEL emulator, over real HTTP: discovery → token → orgs/me.

let emulator: EmulatorProcess;
let wrongHost: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  // The same server under another host name: ZITADEL picks the instance by Host, so this one is "not found".
  wrongHost = emulator.issuer.replace("localhost", "127.0.0.1");
  setTestEnv({ ALLOWED_ISSUERS: [emulator.issuer, wrongHost].join(",") });
});

afterAll(async () => {
  await closeAgents();
  await emulator.close();
});

const SCOPES = ["openid", ZITADEL_API_AUDIENCE_SCOPE];

function credential(clientId: string, clientSecret: string, overrides: Partial<ExchangeInput> = {}): ExchangeInput {
  return { issuer: emulator.issuer, clientId, clientSecret, scopes: SCOPES, authMethod: "basic", ...overrides };
}

async function orgFor(input: ExchangeInput) {
  const token = await exchangeToken(input);
  if (!token.ok) throw new Error(`token failed: ${token.diagnosis.code}`);
  return lookupOrg({ issuer: input.issuer, accessToken: token.accessToken, tokenScopes: input.scopes });
}

describe("against the ZITADEL emulator", () => {
  it("acme-reporter: token, then its organization", async () => {
    const token = await exchangeToken(credential("acme-reporter", "Rep0rterDemoSecretAcme2026xxxxx1"));
    expect(token).toMatchObject({ ok: true, httpStatus: 200, tokenType: "Bearer" });
    if (!token.ok) return;
    expect(token.expiresIn).toBeGreaterThan(43000);
    expect(token.idToken).toBeDefined();
    const org = await lookupOrg({ issuer: emulator.issuer, accessToken: token.accessToken });
    expect(org).toMatchObject({
      ok: true,
      org: { id: "200000000000000001", name: "ACME Corporation", primaryDomain: "acme.localhost", state: "active" },
    });
  });

  it("acme-reporter with client_secret_post works the same", async () => {
    const token = await exchangeToken(credential("acme-reporter", "Rep0rterDemoSecretAcme2026xxxxx1", { authMethod: "post" }));
    expect(token.ok).toBe(true);
  });

  it("billing+ops@acme: a client ID with + and @ survives Basic encoding", async () => {
    const token = await exchangeToken(credential("billing+ops@acme", "B1llingOpsDemoSecret2026xxxxxxx6"));
    expect(token.ok).toBe(true);
  });

  it("acme-jwt-bot: a JWT access token whose signature verifies against the emulator's JWKS", async () => {
    const token = await exchangeToken(credential("acme-jwt-bot", "JwtB0tDemoSecretAcme2026xxxxxxx2"));
    if (!token.ok) throw new Error(token.diagnosis.code);
    const analysis = await analyzeToken({
      issuer: emulator.issuer,
      accessToken: token.accessToken,
      tokenType: token.tokenType,
      expiresIn: token.expiresIn,
      idToken: token.idToken,
      obtainedAt: new Date(),
      scopesRequested: SCOPES,
    });
    expect(analysis, JSON.stringify(analysis, null, 1)).toMatchObject({ kind: "jwt", signature: "verified" });
    expect(analysis.audience).toContain("100000000000000001");
    expect(analysis.idToken?.signature).toBe("verified");
  });

  it("acme-no-role: the token works but orgs/me says missing_permission", async () => {
    const org = await orgFor(credential("acme-no-role", "N0RoleDemoSecretAcme2026xxxxxxx3"));
    expect(!org.ok && org.diagnosis).toMatchObject({ code: "missing_permission", httpStatus: 403 });
  });

  it("acme-reporter without the ZITADEL audience scope: token_invalid, naming the scope", async () => {
    const org = await orgFor(credential("acme-reporter", "Rep0rterDemoSecretAcme2026xxxxx1", { scopes: ["openid"] }));
    expect(!org.ok && org.diagnosis.code).toBe("token_invalid");
    expect(!org.ok && org.diagnosis.explanation).toContain(ZITADEL_API_AUDIENCE_SCOPE);
  });

  it("a wrong secret: invalid_secret", async () => {
    const token = await exchangeToken(credential("acme-reporter", "WrongSecretWrongSecretWrongSecret"));
    expect(!token.ok && token.diagnosis).toMatchObject({ code: "invalid_secret", httpStatus: 400 });
  });

  it("the numeric user ID as client ID: client_not_found, with the username hint", async () => {
    const token = await exchangeToken(credential("300000000000000001", "Rep0rterDemoSecretAcme2026xxxxx1"));
    expect(!token.ok && token.diagnosis.code).toBe("client_not_found");
    expect(!token.ok && token.diagnosis.explanation).toMatch(/numeric user ID/);
  });

  it("a deactivated user: user_inactive", async () => {
    const token = await exchangeToken(credential("acme-retired", "RetiredDemoSecretAcme2026xxxxxx4"));
    expect(!token.ok && token.diagnosis.code).toBe("user_inactive");
  });

  it("a user without a secret: secret_not_ready", async () => {
    const token = await exchangeToken(credential("acme-no-secret", "AnythingAnythingAnything"));
    expect(!token.ok && token.diagnosis.code).toBe("secret_not_ready");
  });

  it("an nginx 502 page from orgs/me: retried, then not_json, not shown", async () => {
    const org = await orgFor(credential("acme-html", "HtmlDemoSecretAcme2026xxxxxxxxx9"));
    expect(org).toMatchObject({ ok: false, attempts: 3, httpStatus: 502, diagnosis: { code: "not_json", retryable: true } });
    expect(JSON.stringify(org)).not.toMatch(/<html/i);
  });

  it("a wrong host for the instance: instance_not_found", async () => {
    const token = await exchangeToken(credential("acme-reporter", "Rep0rterDemoSecretAcme2026xxxxx1", { issuer: wrongHost }));
    expect(!token.ok && token.diagnosis.code).toBe("instance_not_found");
  });
});
