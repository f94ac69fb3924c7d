import { randomBytes } from "node:crypto";
import { CompactEncrypt, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { startFakeIssuer, type FakeIssuer } from "./testing";
import { analyzeToken, type AnalyzeTokenInput } from "./token-analysis";

let zitadel: FakeIssuer;
let keyless: FakeIssuer; // publishes a broken JWKS

beforeAll(async () => {
  zitadel = await startFakeIssuer();
  keyless = await startFakeIssuer();
  keyless.jwks = { keys: "not a list" } as never;
  setTestEnv({ ALLOWED_ISSUERS: [zitadel.issuer, keyless.issuer].join(",") });
});

afterAll(async () => {
  await closeAgents();
  await Promise.all([zitadel.server.close(), keyless.server.close()]);
});

const obtainedAt = new Date("2026-11-25T12:00:00.000Z");

function input(accessToken: string, overrides: Partial<AnalyzeTokenInput> = {}): AnalyzeTokenInput {
  return {
    issuer: zitadel.issuer,
    accessToken,
    tokenType: "Bearer",
    expiresIn: 43199,
    obtainedAt,
    scopesRequested: ["openid"],
    ...overrides,
  };
}

function zitadelClaims() {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: zitadel.issuer,
    sub: "300000000000000010",
    aud: ["294645919545032706", "300000000000000002"],
    exp: now + 43200,
    iat: now,
    nbf: now,
    client_id: "acme-reporter",
    jti: "V2_1-at_2",
    "urn:zitadel:iam:user:resourceowner:id": "300000000000000002",
    "urn:zitadel:iam:user:resourceowner:name": "ACME",
    "urn:zitadel:iam:user:resourceowner:primary_domain": "acme.localhost",
    "urn:zitadel:iam:org:project:294645919545032706:roles": { reader: { "300000000000000002": "acme.localhost" } },
  };
}

describe("analyzeToken", () => {
  it("verifies a JWT access token against the issuer's JWKS and reads ZITADEL's claims", async () => {
    const token = await zitadel.sign(zitadelClaims());
    const result = await analyzeToken(input(token));
    expect(result).toMatchObject({
      kind: "jwt",
      signature: "verified",
      audience: ["294645919545032706", "300000000000000002"],
      header: { alg: "RS256", kid: "key-1" },
      zitadel: {
        resourceOwnerId: "300000000000000002",
        resourceOwnerName: "ACME",
        resourceOwnerDomain: "acme.localhost",
        roles: [{ projectId: "294645919545032706", role: "reader", orgs: [{ id: "300000000000000002", domain: "acme.localhost" }] }],
      },
      expiresAt: "2026-11-25T23:59:59.000Z",
      length: token.length,
      masked: `${token.slice(0, 8)}…${token.slice(-4)}`,
    });
    expect(result.claims?.client_id).toBe("acme-reporter");
    expect(result.fingerprint).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it("marks a tampered JWT as unverified and says why", async () => {
    const token = await zitadel.sign(zitadelClaims());
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...zitadelClaims(), "urn:zitadel:iam:user:resourceowner:name": "EVIL" })).toString(
      "base64url",
    );
    const result = await analyzeToken(input(`${header}.${forged}.${signature}`));
    expect(result.kind).toBe("jwt");
    expect(result.signature).toBe("unverified");
    expect(result.signatureNote).toMatch(/does not match/);
  });

  it("marks a JWT signed by another key with the same kid as unverified", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const token = await new SignJWT(zitadelClaims()).setProtectedHeader({ alg: "RS256", kid: "key-1" }).sign(privateKey);
    expect((await analyzeToken(input(token))).signature).toBe("unverified");
  });

  it("never verifies an HMAC-signed token with a public key", async () => {
    const token = await new SignJWT(zitadelClaims()).setProtectedHeader({ alg: "HS256", kid: "key-1" }).sign(randomBytes(32));
    const result = await analyzeToken(input(token));
    expect(result.kind).toBe("jwt");
    expect(result.signature).toBe("unverified");
  });

  it("says unverified (not an error) when the issuer's keys cannot be read", async () => {
    const token = await keyless.sign({ ...zitadelClaims(), iss: keyless.issuer });
    const result = await analyzeToken(input(token, { issuer: keyless.issuer }));
    expect(result.signature).toBe("unverified");
    expect(result.signatureNote).toMatch(/could not be fetched/);
  });

  it("does not decode a 5-part JWE: it is an encrypted opaque token", async () => {
    const jwe = await new CompactEncrypt(new TextEncoder().encode("V2_1-at_2:300000000000000010"))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
      .encrypt(randomBytes(32));
    expect(jwe.split(".")).toHaveLength(5);
    const result = await analyzeToken(input(jwe));
    expect(result).toMatchObject({ kind: "encrypted", signature: "not_applicable", audience: [] });
    expect(result.claims).toBeUndefined();
    expect(result.header).toBeUndefined();
  });

  it("treats a random base64url string, and an unsigned alg=none token, as opaque", async () => {
    const opaque = randomBytes(60).toString("base64url");
    expect(await analyzeToken(input(opaque))).toMatchObject({ kind: "opaque", signature: "not_applicable", zitadel: {} });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sub":"x"}').toString("base64url")}.`;
    const result = await analyzeToken(input(unsigned));
    expect(result.kind).toBe("opaque");
    expect(result.claims).toBeUndefined();
  });

  it("reads the id_token, notes ZITADEL's exp == iat bug as a remark and does not reject it", async () => {
    const now = Math.floor(Date.now() / 1000) - 60;
    const idToken = await zitadel.sign({
      iss: zitadel.issuer,
      sub: "300000000000000010",
      aud: ["acme-reporter"],
      azp: "acme-reporter",
      exp: now,
      iat: now,
      amr: ["pwd"],
    });
    const result = await analyzeToken(input(randomBytes(60).toString("base64url"), { idToken }));
    expect(result.idToken?.signature).toBe("verified");
    expect(result.idToken?.claims.azp).toBe("acme-reporter");
    expect(result.idToken?.remarks.join(" ")).toMatch(/exp equals iat/);
  });
});
