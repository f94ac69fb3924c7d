import { generateKeyPairSync } from "node:crypto";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { clearIssuerCaches } from "./discovery";
import { exchangeJwtProfile, JWT_BEARER_GRANT, localChecks, signAssertion, type JwtProfileKey } from "./jwt-profile";
import { json, startFakeIssuer, type FakeIssuer } from "./testing";

// The JWT-profile exchange against a scripted ZITADEL: the assertion ZITADEL receives, what the transcript and curl
// show of it, and the diagnosis of ZITADEL's only answer to a bad assertion (500 Errors.Internal).

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const PEM_LINE = PEM.split("\n")[2]!;
const KEY: JwtProfileKey = {
  keyId: "310000000000000001",
  userId: "310000000000000000",
  privateKeyPem: PEM,
  expiresAt: "2099-01-01T00:00:00.000Z",
};
const SCOPES = ["openid", "urn:zitadel:iam:org:project:id:zitadel:aud"];
const INTERNAL = { error: "server_error", error_description: "Errors.Internal" };

let zitadel: FakeIssuer;
let received: URLSearchParams | undefined;
let receivedAuthorization: string | undefined;

beforeAll(async () => {
  zitadel = await startFakeIssuer();
  setTestEnv({ ALLOWED_ISSUERS: zitadel.issuer });
});

beforeEach(() => {
  clearIssuerCaches();
  received = undefined;
  zitadel.token = (body, req) => {
    received = body;
    receivedAuthorization = req.headers.authorization;
    return json(200, { access_token: "opaque-access-token-0123456789", token_type: "Bearer", expires_in: 43199 });
  };
});

afterAll(async () => {
  await closeAgents();
  await zitadel.server.close();
});

describe("signAssertion", () => {
  it("signs RS256 with kid = keyId, iss = sub = userId, aud = the issuer exactly, valid for 60 s", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const { assertion } = await signAssertion({
      issuer: "https://acme.zitadel.cloud",
      keyId: KEY.keyId,
      userId: KEY.userId,
      privateKey,
      now,
    });
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: "RS256", kid: KEY.keyId });
    const { payload } = await jwtVerify(assertion, publicKey, { currentDate: now, algorithms: ["RS256"] });
    expect(payload).toEqual({
      iss: KEY.userId,
      sub: KEY.userId,
      aud: "https://acme.zitadel.cloud",
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 60,
    });
  });
});

describe("exchangeJwtProfile", () => {
  it("posts the jwt-bearer grant with the assertion and scopes, and no client authentication", async () => {
    const result = await exchangeJwtProfile({ issuer: zitadel.issuer, key: KEY, scopes: SCOPES });
    expect(result.ok).toBe(true);
    expect(received?.get("grant_type")).toBe(JWT_BEARER_GRANT);
    expect(received?.get("scope")).toBe(SCOPES.join(" "));
    expect(received?.has("client_id")).toBe(false);
    expect(receivedAuthorization).toBeUndefined();
    const { payload } = await jwtVerify(received!.get("assertion")!, publicKey, { audience: zitadel.issuer, issuer: KEY.userId });
    expect(payload.sub).toBe(KEY.userId);
  });

  it("shows the assertion decoded, never signed, in the transcript and the curl; the key appears nowhere", async () => {
    const result = await exchangeJwtProfile({ issuer: zitadel.issuer, key: KEY, scopes: SCOPES });
    const assertion = received!.get("assertion")!;
    expect(result.transcript?.request.body).toContain("assertion=[REDACTED]");
    expect(result.transcript?.request.assertion).toMatchObject({
      header: { alg: "RS256", kid: KEY.keyId },
      claims: { iss: KEY.userId, aud: zitadel.issuer },
    });
    expect(result.curl).toContain(`"kid":"${KEY.keyId}"`);
    expect(result.curl).toContain('--data-urlencode "assertion=$ASSERTION"');
    const shown = JSON.stringify(result);
    for (const part of assertion.split(".")) expect(shown).not.toContain(part);
    expect(shown).not.toContain(PEM_LINE);
  });

  it("explains 500 Errors.Internal with the causes in order, each checked where it can be", async () => {
    zitadel.token = () => json(500, INTERNAL);
    const result = await exchangeJwtProfile({ issuer: zitadel.issuer, key: KEY, scopes: SCOPES });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis).toMatchObject({ code: "jwt_profile_rejected", title: "ZITADEL refused the key's assertion", httpStatus: 500 });
    expect(result.diagnosis.checks?.map((check) => [check.id, check.result])).toEqual([
      ["audience", "passed"],
      ["clock", "passed"],
      ["key_expiry", "not_checked"],
      ["key_ids", "not_checked"],
    ]);
    expect(result.diagnosis.explanation).toMatch(/1\. .*audience.* 2\. .*clock.* 3\. .*deleted.* 4\. .*key ID/);
    expect(result.diagnosis.fix).toContain("Users → Service Users → this user → Keys");
  });

  it("names an expired key as the cause", async () => {
    zitadel.token = () => json(500, INTERNAL);
    const result = await exchangeJwtProfile({
      issuer: zitadel.issuer,
      key: { ...KEY, expiresAt: "2025-01-01T00:00:00.000Z" },
      scopes: SCOPES,
    });
    expect(result.ok ? null : result.diagnosis).toMatchObject({ title: "The key has expired" });
    expect(result.ok ? [] : result.diagnosis.checks?.find((check) => check.id === "key_expiry")?.detail).toContain("2025-01-01");
  });

  it("names clock skew from ZITADEL's Date header", async () => {
    const late = new Date(Date.now() - 5 * 60_000).toUTCString();
    zitadel.token = () => json(500, INTERNAL, { date: late });
    const result = await exchangeJwtProfile({ issuer: zitadel.issuer, key: KEY, scopes: SCOPES });
    const clock = result.ok ? undefined : result.diagnosis.checks?.find((check) => check.id === "clock");
    expect(clock).toMatchObject({ result: "failed", detail: expect.stringMatching(/ahead of ZITADEL's/) });
    expect(result.ok ? null : result.diagnosis.title).toBe("This server's clock and ZITADEL's disagree");
  });

  it("diagnoses other refusals like a client secret's (deactivated user)", async () => {
    zitadel.token = () => json(400, { error: "invalid_grant", error_description: "Errors.User.NotActive" });
    const result = await exchangeJwtProfile({ issuer: zitadel.issuer, key: KEY, scopes: SCOPES });
    expect(result.ok ? null : result.diagnosis.code).toBe("user_inactive");
  });
});

describe("localChecks", () => {
  const base = {
    issuer: "https://acme.zitadel.cloud",
    discoveredIssuer: "https://acme.zitadel.cloud",
    serverDate: null,
    receivedAt: Date.parse("2026-03-01T12:00:00Z"),
    key: KEY,
  };

  it("names an audience the discovery document spells otherwise", () => {
    const [audience] = localChecks({ ...base, discoveredIssuer: "https://acme.zitadel.cloud:443/" });
    expect(audience).toMatchObject({
      id: "audience",
      result: "failed",
      detail: expect.stringContaining("https://acme.zitadel.cloud:443/"),
    });
  });

  it("cannot check the clock without a Date header, and names missing ids", () => {
    const checks = localChecks({ ...base, key: { ...KEY, keyId: "" } });
    expect(checks.find((check) => check.id === "clock")?.result).toBe("not_checked");
    expect(checks.find((check) => check.id === "key_ids")?.result).toBe("failed");
  });
});
